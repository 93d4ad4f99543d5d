"""The public side of 网上调查 (/surveys/): the list, a survey's answering form, the thank-you page
and the published results.

Thin: `answers.check_answers` decides what is a valid answer, `actions.submit_response` saves,
`verification` sends and checks SMS codes. What this layer adds is what only a web form has: the
idempotency key of the form (Back + resubmit finds the first response), the browser's signed
identifier and the session (the browser rule), and the rate limits per client address.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.common import ratelimit
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import mobile_number
from gongkai.common.net import client_ip
from gongkai.common.pagecache import public_page

from . import actions, queries, verification
from .answers import check_answers
from .models import Rule, State

NAV = "surveys"
FORM_KEYS = "surveys_form_keys"  # {survey pk: idempotency key of the form being filled in}
ANSWERED = "surveys_answered"  # survey pks this browser session answered
BROWSER_COOKIE = "gk_survey_browser"
BROWSER_SALT = "gongkai.surveys.browser"
BROWSER_COOKIE_DAYS = 400
IP_REFUSAL = "提交未成功：同一网络地址一小时内提交的答卷过多，请一小时后再试。您填写的回答已保留。"
GUARANTEE = {
    Rule.PHONE: "本调查每个手机号码只能参与一次：提交前须填写手机号码并输入短信验证码。"
    "手机号码仅用于确认每人只答一次，以不可还原的方式保存，不会公开，也不会用于其他用途。",
    Rule.BROWSER: "本调查每个浏览器只能参与一次，无需填写手机号码。同一网络地址一小时内提交的答卷数量有限制。"
    "这种方式不能完全排除同一人换用浏览器重复作答，统计结果仅供参考。",
}


# ---------------------------------------------------------------- lists and results


@public_page(params=("page",))
def index(request):
    open_now = list(queries.open_surveys())
    past = queries.public_surveys().exclude(pk__in=[s.pk for s in open_now]).order_by("-closes_at", "-pk")
    page = Paginator(past, 20).get_page(request.GET.get("page"))
    return render(request, "surveys/portal/index.html", {"nav": NAV, "open_now": open_now, "page_obj": page})


@public_page
def results(request, pk: int):
    survey = queries.public_survey_or_404(pk)
    if survey.state != State.PUBLISHED:
        raise Http404
    return render(
        request,
        "surveys/portal/results.html",
        {"nav": NAV, "survey": survey, "results": queries.results(survey)},
    )


# ---------------------------------------------------------------- answering


def _form_key(request, survey) -> str:
    keys = request.session.get(FORM_KEYS, {})
    key = keys.get(str(survey.pk))
    if not key:
        key = keys[str(survey.pk)] = uuid.uuid4().hex
        request.session[FORM_KEYS] = keys
    return key


def _browser_id(request) -> tuple[str, bool]:
    """The browser's identifier from its signed cookie, or a new one (True: set the cookie)."""
    value = request.get_signed_cookie(BROWSER_COOKIE, default=None, salt=BROWSER_SALT)
    if value and len(value) == 32:
        return value, False
    return uuid.uuid4().hex, True


