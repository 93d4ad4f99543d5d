from django.shortcuts import render

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


def accessibility(request):
    return render(request, "portal/accessibility.html")
