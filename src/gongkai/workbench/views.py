from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render

from gongkai.agencies.scope import staff_view

from . import todo


class LoginView(auth_views.LoginView):
    template_name = "workbench/login.html"
    redirect_authenticated_user = True
    extra_context = {"failure_limit": settings.AXES_FAILURE_LIMIT}


@staff_view()
def home(request):
    return render(request, "workbench/home.html", {"nav": "home", "todo": todo.items_for(request.user)})
