from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from gongkai.agencies import actions as agency_actions
from gongkai.agencies import twofactor
from gongkai.agencies.scope import staff_view
from gongkai.common import registry
from gongkai.common.errors import ActionRefused

from . import todo


class LoginView(auth_views.LoginView):
    """The password step; a user who needs the second factor goes on to the code or enrolment."""

    template_name = "workbench/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Django's LoginView puts the request's host (e.g. "127.0.0.1:8000") in `site_name`;
        # the page is titled with the configured site name like every other page.
        context = super().get_context_data(**kwargs)
        context.update(site_name=settings.GONGKAI_SITE_NAME, failure_limit=settings.AXES_FAILURE_LIMIT)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        self.request.session.pop(DEVICE_ID_SESSION_KEY, None)  # a new password step, a new code
        if twofactor.needs_code_after_password(user):
            self.request.session[twofactor.OWES_CODE_SESSION_KEY] = True
            return redirect(twofactor.step_url(user, self.get_success_url()))
        return response


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class CodeForm(forms.Form):
    token = forms.CharField(label="验证码", max_length=32, strip=True)


def _second_step_done(request, device) -> None:
    otp_login(request, device)
    request.session.pop(twofactor.OWES_CODE_SESSION_KEY, None)
    request.session.pop(twofactor.PENDING_KEY_SESSION_KEY, None)
    request.session.cycle_key()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def login_code(request):
    """The second step: a 6-digit code from the authenticator app, or a recovery code."""
    if not twofactor.owes_code(request):
        return redirect(_next_url(request))
    if not user_has_device(request.user):
        return redirect(twofactor.step_url(request.user, _next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = agency_actions.verify_login_code(request.user, form.cleaned_data["token"])
        if device is not None:
            _second_step_done(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request, f"已使用恢复码登录，还剩 {left} 个恢复码；手机丢失请联系系统管理员重置动态口令。"
                )
            return redirect(_next_url(request))
        form.add_error("token", "验证码或恢复码不正确（或已使用过），请重新输入；多次输错需等待片刻再试。")
    return render(
        request, "workbench/login_code.html", {"form": form, "next": _next_url(request), "pending_2fa": True}
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Bind an authenticator app: scan the QR code (or type the secret), confirm with one code."""
    user = request.user
    if user_has_device(user):
        return redirect("workbench:two_factor" if user.is_verified() else "workbench:login_code")
    key = request.session.get(twofactor.PENDING_KEY_SESSION_KEY) or twofactor.new_key()
    request.session[twofactor.PENDING_KEY_SESSION_KEY] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = agency_actions.enrol_two_factor(
                user, user, key=key, token=form.cleaned_data["token"]
            )
        except ActionRefused as exc:
            form.add_error("token", exc.message)
        else:
            _second_step_done(request, device)
            request.session[twofactor.RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, "动态口令已绑定。请立即保存下面的恢复码。")
            return redirect(f"{reverse('workbench:two_factor')}?{urlencode({'next': _next_url(request)})}")
    required = twofactor.role_requires_two_factor(user)
    return render(
        request,
        "workbench/two_factor_enrol.html",
        {
            "form": form,
            "qr_svg": twofactor.qr_svg(twofactor.provisioning_uri(key, user)),
            "secret": twofactor.base32_secret(key),
            "required": required,
            "next": _next_url(request),
            "pending_2fa": twofactor.owes_code(request),
        },
    )


@never_cache
@staff_view()
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """The staff member's own two-factor status; new recovery codes are shown here once."""
    user = request.user
    if request.method == "POST":
        try:
            codes = agency_actions.renew_recovery_codes(user, user)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            request.session[twofactor.RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, "已生成新的恢复码，旧恢复码已作废。")
        return redirect("workbench:two_factor")
    codes = request.session.pop(twofactor.RECOVERY_CODES_SESSION_KEY, None)
    left = StaticToken.objects.filter(device__user=user).count()
    return render(
        request,
        "workbench/two_factor.html",
        {
            "nav": "two_factor",
            "enrolled": user_has_device(user),
            "required": twofactor.role_requires_two_factor(user),
            "new_codes": codes,
            "codes_left": left,
            "next": request.GET.get("next") and _next_url(request),
        },
    )


@staff_view()
def home(request):
    mine, watched = todo.split_for(request.user, todo.items_for(request.user))
    return render(request, "workbench/home.html", {"nav": "home", "todo": mine, "watched": watched})


@staff_view("supervisor")
def dashboard(request):
    """督查看板: every panel the domains registered for this user's roles, in order."""
    panels = []
    for panel in registry.dashboard_panels(request.user):
        context = panel.context(request)
        if context is not None:
            panels.append(
                (panel, render_to_string(panel.template, {**context, "panel": panel}, request=request))
            )
    return render(request, "workbench/dashboard.html", {"nav": "dashboard", "panels": panels})
