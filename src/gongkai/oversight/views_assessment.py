"""Pages of the oversight part `assessment`."""

from django.shortcuts import render

from gongkai.agencies.scope import staff_view
from gongkai.common.pagecache import public_page

from .rules import SUPERVISORS


@staff_view(*SUPERVISORS)
def home(request):
    return render(request, "oversight/stub.html", {"title": "考核评议（考核方案、评分、公开的成绩单和排名）"})


@public_page
def public_home(request):
    return render(request, "oversight/stub_public.html", {"title": "考核评议结果"})