def _with_browser_cookie(response, browser_id: str, new: bool):
    if new:
        response.set_signed_cookie(
            BROWSER_COOKIE,
            browser_id,
            salt=BROWSER_SALT,
            max_age=BROWSER_COOKIE_DAYS * 86400,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _answered_here(request, survey) -> bool:
    return survey.pk in request.session.get(ANSWERED, [])


def _done(request, survey, browser=None):
    answered = request.session.get(ANSWERED, [])
    if survey.pk not in answered:
        request.session[ANSWERED] = [*answered[-49:], survey.pk]
    keys = request.session.get(FORM_KEYS, {})
    keys.pop(str(survey.pk), None)
    request.session[FORM_KEYS] = keys
    response = redirect("surveys:thanks", pk=survey.pk)
    return _with_browser_cookie(response, *browser) if browser else response


def _items(questions, typed: dict, errors: dict) -> list[dict]:
    return [
        {
            "q": q,
            "n": i,
            "name": q.field_name,
            "typed": typed.get(q.field_name, []),
            "error": errors.get(q.field_name),
        }
        for i, q in enumerate(questions, 1)
    ]


def _masked_phone(phone: str) -> str:
    phone = mobile_number(phone)
    return f"{phone[:3]}****{phone[-4:]}" if phone else ""


@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    survey = queries.public_survey_or_404(pk)
    browser_id, new_browser = _browser_id(request)
    context = {"nav": NAV, "survey": survey, "guarantee": GUARANTEE[survey.rule]}
    if not survey.accepting():
        response = render(request, "surveys/portal/closed.html", context)
        response["Cache-Control"] = "no-store"
        return response
    if _answered_here(request, survey) and request.method == "GET":
        return render(request, "surveys/portal/already.html", context)
    questions = queries.questions_of(survey)
    typed: dict = {}
    errors: dict = {}
    general: list[str] = []
    notice = ""
    phone = code = ""
    if request.method == "POST":
        key = request.POST.get("idempotency_key", "")[:64]
        existing = actions.submitted_response(key)
        if existing is not None and existing.survey_id == survey.pk:
            return _done(request, survey)
        data = {q.field_name: request.POST.getlist(q.field_name) for q in questions}
        checked = check_answers(questions, data)
        typed = checked.typed
        phone, code = request.POST.get("phone", "").strip()[:20], request.POST.get("code", "").strip()[:10]
        voter = ""
        # "获取验证码" is the form's first button, so Enter in a field presses it: with a code typed,
        # the respondent means to submit.
        if survey.rule == Rule.PHONE and "send_code" in request.POST and not code:
            refusal = verification.send_code(survey, phone, client_ip(request))
            if refusal:
                errors["phone"] = refusal
            else:
                notice = f"验证码已发送至{_masked_phone(phone)}，{settings.GONGKAI_SURVEY_CODE_MINUTES}分钟内有效。"
        else:
            errors.update(checked.errors)
            if survey.rule == Rule.PHONE:
                voter = _check_phone(survey, phone, code, errors, general)
            else:
                voter = actions.voter_key(survey, Rule.BROWSER, browser_id)
                if _answered_here(request, survey) or actions.has_answered(survey, voter):
                    general.append(actions.ALREADY_ANSWERED[Rule.BROWSER])
            if not errors and not general:
                refusal = _over_ip_limit(request, survey)
                if refusal:
                    general.append(refusal)
                else:
                    try:
                        actions.submit_response(survey, data=data, voter=voter, idempotency_key=key)
                    except ActionRefused as exc:
                        general.append(exc.message)
                    else:
                        if survey.rule == Rule.PHONE:
                            verification.forget_code(voter)
                        return _done(request, survey, (browser_id, new_browser))
    context |= {
        "items": _items(questions, typed, errors),
        "errors": errors,
        "general": general,
        "notice": notice,
        "phone": phone,
        "code": code if not errors.get("code") else "",
        "idempotency_key": request.POST.get("idempotency_key", "")[:64]
        if request.method == "POST"
        else _form_key(request, survey),
        "error_count": len([n for n in errors if n.startswith("q")]),
    }
    # Cacheable by the browser (not no-store) so that Back shows the sent form with its key.
    response = render(request, "surveys/portal/answer.html", context)
    return _with_browser_cookie(response, browser_id, new_browser)


def _check_phone(survey, phone: str, code: str, errors: dict, general: list[str]) -> str:
    if not mobile_number(phone):
        errors["phone"] = verification.NOT_MOBILE
        return ""
    if actions.has_answered(survey, actions.voter_key(survey, Rule.PHONE, mobile_number(phone))):
        general.append(actions.ALREADY_ANSWERED[Rule.PHONE])
        return ""
    if not code:
        errors["code"] = verification.NO_CODE
        return ""
    voter = verification.check_code(survey, phone, code)
    if voter is None:
        errors["code"] = verification.WRONG_CODE
        return ""
    return voter


def _over_ip_limit(request, survey) -> str | None:
    """The browser rule's guard against a script clearing its cookies: new responses per address."""
    if survey.rule != Rule.BROWSER:
        return None
    limited = ratelimit.hit(
        f"surveys.response.ip.{survey.pk}",
        client_ip(request),
        limit=settings.GONGKAI_SURVEY_RESPONSES_PER_IP_PER_HOUR,
        window=3600,
    )
    return IP_REFUSAL if limited else None


def thanks(request, pk: int):
    survey = queries.public_survey_or_404(pk)
    if not _answered_here(request, survey):
        return redirect("surveys:answer", pk=survey.pk)
    response = render(request, "surveys/portal/thanks.html", {"nav": NAV, "survey": survey})
    response["Cache-Control"] = "no-store"
    return response
