"""The staff URLs of 新闻发布 for the scoping test (tests/scope_registry.py), each with an object of
县财政局 and the text that shows it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TOPIC = "财政预算执行情况新闻发布会测试"


def _finance_conference(county):
    from gongkai.press.models import PressConference, Speaker

    item = PressConference.objects.filter(topic=TOPIC).first()
    if item is None:  # built directly: the county's people vary between scope tests
        item = PressConference.objects.create(
            agency=county.finance, topic=TOPIC, place="县政府新闻发布厅", state="held",
            starts_at=datetime(2026, 3, 31, 15, tzinfo=ZoneInfo("Asia/Shanghai")),
        )  # fmt: skip
        Speaker.objects.create(conference=item, name="周婷", title="县财政局新闻发言人")
    return item


def _finance_media(county):
    from django.core.files.base import ContentFile

    from gongkai.press.models import Media

    item = _finance_conference(county)
    media = Media(conference=item, type="image", name="现场.png", content_type="image/png", size=8)
    media.file.save("现场.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    media.save()
    return {"pk": item.pk, "media_pk": media.pk}


def _finance_spokesperson(county):
    from gongkai.press.models import Spokesperson

    return Spokesperson.objects.create(
        agency=county.finance,
        name="周婷测试",
        title="副局长",
        phone="0531-86001234",
        appointed_on=date(2026, 1, 1),
    )


def _finance_checked(county):
    from gongkai.press.models import AgencyPressSetting, PressClass

    AgencyPressSetting.objects.get_or_create(
        agency=county.finance,
        defaults={
            "press_class": PressClass.objects.get(name="与经济和民生关系密切的部门"),
            "since": date(2025, 1, 1),
        },
    )
    return f'id="agency-{county.finance.pk}"'


PRESS_URLS = {
    "press_staff:home": lambda county, people: ({}, _finance_conference(county).topic),
    # None: a blank form; the conference joins the user's own agency.
    "press_staff:create": lambda county, people: ({}, None),
    "press_staff:detail": lambda county, people: ({"pk": _finance_conference(county).pk}, TOPIC),
    "press_staff:edit": lambda county, people: ({"pk": _finance_conference(county).pk}, TOPIC),
    "press_staff:act": lambda county, people: (
        {"pk": _finance_conference(county).pk, "action": "publish"},
        TOPIC,
    ),
    # None: the image file itself (outsiders get 404).
    "press_staff:media_file": lambda county, people: (_finance_media(county), None),
    "press_staff:media_remove": lambda county, people: (_finance_media(county), TOPIC),
    "press_staff:spokespersons": lambda county, people: ({}, _finance_spokesperson(county).name),
    "press_staff:spokesperson_end": lambda county, people: (
        {"pk": _finance_spokesperson(county).pk},
        "周婷测试",
    ),
    # The row of 县财政局 (checked since 2025) in the table of agency × period.
    "press_staff:frequency": lambda county, people: ({}, _finance_checked(county)),
    "press_staff:frequency_setting": lambda county, people: (
        {"agency_pk": county.finance.pk},
        "示范县财政局",
    ),
}
