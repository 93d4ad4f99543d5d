"""Workbench pages of 新闻发布 (/workbench/press/). Thin: parse, call an action or a query, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.agencies.scope import get_scoped_or_404, staff_view, visible_agencies
from gongkai.common import live
from gongkai.common.errors import ActionRefused
from gongkai.common.files import stored_file_response
from gongkai.common.metric_records import narrow
from gongkai.common.params import param_choice, param_id, param_year

from . import actions, frequency, frequency_html, queries
from .forms import (
    ConferenceForm,
    EndForm,
    LiveForm,
    MediaForm,
    ReleasesForm,
    SettingForm,
    SpeakerFormSet,
    SpokespersonForm,
    TranscriptForm,
)
from .models import (
    AgencyPressSetting,
    ConferenceState,
    FrequencyRule,
    LiveEntry,
    Measure,
    Media,
    PressConference,
)
from .workflow import CONFERENCES, PRESS_ROLES

STAFF_ROLES = (*PRESS_ROLES, Role.SUPERVISOR)
PER_PAGE = 30


def _refused(form, exc: ActionRefused) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _can_edit(user, conference: PressConference) -> bool:
    return user.is_superuser or (user.agency_id == conference.agency_id and user.has_role(*PRESS_ROLES))


# ---------------------------------------------------------------- conferences


@staff_view(*STAFF_ROLES)
def home(request):
    state = param_choice(request.GET.get("state"), ConferenceState.values)
    # The conferences behind a figure of a scorecard or the annual report (`?figure=…`).
    figure = narrow(
        request, queries.conferences_for(request.user).order_by("-starts_at", "-pk"), queries.FIGURES
    )
    qs = figure.qs
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "press/wb_list.html",
        {
            "nav": "press",
            "page_obj": page,
            "state": state,
            "query_string": urlencode(([("state", state)] if state else []) + figure.query()),
            **figure.context(),
            "states": ConferenceState.choices,
            "can_create": request.user.is_superuser or request.user.has_role(*PRESS_ROLES),
        },
    )


def _speaker_rows(formset) -> list[tuple[str, str, bool]]:
    return [(f.cleaned_data.get("name", ""), f.cleaned_data.get("title", ""), f.cleaned_data.get("is_head", False))
            for f in formset.forms if f.cleaned_data]  # fmt: skip


def _conference_form(request, conference: PressConference | None):
    if conference is None:
        initial, speakers = None, None
    else:
        initial = {k: getattr(conference, k) for k in ("topic", "kind", "place", "summary")}
        initial["starts_at"] = timezone.localtime(conference.starts_at)
        speakers = [
            {"name": s.name, "title": s.title, "is_head": s.is_head} for s in conference.speakers.all()
        ]
    form = ConferenceForm(request.POST or None, initial=initial)
    formset = SpeakerFormSet(request.POST or None, initial=speakers, prefix="speakers")
    if request.method == "POST":
        valid = form.is_valid() & formset.is_valid()
        if valid:
            data = form.cleaned_data
            try:
                if conference is None:
                    conference = actions.create_conference(
                        request.user, speakers=_speaker_rows(formset), **data
                    )
                else:
                    actions.update_conference(
                        request.user, conference, speakers=_speaker_rows(formset), **data
                    )
            except ActionRefused as exc:
                _refused(form, exc)
            else:
                messages.success(request, "发布会信息已保存")
                return redirect("press_staff:detail", pk=conference.pk)
    return render(
        request,
        "press/wb_form.html",
        {"nav": "press", "form": form, "formset": formset, "conference": conference},
    )


@staff_view(*STAFF_ROLES)  # the action refuses anyone but the press staff of an agency
def create(request):
    return _conference_form(request, None)


@staff_view(*STAFF_ROLES)
def edit(request, pk: int):
    # A supervisor sees the form; the action refuses anyone but the agency's press staff.
    return _conference_form(request, queries.get_conference(request.user, pk))


def _releases_form(conference, data=None):
    from gongkai.publishing.models import Disclosure, Document, Interpretation, State

    documents = Document.objects.filter(
        agency_id=conference.agency_id, state=State.PUBLISHED, disclosure=Disclosure.PROACTIVE
    ).order_by("-published_at", "-pk")[:100]
    interpretations = Interpretation.objects.filter(
        agency_id=conference.agency_id, state=State.PUBLISHED
    ).order_by("-published_at", "-pk")[:100]
    # The choices are the latest 100 of each plus those already linked.
    linked_docs = set(conference.documents.values_list("pk", flat=True))
    linked_items = set(conference.interpretations.values_list("pk", flat=True))
    doc_qs = Document.objects.filter(pk__in={*[d.pk for d in documents], *linked_docs}).order_by(
        "-published_at"
    )
    item_qs = Interpretation.objects.filter(
        pk__in={*[i.pk for i in interpretations], *linked_items}
    ).order_by("-published_at")
    return ReleasesForm(
        data,
        documents=doc_qs,
        interpretations=item_qs,
        initial={"documents": list(linked_docs), "interpretations": list(linked_items)},
    )


@staff_view(*STAFF_ROLES)
def detail(request, pk: int):
    """The conference with its actions; POST saves one part (the transcript, a media file, the
    released documents), each through its action, and comes back here."""
    conference = queries.get_conference(request.user, pk)
    editable = _can_edit(request.user, conference)
    transcript_form = TranscriptForm(initial={"transcript": conference.transcript or _live_text(conference)})
    media_form, live_form = MediaForm(), LiveForm()
    releases_form = _releases_form(conference) if editable else None
    if request.method == "POST" and request.POST.get("part") == "hide":
        return _hide_entry(request, conference)
    if request.method == "POST":
        part = param_choice(request.POST.get("part"), PARTS)
        if not part:
            raise Http404
        form = {
            "live": lambda: LiveForm(request.POST),
            "transcript": lambda: TranscriptForm(request.POST),
            "media": lambda: MediaForm(request.POST, request.FILES),
            "releases": lambda: _releases_form(conference, request.POST),
        }[part]()
        if form.is_valid():
            try:
                PARTS[part][0](request.user, conference, **form.cleaned_data)
            except ActionRefused as exc:
                _refused(form, exc)
            else:
                messages.success(request, PARTS[part][1])
                return redirect(reverse("press_staff:detail", args=[conference.pk]) + PARTS[part][2])
        live_form, transcript_form, media_form, releases_form = (
            form if part == "live" else live_form,
            form if part == "transcript" else transcript_form,
            form if part == "media" else media_form,
            form if part == "releases" else releases_form,
        )
    return render(
        request,
        "press/wb_detail.html",
        {
            "nav": "press",
            "conference": conference,
            "speakers": conference.speakers.all(),
            "media": conference.media.all(),
            "documents": conference.documents.all(),
            "interpretations": conference.interpretations.all(),
            "requirements": conference.requirements.all(),
            "transitions": CONFERENCES.available(request.user, conference),
            "editable": editable,
            "transcript_form": transcript_form,
            "media_form": media_form,
            "releases_form": releases_form,
            "live_form": live_form,
            "entries": conference.live_entries.filter(hidden=False).order_by("-pk")[:20],
            **live.page_context(
                queries.feed(conference.pk),
                url=reverse("press:live", args=[conference.pk]),
                polling=conference.state == ConferenceState.LIVE,
            ),
        },
    )


PARTS = {  # part of the page → (action, message, where to land)
    "live": (actions.post_live_entry, "已发布到文字直播", "#live-h"),
    "transcript": (actions.update_transcript, "实录已保存", "#transcript-h"),
    "media": (actions.add_media, "文件已上传", "#media-h"),
    "releases": (actions.link_releases, "已关联发布的文件和解读", "#releases-h"),
}


def _live_text(conference: PressConference) -> str:
    """The live text as a first draft of the transcript (one paragraph a line)."""
    entries = conference.live_entries.filter(hidden=False).order_by("created_at", "pk")
    return "\n".join(f"{e.speaker}：{e.body}" if e.speaker else e.body for e in entries)


def _hide_entry(request, conference: PressConference):
    entry = get_object_or_404(LiveEntry, pk=param_id(request.POST.get("entry")) or 0, conference=conference)
    try:
        actions.hide_live_entry(request.user, entry)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已撤回")
    return redirect(reverse("press_staff:detail", args=[conference.pk]) + "#live-h")


@staff_view(*STAFF_ROLES)
def media_remove(request, pk: int, media_pk: int):
    conference = queries.get_conference(request.user, pk)
    media = get_object_or_404(Media, pk=media_pk, conference=conference)
    if request.method == "POST":
        try:
            actions.remove_media(request.user, media)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "文件已删除")
        return redirect("press_staff:detail", pk=conference.pk)
    return render(
        request, "press/wb_media_remove.html", {"nav": "press", "conference": conference, "media": media}
    )


@staff_view(*STAFF_ROLES)
def media_file(request, pk: int, media_pk: int):
    conference = queries.get_conference(request.user, pk)
    media = get_object_or_404(Media, pk=media_pk, conference=conference)
    response = stored_file_response(
        media.file, filename=media.name, content_type=media.content_type, inline=True
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- spokespersons


@staff_view(*STAFF_ROLES)
def spokespersons(request):
    can_appoint = request.user.is_superuser or request.user.has_role(*PRESS_ROLES)
    form = SpokespersonForm(request.POST or None) if can_appoint else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            person = actions.appoint_spokesperson(request.user, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"已任命{person.name}为{person.post}")
            return redirect("press_staff:spokespersons")
    people = queries.spokespersons_for(request.user).order_by(
        "agency__path", "ended_on", "-appointed_on", "pk"
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "press/wb_spokespersons.html", {"nav": "press", "page_obj": page, "form": form})


@staff_view(*STAFF_ROLES)
def spokesperson_end(request, pk: int):
    person = get_scoped_or_404(request.user, queries.spokespersons_for(request.user), pk=pk)
    form = EndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_spokesperson(request.user, person, **form.cleaned_data)
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{person.name}已离任")
            return redirect("press_staff:spokespersons")
    return render(request, "press/wb_spokesperson_end.html", {"nav": "press", "person": person, "form": form})


# ---------------------------------------------------------------- frequency


@staff_view(*STAFF_ROLES)
def frequency_table(request):
    today = timezone.localdate()
    year = param_year(request.GET.get("year")) or today.year
    rows = queries.frequency_rows(request.user, year, today)
    requirements = list(
        queries.open_requirements(visible_agencies(request.user)).order_by("due_at", "pk")[:100]
    )
    now = timezone.now()
    return render(
        request,
        "press/wb_frequency.html",
        {
            "nav": "press",
            "year": year,
            "years": list(range(today.year, today.year - 4, -1)),
            "months": range(1, 13),
            "rows": rows,
            "rows_html": frequency_html.rows_html(
                rows, can_configure=request.user.is_superuser or request.user.is_supervisor
            ),
            "missed": sum(len(r.result.missed) for r in rows),
            "requirements": [(item, item.is_overdue(now)) for item in requirements],
            "status_labels": frequency.STATUS_LABELS,
            "can_configure": request.user.is_superuser or request.user.is_supervisor,
        },
    )


@staff_view(Role.SUPERVISOR)
def frequency_setting(request, agency_pk: int):
    agency = get_object_or_404(visible_agencies(request.user), pk=agency_pk)
    setting = AgencyPressSetting.objects.filter(agency=agency).first()
    own = FrequencyRule.objects.filter(agency=agency, measure=Measure.ANY).first()
    initial = {
        "press_class": setting.press_class_id if setting else None,
        "since": setting.since if setting else timezone.localdate(),
        "own_months": own.months if own else None,
        "own_min_count": own.min_count if own else None,
    }
    form = SettingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        months, count = data["own_months"], data["own_min_count"]
        try:
            with transaction.atomic():  # the class and the override together, or neither
                actions.set_agency_class(
                    request.user, agency, press_class=data["press_class"], since=data["since"]
                )
                actions.set_frequency_rule(
                    request.user, agency=agency, measure=Measure.ANY, months=months or 3,
                    min_count=(count or 1) if months else 0,
                )  # fmt: skip
        except ActionRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"{agency.name}的发布会考核设置已保存")
            return redirect("press_staff:frequency")
    return render(request, "press/wb_setting.html", {"nav": "press", "agency": agency, "form": form})
