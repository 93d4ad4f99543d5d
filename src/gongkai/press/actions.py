"""Every write of 新闻发布: spokespersons, conferences and their transcripts, frequency settings and
the conferences other domains require (a major opinion event: one within 24 hours).

Each action is atomic, checks who may act, writes its audit row and refuses bad input with a Chinese
`ActionRefused` that changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.agencies.scope import can_see_agency
from gongkai.audit.actions import record_audit, snapshot
from gongkai.common import live
from gongkai.common.errors import ActionRefused
from gongkai.common.filetypes import RefusedFile, identify
from gongkai.common.inputs import checked_text

from .models import (
    AgencyPressSetting,
    ConferenceRequirement,
    ConferenceState,
    FrequencyRule,
    Kind,
    LiveEntry,
    Measure,
    Media,
    PressClass,
    PressConference,
    Speaker,
    Spokesperson,
    live_key,
)
from .workflow import CONFERENCES, PRESS_ROLES

SPOKESPERSON_FIELDS = ["agency", "post", "name", "title", "phone", "appointed_on", "ended_on"]
CONFERENCE_FIELDS = ["topic", "kind", "starts_at", "place", "summary", "state", "head_attended"]
TRANSCRIPT_MAX = 200_000
MEDIA_MAX_BYTES = 1024 * 1024 * 1024  # 1 GB: a two-hour conference video
MEDIA_TYPES = {  # what the content sniffer finds → (media type, content type)
    "png": (Media.Type.IMAGE, "image/png"),
    "jpeg": (Media.Type.IMAGE, "image/jpeg"),
    "mp3": (Media.Type.AUDIO, "audio/mpeg"),
    "mp4": (Media.Type.VIDEO, "video/mp4"),
}


def _text(value, what: str, field: str, *, limit: int, required: bool = True) -> str:
    return checked_text(value, what, field, limit=limit, required=required)


def _own_agency(actor: Staff | None, agency: Agency | None, doing: str) -> Agency:
    """The agency the actor works for (or `agency`, for a superuser): its press staff may act."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise ActionRefused("请先登录")
    agency = agency or actor.agency
    if agency is None:
        raise ActionRefused("请选择机关", field="agency")
    if actor.is_superuser:
        return agency
    if actor.agency_id != agency.pk:
        raise ActionRefused(f"只有{agency}的工作人员可以{doing}")
    if not actor.has_role(*PRESS_ROLES):
        roles = "、".join(str(Role(r).label) for r in PRESS_ROLES)
        raise ActionRefused(f"{doing}需要以下角色之一：{roles}")
    return agency


