from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency


def home(request):
    agencies = Agency.objects.filter(is_active=True)
    top = agencies.order_by("path")[:12]
    return render(
        request, "portal/home.html", {"nav": "home", "top_agencies": top, "agency_count": agencies.count()}
    )


def agencies(request):
    return render(
        request,
        "portal/agencies.html",
        {"nav": "openness", "agencies": Agency.objects.filter(is_active=True)},
    )


def agency(request, pk: int):
    agency = get_object_or_404(Agency.objects.select_related("parent"), pk=pk, is_active=True)
    children = agency.children.filter(is_active=True).order_by("sort_order", "pk")
    return render(request, "portal/agency.html", {"nav": "openness", "agency": agency, "children": children})


def accessibility(request):
    return render(request, "portal/accessibility.html")
