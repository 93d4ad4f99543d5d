"""The public side of messages (/messages/): the mailboxes, writing a message, its receipt, the
writer's status page with the rating form, the signed rating link, and the public list and page.

Thin: forms validate, `actions` write, `queries` read. What this layer adds is what only a web
form has: the idempotency key of the form (Back + resubmit and a second click find the first
message), the rate limits per client address and per phone, and the honeypot field.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.common import ratelimit, submission
from gongkai.common.errors import ActionRefused
from gongkai.common.net import client_ip
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_id

from . import actions, links, portal_forms, public
from .models import Mailbox, Message, RatingVia

SUBMITTED = "interaction_submitted"  # receipt codes this session submitted (success page, 回执)
FORM_KEY = "interaction_form_key"  # the idempotency key of the message form being filled in
LOOKED_UP = "interaction_looked_up"  # messages whose status this session proved (code + phone digits)
NAV = "messages"

HONEYPOT_REFUSAL = (
    "提交未成功：表单中应留空的“请勿填写此项”一栏有内容（可能是浏览器自动填充）。"
    "请清空该栏后重新提交，您填写的内容已保留。"
)
IP_REFUSAL = (
    "提交未成功：同一网络地址一小时内留言次数过多，请一小时后再试。您填写的内容已保留；急事请拨打12345热线。"
)
PHONE_REFUSAL = (
    "提交未成功：同一联系电话一天内留言次数过多，请明天再试。您填写的内容已保留；急事请拨打12345热线。"
)
LOOKUP_REFUSAL = "查询次数过多，请一小时后再试。"
NOT_FOUND = "查询码或联系电话后四位不正确，请核对后重试。"


def _remember(request, key: str, value, keep: int = 10) -> None:
    submission.remember(request, key, value, keep)


def _form_key(request) -> str:
    """The key of the form this session is filling in: the same on reload and after Back."""
    return submission.form_key(request, FORM_KEY)


# ---------------------------------------------------------------- mailboxes and writing


@public_page
def index(request):
    return render(
        request,
        "interaction/portal/index.html",
        {"nav": NAV, "mailboxes": public.mailboxes(request), "recent": public.recent(request, 8)},
    )


def _over_limits(request, phone: str) -> str | None:
    """Count one new message against the client's address and the phone; the refusal, or None."""
    return submission.over_limits(
        submission.ip_limit(
            request,
            "interaction.submit.ip",
            limit=settings.GONGKAI_MESSAGES_PER_IP_PER_HOUR,
            refusal=IP_REFUSAL,
        ),
        submission.Limit(
            "interaction.submit.phone",
            phone,
            settings.GONGKAI_MESSAGES_PER_PHONE_PER_DAY,
            86400,
            PHONE_REFUSAL,
        ),
    )


def _fingerprint(d: dict) -> str:
    """A keyed hash of who wrote what to which mailbox: equal for the same form typed again."""
    return submission.fingerprint(
        "gongkai.interaction.resubmit", d["mailbox"].pk, d["writer_phone"], d["kind"], d["subject"], d["body"]
    )


def _resubmitted(d: dict) -> Message | None:
    """The message this same content made a moment ago (a reloaded form carries a new key)."""
    code = submission.recall("msgfp", _fingerprint(d))
    return Message.objects.filter(receipt_code=code).first() if code else None


def _remember_content(d: dict, message: Message) -> None:
    submission.keep(
        "msgfp", _fingerprint(d), message.receipt_code, minutes=settings.GONGKAI_MESSAGE_RESUBMIT_MINUTES
    )


def _done(request, message: Message):
    _remember(request, SUBMITTED, message.receipt_code)
    # The next message from this browser is a new one; a resent copy of this form still carries
    # the old key and finds this message.
    submission.next_form_key(request, FORM_KEY)
    return redirect("interaction:submitted", code=message.receipt_code)


@require_http_methods(["GET", "POST"])
def write(request):
    if request.method == "POST":
        form = portal_forms.MessageForm(request.POST, request.FILES)
        valid = form.is_valid()
        # The key first, whatever else the resent form says (the browser may drop its files on Back).
        existing = actions.submitted_message(request.POST.get("idempotency_key", "")[:64])
        if existing is not None:
            return _done(request, existing)
        if form.honeypot_filled:
            form.add_error(None, HONEYPOT_REFUSAL)
        elif valid and (again := _resubmitted(form.cleaned_data)) is not None:
            return _done(request, again)
        elif valid:
            d = form.cleaned_data
            refusal = _over_limits(request, d["writer_phone"])
            if refusal:
                form.add_error(None, refusal)
            else:
                try:
                    message, _created = actions.submit_message(
                        mailbox=d["mailbox"],
                        kind=d["kind"],
                        subject=d["subject"],
                        body=d["body"],
                        writer_name=d["writer_name"],
                        writer_phone=d["writer_phone"],
                        writer_email=d.get("writer_email") or "",
                        public_consent=d["public_consent"],
                        idempotency_key=d["idempotency_key"],
                        attachments=d["attachments"],
                    )
                except ActionRefused as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    _remember_content(d, message)
                    return _done(request, message)
    else:
        mailbox = Mailbox.objects.filter(pk=param_id(request.GET.get("mailbox")) or 0, is_active=True).first()
        form = portal_forms.MessageForm(
            initial={"idempotency_key": _form_key(request), "mailbox": mailbox.pk if mailbox else None}
        )
    # Cacheable by the browser (not no-store) so that Back shows the sent form with its key.
    return render(request, "interaction/portal/write.html", {"nav": NAV, "form": form})


