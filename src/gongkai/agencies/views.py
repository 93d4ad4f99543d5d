from django.shortcuts import render

from .models import Agency, Staff
from .scope import get_scoped_or_404, staff_view, visible_agencies


@staff_view()
def agency_list(request):
    return render(
        request, "agencies/list.html", {"nav": "agencies", "agencies": visible_agencies(request.user)}
    )


@staff_view()
def agency_detail(request, pk: int):
    agency = get_scoped_or_404(request.user, Agency.objects.all(), agency_field="self", pk=pk)
    staff = Staff.objects.filter(agency=agency, is_active=True).prefetch_related("roles").order_by("username")
    return render(request, "agencies/detail.html", {"nav": "agencies", "agency": agency, "staff": staff})
