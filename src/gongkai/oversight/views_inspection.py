"""Pages of the oversight part `inspection`."""

from django.shortcuts import render

from gongkai.agencies.scope import staff_view

from .rules import STAFF_ROLES


@staff_view(*STAFF_ROLES)
def home(request):
    return render(request, "oversight/stub.html", {"title": "网站检查（政府网站与政务新媒体检查指标）"})
