"""The public side of 在线访谈 (/interviews/): the list (upcoming, live now, past), an interview's
page (the live text, later the transcript with its files), the question form, and the small JSON
endpoint the live page polls (`gongkai.common.live`).

The question form reuses what the message form does (interaction/portal_views.py): a form key kept
in the session (a second click or Back + resubmit finds the first question), a short-lived content
fingerprint (a reloaded form with a new key), rate limits per address and per phone with the
messages' settings, and a honeypot field.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_http_methods

from gongkai.common import live, ratelimit
from gongkai.common.errors import ActionRefused
from gongkai.common.files import stored_file_response
from gongkai.common.net import client_ip
from gongkai.common.pagecache import public_page

from . import actions, forms, queries
from .models import PUBLIC_STATES, Interview, LiveEntry, Media, Question, State

NAV = "interviews"
FORM_KEY = "interviews_form_key"
ASKED = "interviews_asked"
HONEYPOT_REFUSAL = (
    "提交未成功：表单中应留空的“请勿填写此项”一栏有内容（可能是浏览器自动填充）。请清空该栏后重新提交。"
)
IP_REFUSAL = "提交未成功：同一网络地址一小时内提问次数过多，请稍后再试。您填写的内容已保留。"
PHONE_REFUSAL = "提交未成功：同一联系电话一天内提问次数过多，请明天再试。您填写的内容已保留。"


def _public_interview(pk: int) -> Interview:
    return get_object_or_404(queries.public_interviews(), pk=pk)


@public_page
def index(request):
    now = timezone.now()
    interviews = list(queries.public_interviews().order_by("-starts_at", "-pk")[:100])
    return render(
        request,
        "interviews/portal/index.html",
        {
            "nav": NAV,
            "live_now": [i for i in interviews if i.state == State.LIVE],
            "upcoming": sorted(
                (i for i in interviews if i.state == State.COLLECTING), key=lambda i: i.starts_at
            ),
            "past": [i for i in interviews if i.state in (State.FINISHED, State.PUBLISHED)],
            "now": now,
        },
    )


@public_page
def detail(request, pk: int):
    interview = _public_interview(pk)
    polling = interview.state in (State.COLLECTING, State.LIVE)
    context = {
        "nav": NAV,
        "interview": interview,
        "guests": list(interview.guests.select_related("agency")),
        "questions": list(queries.unanswered_questions(interview)),
        "media": list(interview.media.all()) if interview.state == State.PUBLISHED else [],
        **live.page_context(queries.feed(pk), url=reverse("interviews:live", args=[pk]), polling=polling),
    }
    return render(request, "interviews/portal/detail.html", context)


def live_feed(request, pk: int):
    """New entries since the client's cursor; 304 from one cache read when nothing changed."""
    return live.respond(
        request,
        queries.feed(pk),
        done=lambda: not Interview.objects.filter(pk=pk, state__in=(State.COLLECTING, State.LIVE)).exists(),
    )


def entry_image(request, pk: int, entry: int):
    item = get_object_or_404(
        LiveEntry.objects.exclude(image=""),
        pk=entry,
        interview_id=pk,
        interview__state__in=PUBLIC_STATES,
        withdrawn=False,
    )
    return _inline(stored_file_response(item.image, filename=item.image.name.rsplit("/", 1)[-1]))


def media_file(request, pk: int, media: int):
    item = get_object_or_404(Media, pk=media, interview_id=pk, interview__state=State.PUBLISHED)
    return _inline(stored_file_response(item.file, filename=item.file.name.rsplit("/", 1)[-1]))


def _inline(response):
    """Shown in <img>, <audio> and <video> on the page, and opened in the browser when followed."""
    disposition = response.get("Content-Disposition", "")
    if disposition.startswith("attachment"):
        response["Content-Disposition"] = "inline" + disposition[len("attachment") :]
    return response


# ---------------------------------------------------------------- asking a question


def _form_key(request) -> str:
    key = request.session.get(FORM_KEY)
    if not key:
        key = request.session[FORM_KEY] = uuid.uuid4().hex
    return key


def _fingerprint(pk: int, d: dict) -> str:
    parts = (str(pk), d["phone"], "".join(d["body"].split()))
    return salted_hmac("gongkai.interviews.resubmit", "\x1f".join(parts)).hexdigest()


def _resubmitted(pk: int, d: dict) -> Question | None:
    found = ratelimit.counters().get(f"gongkai:ivfp:{_fingerprint(pk, d)}")
    return Question.objects.filter(pk=found, interview_id=pk).first() if found else None


def _over_limits(request, phone: str) -> str | None:
    if ratelimit.hit(
        "interviews.ask.ip", client_ip(request), limit=settings.GONGKAI_MESSAGES_PER_IP_PER_HOUR, window=3600
    ):
        return IP_REFUSAL
    if ratelimit.hit(
        "interviews.ask.phone", phone, limit=settings.GONGKAI_MESSAGES_PER_PHONE_PER_DAY, window=86400
    ):
        return PHONE_REFUSAL
    return None


def _done(request, interview: Interview, question: Question):
    asked = request.session.get(ASKED, [])
    if question.pk not in asked:
        request.session[ASKED] = [*asked[-9:], question.pk]
    request.session[FORM_KEY] = uuid.uuid4().hex  # the next question is a new one
    return redirect(f"{reverse('interviews:asked', args=[interview.pk])}?q={question.pk}")


@require_http_methods(["GET", "POST"])
def ask(request, pk: int):
    interview = _public_interview(pk)
    if request.method == "POST":
        form = forms.QuestionForm(request.POST)
        valid = form.is_valid()
        key = request.POST.get("idempotency_key", "")[:64]
        existing = actions.submitted_question(key) if key else None
        if existing is not None and existing.interview_id == interview.pk:
            return _done(request, interview, existing)
        if form.honeypot_filled:
            form.add_error(None, HONEYPOT_REFUSAL)
        elif valid and (again := _resubmitted(pk, form.cleaned_data)) is not None:
            return _done(request, interview, again)
        elif valid:
            d = form.cleaned_data
            refusal = _over_limits(request, d["phone"])
            if refusal:
                form.add_error(None, refusal)
            else:
                try:
                    question, _created = actions.submit_question(
                        interview,
                        body=d["body"],
                        phone=d["phone"],
                        display_name=d["display_name"],
                        idempotency_key=d["idempotency_key"],
                    )
                except ActionRefused as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    minutes = settings.GONGKAI_MESSAGE_RESUBMIT_MINUTES
                    if minutes:
                        ratelimit.counters().set(
                            f"gongkai:ivfp:{_fingerprint(pk, d)}", question.pk, timeout=minutes * 60
                        )
                    return _done(request, interview, question)
    else:
        form = forms.QuestionForm(initial={"idempotency_key": _form_key(request)})
    return render(request, "interviews/portal/ask.html", {"nav": NAV, "interview": interview, "form": form})


def asked(request, pk: int):
    interview = _public_interview(pk)
    try:
        question_pk = int(request.GET.get("q", ""))
    except ValueError:
        raise Http404 from None
    if question_pk not in request.session.get(ASKED, []):
        raise Http404
    question = get_object_or_404(Question, pk=question_pk, interview=interview)
    response = render(
        request, "interviews/portal/asked.html", {"nav": NAV, "interview": interview, "question": question}
    )
    response["Cache-Control"] = "no-store"
    return response