def _overseer(actor: Staff | None, agency: Agency, doing: str) -> None:
    """A supervisor whose scope covers `agency` (or a superuser) sets its frequency rules."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise ActionRefused("请先登录")
    if actor.is_superuser:
        return
    if not (actor.is_supervisor and can_see_agency(actor, agency)):
        raise ActionRefused(f"只有主管部门可以{doing}")


# ---------------------------------------------------------------- spokespersons


@transaction.atomic
def appoint_spokesperson(
    actor: Staff,
    *,
    name: str,
    title: str,
    phone: str,
    appointed_on: date | None,
    post: str = "新闻发言人",
    agency: Agency | None = None,
) -> Spokesperson:
    """任命: the new holder of `post`; the current holder of the same post leaves that day."""
    agency = _own_agency(actor, agency, "任命新闻发言人")
    post = _text(post, "岗位", "post", limit=30)
    name = _text(name, "姓名", "name", limit=50)
    title = _text(title, "职务", "title", limit=100)
    phone = _text(phone, "办公电话", "phone", limit=30)
    if appointed_on is None:
        raise ActionRefused("请填写任职日期", field="appointed_on")
    current = Spokesperson.objects.select_for_update().filter(agency=agency, post=post, ended_on=None).first()
    if current is not None:
        if appointed_on < current.appointed_on:
            raise ActionRefused(
                f"任职日期不能早于现任{post}{current.name}的任职日期（{current.appointed_on:%Y-%m-%d}）",
                field="appointed_on",
            )
        before = snapshot(current, SPOKESPERSON_FIELDS)
        current.ended_on = appointed_on
        current.save(update_fields=["ended_on"])
        record_audit(
            actor=actor, action="press.spokesperson.end", target=current, agency=agency, before=before,
            after=snapshot(current, SPOKESPERSON_FIELDS), note=f"由{name}接任",
        )  # fmt: skip
    person = Spokesperson.objects.create(
        agency=agency, post=post, name=name, title=title, phone=phone, appointed_on=appointed_on
    )
    record_audit(
        actor=actor, action="press.spokesperson.appoint", target=person, agency=agency,
        after=snapshot(person, SPOKESPERSON_FIELDS),
    )  # fmt: skip
    return person


@transaction.atomic
def end_spokesperson(actor: Staff, person: Spokesperson, *, ended_on: date | None) -> Spokesperson:
    """离任 without a successor (the post stays empty until the next appointment)."""
    person = Spokesperson.objects.select_for_update().select_related("agency").get(pk=person.pk)
    _own_agency(actor, person.agency, "办理新闻发言人离任")
    if person.ended_on is not None:
        raise ActionRefused(f"{person.name}已于{person.ended_on:%Y-%m-%d}离任")
    if ended_on is None:
        raise ActionRefused("请填写离任日期", field="ended_on")
    if ended_on < person.appointed_on:
        raise ActionRefused("离任日期不能早于任职日期", field="ended_on")
    before = snapshot(person, SPOKESPERSON_FIELDS)
    person.ended_on = ended_on
    person.save(update_fields=["ended_on"])
    record_audit(
        actor=actor, action="press.spokesperson.end", target=person, agency=person.agency, before=before,
        after=snapshot(person, SPOKESPERSON_FIELDS),
    )  # fmt: skip
    return person


# ---------------------------------------------------------------- conferences


def _speakers(speakers: Iterable) -> list[tuple[str, str, bool]]:
    out = []
    for row in speakers:
        name, title, is_head = (
            (row.get(k) for k in ("name", "title", "is_head")) if isinstance(row, dict) else row
        )
        name, title = (name or "").strip(), (title or "").strip()
        if not name and not title:
            continue
        if not name or not title:
            raise ActionRefused("每位发布人都要填写姓名和职务", field="speakers")
        out.append((name[:50], title[:100], bool(is_head)))
    return out


def _conference_values(topic, kind, starts_at, place, summary) -> dict:
    if not starts_at:
        raise ActionRefused("请填写发布会的召开日期和时间", field="starts_at")
    if not isinstance(starts_at, datetime):
        raise ActionRefused("召开时间要包括日期和具体时刻", field="starts_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if kind not in Kind.values:
        raise ActionRefused("请选择发布会类别", field="kind")
    return {
        "topic": _text(topic, "发布主题", "topic", limit=200),
        "kind": kind,
        "starts_at": starts_at,
        "place": _text(place, "召开地点", "place", limit=200),
        "summary": _text(summary, "发布内容简介", "summary", limit=5000, required=False),
    }


def _set_speakers(conference: PressConference, speakers: list[tuple[str, str, bool]]) -> None:
    conference.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(conference=conference, name=n, title=t, is_head=h, order=i)
        for i, (n, t, h) in enumerate(speakers)
    )
    conference.head_attended = any(h for _, _, h in speakers)


@transaction.atomic
def create_conference(
    actor: Staff,
    *,
    topic: str,
    starts_at: datetime | None,
    place: str,
    kind: str = Kind.REGULAR,
    summary: str = "",
    speakers: Iterable = (),
    agency: Agency | None = None,
) -> PressConference:
    """登记 a planned conference: it appears in the public calendar at once."""
    agency = _own_agency(actor, agency, "登记新闻发布会")
    values = _conference_values(topic, kind, starts_at, place, summary)
    rows = _speakers(speakers)
    conference = PressConference.objects.create(agency=agency, created_by=actor, **values)
    _set_speakers(conference, rows)
    conference.save(update_fields=["head_attended"])
    record_audit(
        actor=actor, action="press.conference.create", target=conference, agency=agency,
        after=snapshot(conference, CONFERENCE_FIELDS) | {"speakers": rows},
    )  # fmt: skip
    return conference


def _lock(conference: PressConference) -> PressConference:
    return (
        PressConference.objects.select_for_update(of=("self",)).select_related("agency").get(pk=conference.pk)
    )


@transaction.atomic
def update_conference(
    actor: Staff,
    conference: PressConference,
    *,
    topic: str,
    starts_at: datetime | None,
    place: str,
    kind: str,
    summary: str = "",
    speakers: Iterable = (),
) -> PressConference:
    conference = _lock(conference)
    _own_agency(actor, conference.agency, "修改新闻发布会")
    if conference.state in (ConferenceState.PUBLISHED, ConferenceState.CANCELLED):
        raise ActionRefused(f"发布会{conference.get_state_display()}，不能再修改")
    values = _conference_values(topic, kind, starts_at, place, summary)
    rows = _speakers(speakers)
    before = snapshot(conference, CONFERENCE_FIELDS) | {"speakers": _speaker_rows(conference)}
    for key, value in values.items():
        setattr(conference, key, value)
    _set_speakers(conference, rows)
    conference.save()
    record_audit(
        actor=actor, action="press.conference.update", target=conference, agency=conference.agency, before=before,
        after=snapshot(conference, CONFERENCE_FIELDS) | {"speakers": rows},
    )  # fmt: skip
    return conference


def _speaker_rows(conference: PressConference) -> list[tuple[str, str, bool]]:
    return [(s.name, s.title, s.is_head) for s in conference.speakers.all()]


def _go(actor: Staff, conference: PressConference, action: str) -> str:
    return CONFERENCES.target(conference, CONFERENCES.check(actor, conference, action))


def _move(
    actor, conference, action: str, code: str, *, note: str = "", check=None, **changes
) -> PressConference:
    conference = _lock(conference)
    target = _go(actor, conference, action)
    if check is not None:
        check(conference)
    before = snapshot(conference, CONFERENCE_FIELDS)
    conference.state = target
    for key, value in changes.items():
        setattr(conference, key, value)
    conference.save()
    record_audit(
        actor=actor, action=code, target=conference, agency=conference.agency, before=before,
        after=snapshot(conference, CONFERENCE_FIELDS), note=note,
    )  # fmt: skip
    if target in (ConferenceState.LIVE, ConferenceState.HELD):
        _fulfil_requirements(actor, conference)
    live.changed(live_key(conference.pk))  # open live pages learn the event started or ended
    return conference


@transaction.atomic
def start_conference(actor: Staff, conference: PressConference) -> PressConference:
    """开始文字直播: the public page of the conference follows what staff type."""
    return _move(actor, conference, "start", "press.conference.start", live_started_at=timezone.now())


@transaction.atomic
def finish_conference(actor: Staff, conference: PressConference) -> PressConference:
    return _move(actor, conference, "finish", "press.conference.finish", held_at=timezone.now())


@transaction.atomic
def record_conference(actor: Staff, conference: PressConference) -> PressConference:
    """登记已召开: a conference held without a live text (recorded after the event)."""

    def started(locked: PressConference) -> None:
        if locked.starts_at > timezone.now():
            raise ActionRefused(
                f"发布会定于{timezone.localtime(locked.starts_at):%Y-%m-%d %H:%M}召开，尚未到召开时间"
            )

    return _move(
        actor, conference, "record", "press.conference.record", check=started, held_at=timezone.now()
    )


@transaction.atomic
def publish_conference(actor: Staff, conference: PressConference) -> PressConference:
    """发布实录: the transcript, its media and the released documents go public."""

    def has_transcript(locked: PressConference) -> None:
        if not locked.transcript.strip():
            raise ActionRefused("请先填写发布会实录，再发布")

    return _move(
        actor,
        conference,
        "publish",
        "press.conference.publish",
        check=has_transcript,
        published_at=timezone.now(),
    )


@transaction.atomic
def cancel_conference(actor: Staff, conference: PressConference, *, reason: str) -> PressConference:
    reason = _text(reason, "取消原因", "reason", limit=200)
    return _move(actor, conference, "cancel", "press.conference.cancel", note=reason, cancel_reason=reason)


LIVE_MAX = 2000


@transaction.atomic
def post_live_entry(actor: Staff, conference: PressConference, *, body: str, speaker: str = "") -> LiveEntry:
    """One paragraph of the live text; open public pages show it within seconds, without a reload."""
    conference = _lock(conference)
    _own_agency(actor, conference.agency, "发布文字直播")
    if conference.state != ConferenceState.LIVE:
        raise ActionRefused(f"发布会当前状态为“{conference.get_state_display()}”，请先开始文字直播")
    body = _text(body, "直播内容", "body", limit=LIVE_MAX)
    speaker = _text(speaker, "发言人", "speaker", limit=50, required=False)
    entry = LiveEntry.objects.create(conference=conference, speaker=speaker, body=body, created_by=actor)
    record_audit(
        actor=actor, action="press.live.post", target=entry, agency=conference.agency,
        after={"conference": conference.pk, "speaker": speaker, "chars": len(body)},
    )  # fmt: skip
    live.changed(live_key(conference.pk))
    return entry


@transaction.atomic
def hide_live_entry(actor: Staff, entry: LiveEntry) -> LiveEntry:
    """撤回 a paragraph typed by mistake: it disappears from open pages (the audit keeps its length)."""
    entry = LiveEntry.objects.select_for_update().select_related("conference__agency").get(pk=entry.pk)
    _own_agency(actor, entry.conference.agency, "撤回直播内容")
    if not entry.hidden:
        entry.hidden = True
        entry.save(update_fields=["hidden", "updated_at"])
        record_audit(actor=actor, action="press.live.hide", target=entry, agency=entry.conference.agency)
        live.changed(live_key(entry.conference_id))
    return entry


@transaction.atomic
def update_transcript(actor: Staff, conference: PressConference, *, transcript: str) -> PressConference:
    """实录 (plain text, paragraphs by line; escaped on every page). Editable from the live text on."""
    conference = _lock(conference)
    _own_agency(actor, conference.agency, "编辑发布会实录")
    if conference.state in (ConferenceState.PLANNED, ConferenceState.CANCELLED):
        raise ActionRefused("发布会召开后才能编辑实录")
    transcript = _text(transcript, "实录", "transcript", limit=TRANSCRIPT_MAX, required=False)
    if conference.state == ConferenceState.PUBLISHED and not transcript:
        raise ActionRefused("实录已发布，不能清空", field="transcript")
    before = {"transcript_chars": len(conference.transcript)}
    conference.transcript = transcript
    conference.save(update_fields=["transcript"])
    record_audit(
        actor=actor, action="press.transcript.update", target=conference, agency=conference.agency,
        before=before, after={"transcript_chars": len(transcript)},
    )  # fmt: skip
    return conference


@transaction.atomic
def link_releases(
    actor: Staff, conference: PressConference, *, documents=(), interpretations=()
) -> PressConference:
    """The documents and interpretations the conference released; only public ones can be named."""
    from gongkai.publishing.models import Disclosure, State

    conference = _lock(conference)
    _own_agency(actor, conference.agency, "关联发布的文件和解读")
    documents, interpretations = list(documents), list(interpretations)
    for doc in documents:
        if doc.state != State.PUBLISHED or doc.disclosure != Disclosure.PROACTIVE:
            raise ActionRefused(f"《{doc.title}》尚未主动公开，不能关联", field="documents")
    for item in interpretations:
        if item.state != State.PUBLISHED:
            raise ActionRefused(f"解读《{item.title}》尚未发布，不能关联", field="interpretations")
    before = {
        "documents": sorted(conference.documents.values_list("pk", flat=True)),
        "interpretations": sorted(conference.interpretations.values_list("pk", flat=True)),
    }
    conference.documents.set(documents)
    conference.interpretations.set(interpretations)
    record_audit(
        actor=actor, action="press.conference.link", target=conference, agency=conference.agency, before=before,
        after={"documents": sorted(d.pk for d in documents), "interpretations": sorted(i.pk for i in interpretations)},
    )  # fmt: skip
    return conference


def media_type(head: bytes, name: str = "") -> tuple[str, str]:
    """(media type, content type) of a transcript file judged by its bytes, or RefusedFile."""
    kind = identify(head) if head else None
    if kind in MEDIA_TYPES:
        return MEDIA_TYPES[kind]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    hint = f"（文件名为 .{suffix}，但内容不是可播放的图片、音频或视频）" if suffix else ""
    raise RefusedFile(f"不支持的文件格式{hint}：仅接受图片（PNG、JPEG）、音频（MP3）、视频（MP4）")


@transaction.atomic
def add_media(actor: Staff, conference: PressConference, *, upload, caption: str = "") -> Media:
    conference = _lock(conference)
    _own_agency(actor, conference.agency, "上传实录音视频或图片")
    if conference.state in (ConferenceState.PLANNED, ConferenceState.CANCELLED):
        raise ActionRefused("发布会召开后才能上传实录的音视频和图片", field="upload")
    if upload is None or not upload.size:
        raise ActionRefused("请选择文件", field="upload")
    if upload.size > MEDIA_MAX_BYTES:
        raise ActionRefused("文件超过1GB，请压缩后上传", field="upload")
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    try:
        type_, content_type = media_type(head, upload.name)
    except RefusedFile as exc:
        raise ActionRefused(str(exc), field="upload") from None
    caption = _text(caption, "说明", "caption", limit=200, required=False)
    name = (upload.name or "file").rsplit("/", 1)[-1][-200:]
    media = Media(
        conference=conference, type=type_, name=name, content_type=content_type, size=upload.size,
        caption=caption, uploaded_by=actor,
    )  # fmt: skip
    media.file.save(name, upload, save=False)
    media.save()
    record_audit(
        actor=actor, action="press.media.upload", target=media, agency=conference.agency,
        after={"conference": conference.pk, "name": name, "type": type_, "size": media.size},
    )  # fmt: skip
    return media


@transaction.atomic
def remove_media(actor: Staff, media: Media) -> None:
    media = Media.objects.select_related("conference__agency").get(pk=media.pk)
    _own_agency(actor, media.conference.agency, "删除实录音视频或图片")
    before = {"conference": media.conference_id, "name": media.name, "type": media.type}
    record_audit(
        actor=actor, action="press.media.remove", target=media, agency=media.conference.agency, before=before
    )
    media.delete()  # the stored bytes stay (the audit names them); a cleanup job may sweep orphans


# ---------------------------------------------------------------- frequency settings


@transaction.atomic
def set_agency_class(
    actor: Staff, agency: Agency, *, press_class: PressClass | None, since: date | None = None
) -> AgencyPressSetting:
    """Put `agency` in a class of frequency rules (None: not checked) from `since` (default today)."""
    _overseer(actor, agency, "设置发布会考核类别")
    setting = AgencyPressSetting.objects.select_for_update().filter(agency=agency).first()
    before = {"press_class": setting.press_class_id, "since": setting.since} if setting else None
    since = since or (setting.since if setting else timezone.localdate())
    if setting is None:
        setting = AgencyPressSetting.objects.create(agency=agency, press_class=press_class, since=since)
    else:
        setting.press_class, setting.since = press_class, since
        setting.save()
    record_audit(
        actor=actor, action="press.setting.update", target=setting, agency=agency, before=before,
        after={"press_class": setting.press_class_id, "since": setting.since},
    )  # fmt: skip
    return setting


@transaction.atomic
def set_frequency_rule(
    actor: Staff,
    *,
    measure: str,
    months: int,
    min_count: int,
    press_class: PressClass | None = None,
    agency: Agency | None = None,
) -> FrequencyRule | None:
    """A class's rule, or an agency's override of its class's rule of the same measure
    (min_count 0 on an agency removes its override)."""
    if (press_class is None) == (agency is None):
        raise ActionRefused("频次要求要么属于一个类别，要么属于一个机关")
    if agency is not None:
        _overseer(actor, agency, "设置机关的发布会频次")
    elif not (actor is None or actor.is_superuser):
        raise ActionRefused("只有系统管理员可以修改类别的发布会频次")
    if measure not in Measure.values:
        raise ActionRefused("请选择计数对象", field="measure")
    if months not in (1, 2, 3, 4, 6, 12):
        raise ActionRefused("周期只能是每月、每两个月、每季度、每四个月、每半年或每年", field="months")
    if min_count < 0 or min_count > 50:
        raise ActionRefused("每周期场次应在0到50之间", field="min_count")
    owner = {"press_class": press_class} if press_class is not None else {"agency": agency}
    rule = FrequencyRule.objects.select_for_update().filter(measure=measure, **owner).first()
    before = {"months": rule.months, "min_count": rule.min_count} if rule else None
    if agency is not None and min_count == 0:
        if rule is not None:
            rule.delete()
        after = None
        rule = None
    else:
        rule, _ = FrequencyRule.objects.update_or_create(
            measure=measure, **owner, defaults={"months": months, "min_count": min_count}
        )
        after = {"months": months, "min_count": min_count}
    record_audit(
        actor=actor, action="press.rule.update", target=rule, agency=agency, before=before,
        after=after, note=f"{press_class or agency}：{Measure(measure).label}",
    )  # fmt: skip
    return rule


# ---------------------------------------------------------------- conferences required by other domains


@transaction.atomic
def require_conference(
    actor: Staff | None, agency: Agency, due_at: datetime, reason: str, source_url: str = ""
) -> ConferenceRequirement:
    """A conference `agency` must hold by `due_at` (the opinion domain: within 24 hours of a major
    event, RULES.md §7). It shows as due on the frequency page and the supervisor's dashboard until a
    conference of the agency goes live or is recorded as held. Calling it again for the same open
    source (URL) changes nothing and returns the open item."""
    reason = _text(reason, "事由", "reason", limit=300)
    source_url = _text(source_url, "来源链接", "source_url", limit=500, required=False)
    if due_at is None:
        raise ActionRefused("请填写最迟召开时间", field="due_at")
    if source_url:
        existing = ConferenceRequirement.objects.filter(
            agency=agency, source_url=source_url, fulfilled_at=None
        ).first()
        if existing is not None:
            return existing
    item = ConferenceRequirement.objects.create(
        agency=agency, due_at=due_at, reason=reason, source_url=source_url,
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    record_audit(
        actor=actor, action="press.requirement.create", target=item, agency=agency,
        after={"due_at": due_at, "reason": reason, "source_url": source_url},
    )  # fmt: skip
    return item


def _fulfil_requirements(actor, conference: PressConference) -> None:
    now = timezone.now()
    for item in ConferenceRequirement.objects.select_for_update().filter(
        agency_id=conference.agency_id, fulfilled_at=None, created_at__lte=now
    ):
        item.conference, item.fulfilled_at = conference, now
        item.save(update_fields=["conference", "fulfilled_at"])
        record_audit(
            actor=actor, action="press.requirement.fulfil", target=item, agency=conference.agency,
            after={"conference": conference.pk, "fulfilled_at": now, "late": item.is_overdue()},
        )  # fmt: skip
