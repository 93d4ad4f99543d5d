from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render

from gongkai.agencies.scope import staff_view

from . import todo


class LoginView(auth_views.LoginView):
    template_name = "workbench/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Django's LoginView puts the request's host (e.g. "127.0.0.1:8000") in `site_name`;
        # the page is titled with the configured site name like every other page.
        context = super().get_context_data(**kwargs)
        context.update(site_name=settings.GONGKAI_SITE_NAME, failure_limit=settings.AXES_FAILURE_LIMIT)
        return context


@staff_view()
def home(request):
    mine, watched = todo.split_for(request.user, todo.items_for(request.user))
    return render(request, "workbench/home.html", {"nav": "home", "todo": mine, "watched": watched})
