"""Pages of the oversight part `reports`."""

from django.shortcuts import render

from gongkai.agencies.scope import staff_view
from gongkai.common.pagecache import public_page

from .rules import STAFF_ROLES


@staff_view(*STAFF_ROLES)
def home(request):
    return render(request, "oversight/stub.html", {"title": "年度报告（政府信息公开工作年度报告）"})


@public_page
def public_home(request):
    return render(request, "oversight/stub_public.html", {"title": "政府信息公开年报"})