def _own_submission(request, code: str) -> Message:
    """Only the browser session that submitted sees the success page and the 回执."""
    if code not in request.session.get(SUBMITTED, []):
        raise Http404
    return Message.objects.select_related("mailbox").get(receipt_code=code)


def submitted(request, code: str):
    message = _own_submission(request, code)
    response = render(request, "interaction/portal/submitted.html", {"nav": NAV, "message": message})
    response["Cache-Control"] = "no-store"
    return response


def receipt(request, code: str):
    message = _own_submission(request, code)
    response = render(request, "interaction/portal/receipt.html", {"nav": NAV, "message": message})
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- the writer's status page


@require_http_methods(["GET", "POST"])
def status(request):
    """Look a message up by receipt code + the phone's last four digits; one answer for every miss."""
    form = portal_forms.StatusForm(request.POST or None)
    if request.method == "POST":
        limited = ratelimit.hit(
            "interaction.status",
            client_ip(request),
            limit=settings.GONGKAI_MESSAGE_LOOKUPS_PER_HOUR,
            window=3600,
        )
        if limited:
            form.is_valid()
            form.add_error(None, LOOKUP_REFUSAL)
        elif form.is_valid():
            found = public.find_message(form.cleaned_data["receipt_code"], form.cleaned_data["phone_last4"])
            if found is None:
                form.add_error(None, NOT_FOUND)
            else:
                _remember(request, LOOKED_UP, found.pk)
                return redirect("interaction:status_detail", code=found.receipt_code)
    response = render(request, "interaction/portal/status.html", {"nav": NAV, "form": form})
    response["Cache-Control"] = "no-store"
    return response


def _proved(request, code: str) -> Message:
    message = Message.objects.select_related("mailbox", "lead_agency").filter(receipt_code=code).first()
    if message is None or message.pk not in request.session.get(LOOKED_UP, []):
        raise Http404
    return message


def _rating_context(message: Message, form=None) -> dict:
    """The rating block: the form while the reply may be rated, else what was given or why not;
    a refused rating's reasons stay on the page in every case."""
    state = public.rating_state(message)
    refusals = [str(e) for errors in form.errors.values() for e in errors] if form is not None else []
    if state.can_rate and (form is None or not form.is_bound):
        form = portal_forms.RatingForm(can_reopen=state.can_reopen)
    return {"rating": state, "rating_form": form if state.can_rate else None, "rating_refusals": refusals}


@require_http_methods(["GET", "POST"])
def status_detail(request, code: str):
    message = _proved(request, code)
    form = None
    if request.method == "POST":
        form, done = _rate(request, message, RatingVia.STATUS_PAGE)
        if done:
            return redirect("interaction:status_detail", code=code)
    context = {
        "nav": NAV,
        "message": message,
        "history": public.writer_history(message),
        **_rating_context(message, form),
    }
    response = render(request, "interaction/portal/status_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _rate(request, message: Message, via: str):
    """Rate from a POST; (form, True) once saved, else (form with the refusal, False)."""
    state = public.rating_state(message)
    form = portal_forms.RatingForm(request.POST, can_reopen=state.can_reopen)
    if not form.is_valid():
        return form, False
    d = form.cleaned_data
    try:
        actions.rate_reply(
            message, value=d["value"], comment=d["comment"], via=via, reopen=d.get("reopen", False)
        )
    except ActionRefused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return form, False
    return form, True


@require_http_methods(["GET", "POST"])
def rate_link(request, token: str):
    """Rating from the signed link in the reply's text message (no code needed, expires)."""
    read = links.read_rating_token(token)
    message = None
    problem = ""
    form = None
    if isinstance(read, str):
        problem = read
    else:
        message = Message.objects.select_related("lead_agency").filter(pk=read[0]).first()
        if message is None:
            problem = "评价链接无效，请核对短信中的链接，或凭查询码和联系电话后四位在“留言查询”中评价。"
        elif message.round != read[1]:
            problem = "该评价链接对应的答复已重新办理，请等待新的答复短信，或凭查询码和联系电话后四位在“留言查询”中评价。"
            message = None
    if message is not None and request.method == "POST":
        form, done = _rate(request, message, RatingVia.SMS_LINK)
        if done:
            return redirect("interaction:rate_link", token=token)
    context = {"nav": NAV, "problem": problem, "message": message}
    if message is not None:
        context.update(reply=public.current_reply(message), **_rating_context(message, form))
    response = render(request, "interaction/portal/rate_link.html", context, status=404 if problem else 200)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to other sites
    return response


# ---------------------------------------------------------------- the public list and page


@public_page(params=("mailbox", "state", "page"))
def message_list(request):
    mailbox = param_id(request.GET.get("mailbox"))
    answered = request.GET.get("state") if request.GET.get("state") in ("answered", "open") else ""
    qs = public.listed(request, mailbox=mailbox, answered=answered)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/portal/list.html",
        {
            "nav": NAV,
            "page_obj": page,
            "items": public.items(page.object_list),
            "mailboxes": public.mailboxes(request),
            "filters": {"mailbox": mailbox or "", "state": answered or ""},
        },
    )


@public_page
def message_page(request, pk: int):
    message = public.listed(request).filter(pk=pk).first()
    if message is None:
        raise Http404
    return render(
        request,
        "interaction/portal/message.html",
        {"nav": NAV, "item": public.items([message])[0], "replies": public.published_replies(message)},
    )
