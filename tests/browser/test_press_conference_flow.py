"""A press conference through the real pages, axe on every page: 李明 (县财政局) registers it, it is
in the public calendar (also at 375 px); he starts the live text and types; the public page open on
`127.0.0.1` (another host: no shared cookies) shows it without a reload; he ends it, writes the
transcript (drafted from the live text), uploads a photo and publishes; the public page shows the
transcript with the image served by the application."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gongkai.demo.press import demo_png
from gongkai.press.models import PressConference
from tests.browser.fixtures import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOPIC = "全县财政预算执行情况新闻发布会"
WORDS = "今年以来全县民生支出占比保持在八成以上。"


def test_from_calendar_to_live_text_to_transcript(
    page, browser, axe_check, county, li_ming, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # A conference planned for today is the one whose public page polls: run at 10:00 today (Asia/Shanghai),
    # so that "in 30 minutes" is still today whenever the suite runs (it failed when run near midnight).
    with time_machine.travel(
        timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0), tick=True
    ):
        starts = timezone.localtime() + timedelta(minutes=30)
        login(page, li_ming.username, PASSWORD)
        page.goto(f"{page.base}/workbench/press/new/")
        axe_check(page)
        page.get_by_label("发布主题").fill(TOPIC)
        page.get_by_label("召开地点").fill("县政府新闻发布厅")
        page.get_by_label("第1位 姓名").fill("钱江")
        page.get_by_label("职务").first.fill("县财政局局长")
        page.get_by_label("本机关主要负责同志").first.check()
        page.get_by_role("button", name="保存").click()
        assert "请填写发布会的召开日期和时间" in page.content()  # refused without a date, nothing saved
        assert not PressConference.objects.exists()
        axe_check(page)
        page.get_by_label("召开时间").fill(starts.strftime("%Y-%m-%dT%H:%M"))
        page.get_by_role("button", name="保存").click()
        page.wait_for_url("**/workbench/press/*/")
        conference = PressConference.objects.get()
        assert conference.head_attended
        axe_check(page)

        # In the public calendar of the month, on a phone too.
        public = browser.new_page()
        public.set_default_timeout(15_000)
        public_base = page.base.replace("localhost", "127.0.0.1")
        public.goto(f"{public_base}/press/calendar/?month={starts:%Y-%m}")
        assert public.get_by_role("link", name=TOPIC).is_visible()
        axe_check(public)
        public.set_viewport_size({"width": 375, "height": 800})
        public.reload()
        assert public.evaluate("document.documentElement.scrollWidth") <= 375
        axe_check(public)
        public.get_by_role("link", name=TOPIC).click()
        public.wait_for_url(f"**/press/{conference.pk}/")
        axe_check(public)
        public.evaluate("window.__notReloaded = true")

        # 李明 starts the live text and types.
        page.get_by_role("link", name="开始文字直播").click()
        page.get_by_role("button", name="开始文字直播").click()
        page.wait_for_url(f"**/workbench/press/{conference.pk}/")
        page.get_by_label("发言人").fill("钱江")
        page.get_by_label("直播内容").fill(WORDS)
        page.get_by_role("button", name="发布到直播").click()
        page.wait_for_url(f"**/workbench/press/{conference.pk}/#live-h")
        axe_check(page)

        # The open public page (planned for today: it polls) shows it in place.
        public.get_by_text(WORDS).wait_for(timeout=40_000)
        assert public.evaluate("window.__notReloaded") is True
        assert public.locator(".gk-live-entries").get_attribute("aria-live") == "polite"
        axe_check(public)

        # Ended; the transcript starts from the live text; a photo; published.
        page.get_by_role("link", name="结束直播").click()
        page.get_by_role("button", name="结束直播").click()
        page.wait_for_url(f"**/workbench/press/{conference.pk}/")
        assert page.get_by_role("textbox", name="实录").input_value() == f"钱江：{WORDS}"
        page.get_by_role("button", name="保存实录").click()
        photo = tmp_path / "现场.png"
        photo.write_bytes(demo_png())
        page.get_by_label("图片、音频或视频文件").set_input_files(str(photo))
        page.get_by_label("说明").fill("发布会现场")
        page.get_by_role("button", name="上传").click()
        page.wait_for_url("**#media-h")
        axe_check(page)
        page.get_by_role("link", name="发布实录").click()
        page.get_by_role("button", name="发布实录").click()
        page.wait_for_url(f"**/workbench/press/{conference.pk}/")
        assert "实录已发布" in page.content()

        public.set_viewport_size({"width": 1280, "height": 900})
        public.goto(f"{public_base}/press/{conference.pk}/")
        assert public.get_by_role("heading", name="发布会实录").is_visible()
        image = public.get_by_role("img", name="图片：发布会现场")
        assert image.evaluate("img => img.complete && img.naturalWidth") == 320
        axe_check(public)
        public.close()
