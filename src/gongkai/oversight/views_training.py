"""Pages of the oversight part `training`."""

from django.shortcuts import render

from gongkai.agencies.scope import staff_view

from .rules import STAFF_ROLES


@staff_view(*STAFF_ROLES)
def home(request):
    return render(request, "oversight/stub.html", {"title": "业务培训（培训、签到和轮训）"})
