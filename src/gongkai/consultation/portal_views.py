"""The public pages of 征求意见 (/consultations/): the lists, a consultation's page with its
paragraphs and public comments, the comment form (one per paragraph, no JavaScript needed), and
the decision catalog.

What this layer adds to the actions is what only a web form has (`gongkai.common.submission`, as
messages do): the idempotency key of the form (Back + resubmit finds the first comment), the
content fingerprint (the same text typed again into a reloaded form), rate limits per client
address and per phone, and the honeypot field.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency, Kind
from gongkai.common import submission
from gongkai.common.errors import ActionRefused
from gongkai.common.pagecache import public_page
from gongkai.common.params import param_id

from . import actions, queries
from .forms import HONEYPOT, CommentForm
from .models import PUBLIC_STATES, Comment, Consultation, Stage

NAV = "consultations"
FORM_KEY = "consultation_form_key"
SUBMITTED = "consultation_submitted"  # comments this session submitted (the success page)
RESUBMIT_PREFIX = "cmtfp"
RESUBMIT_MINUTES = 30

HONEYPOT_REFUSAL = (
    "提交未成功：表单中应留空的“请勿填写此项”一栏有内容（可能是浏览器自动填充）。"
    "请清空该栏后重新提交，您填写的内容已保留。"
)
IP_REFUSAL = "提交未成功：同一网络地址一小时内提交意见次数过多，请一小时后再试。您填写的内容已保留。"
PHONE_REFUSAL = "提交未成功：同一联系电话一天内提交意见次数过多，请明天再试。您填写的内容已保留。"


def _public(pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("agency", "decision_item"), pk=pk, state__in=PUBLIC_STATES
    )


@public_page
def index(request):
    groups = queries.public_groups()
    return render(request, "consultation/portal/index.html", {"nav": NAV, "groups": groups})


@public_page
def detail(request, pk: int):
    consultation = _public(pk)
    context = {
        "nav": NAV,
        "consultation": consultation,
        "public_state": consultation.public_state(),
        "accepting": consultation.accepts_comments(),
        "not_yet_open": consultation.not_yet_open(),
        "channels": actions.contact_channels(consultation),
        "late": actions.late_refusal(consultation),
        "min_days": settings.GONGKAI_CONSULTATION_MIN_DAYS,
        **queries.public_page(consultation),
    }
    return render(request, "consultation/portal/detail.html", context)


def _fingerprint(consultation: Consultation, d: dict) -> str:
    return submission.fingerprint(
        "gongkai.consultation.resubmit", consultation.pk, d.get("paragraph") or "", d["phone"], d["body"]
    )


def _done(request, consultation: Consultation, comment: Comment):
    submission.remember(request, SUBMITTED, comment.pk)
    submission.next_form_key(request, FORM_KEY)
    return redirect("consultation:submitted", pk=consultation.pk, comment=comment.pk)


def _over_limits(request, phone: str) -> str | None:
    return submission.over_limits(
        submission.ip_limit(
            request,
            "consultation.comment.ip",
            limit=settings.GONGKAI_CONSULTATION_COMMENTS_PER_IP_PER_HOUR,
            refusal=IP_REFUSAL,
        ),
        submission.Limit(
            "consultation.comment.phone",
            phone,
            settings.GONGKAI_CONSULTATION_COMMENTS_PER_PHONE_PER_DAY,
            86400,
            PHONE_REFUSAL,
        ),
    )


@require_http_methods(["GET", "POST"])
def comment(request, pk: int):
    """The comment form for the whole draft or one paragraph (?p=3)."""
    consultation = _public(pk)
    refusal = None
    if request.method == "POST":
        form = CommentForm(request.POST)
        valid = form.is_valid()
        existing = actions.submitted_comment(request.POST.get("idempotency_key", "")[:64])
        if existing is not None and existing.consultation_id == consultation.pk:
            return _done(request, consultation, existing)
        if form.honeypot_filled:
            form.add_error(None, HONEYPOT_REFUSAL)
        elif valid:
            d = form.cleaned_data
            fp = _fingerprint(consultation, d)
            again = submission.recall(RESUBMIT_PREFIX, fp)
            again = Comment.objects.filter(pk=again, consultation=consultation).first() if again else None
            if again is not None:
                return _done(request, consultation, again)
            try:
                if consultation.accepts_comments():
                    refusal = _over_limits(request, d["phone"])
                if refusal:
                    form.add_error(None, refusal)
                else:
                    new, _created = actions.submit_comment(
                        consultation,
                        body=d["body"],
                        phone=d["phone"],
                        display_name=d["display_name"],
                        paragraph=d.get("paragraph"),
                        idempotency_key=d["idempotency_key"],
                    )
                    submission.keep(RESUBMIT_PREFIX, fp, str(new.pk), minutes=RESUBMIT_MINUTES)
                    return _done(request, consultation, new)
            except ActionRefused as exc:
                form.add_error(
                    exc.field if exc.field in form.fields and exc.field != "paragraph" else None, exc.message
                )
        number = param_id(request.POST.get("paragraph"))
    else:
        number = param_id(request.GET.get("p"))
        form = CommentForm(
            initial={"idempotency_key": submission.form_key(request, FORM_KEY), "paragraph": number}
        )
    paragraph = consultation.paragraphs.filter(number=number).first() if number else None
    context = {
        "nav": NAV,
        "consultation": consultation,
        "form": form,
        "paragraph": paragraph,
        "missing_paragraph": number if number and paragraph is None else None,
        "accepting": consultation.accepts_comments(),
        "not_yet_open": consultation.not_yet_open(),
        "late": actions.late_refusal(consultation),
        "channels": actions.contact_channels(consultation),
        "honeypot": HONEYPOT,
    }
    # Cacheable by the browser (not no-store) so that Back shows the sent form with its key.
    status = 404 if context["missing_paragraph"] and request.method == "GET" else 200
    return render(request, "consultation/portal/comment.html", context, status=status)


def submitted(request, pk: int, comment: int):
    if comment not in request.session.get(SUBMITTED, []):
        raise Http404
    found = get_object_or_404(
        Comment.objects.select_related("consultation", "paragraph"), pk=comment, consultation_id=pk
    )
    response = render(
        request,
        "consultation/portal/submitted.html",
        {"nav": NAV, "comment": found, "consultation": found.consultation},
    )
    response["Cache-Control"] = "no-store"
    return response


@public_page(params=("government", "year"))
def decisions(request):
    governments = list(
        Agency.objects.filter(kind=Kind.GOVERNMENT, is_active=True, decision_items__isnull=False)
        .distinct()
        .order_by("path")
    )
    government = next((g for g in governments if g.pk == param_id(request.GET.get("government"))), None)
    government = government or (governments[0] if governments else None)
    years = sorted(
        set(queries.catalog(government).values_list("year", flat=True)) if government else set(), reverse=True
    )
    year = param_id(request.GET.get("year"))
    year = (
        year
        if year in years
        else (
            timezone.localdate().year if timezone.localdate().year in years else (years[0] if years else None)
        )
    )
    items = list(queries.catalog(government, year)) if government and year else []
    rows = [
        {
            "item": item,
            "stage": item.stage(list(item.consultations.all())),
            "consultations": [c for c in item.consultations.all() if c.is_public()],
        }
        for item in items
    ]
    for row in rows:
        row["stage_label"] = Stage(row["stage"]).label
    return render(
        request,
        "consultation/portal/decisions.html",
        {
            "nav": NAV,
            "governments": governments,
            "government": government,
            "years": years,
            "year": year,
            "rows": rows,
        },
    )
