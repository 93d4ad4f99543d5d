"""Pages of the oversight part `bulletins`."""

from django.shortcuts import render

from gongkai.agencies.scope import staff_view
from gongkai.common.pagecache import public_page

from .rules import STAFF_ROLES


@staff_view(*STAFF_ROLES)
def home(request):
    return render(request, "oversight/stub.html", {"title": "通报（表扬、批评及整改情况）"})


@public_page
def public_home(request):
    return render(request, "oversight/stub_public.html", {"title": "通报"})
