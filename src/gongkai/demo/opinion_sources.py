"""Demo data of 舆情 (sources part): the county office's sources — three shipped feeds (fetched over HTTP
from a local server the demo starts, through the real fetch), a vendor's GBK export, a push source,
an own-domain source of the county's messages, one feed whose address went bad (its health shows
the Chinese error) — and a month of generated posts with bursts around four themes, stored through
the ingest action so that every later stage runs. Running it twice adds nothing.

Everything is written by the project (templates × slots of our own wording); no real posts.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.utils import timezone

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_username
from gongkai.opinion.collect import actions
from gongkai.opinion.models import Source
from gongkai.opinion.normalise import RawPost

DATA = Path(__file__).parent / "data" / "opinion"
OWNER = "xzfb"  # 县政府办公室 monitors the county's 舆情
GENERATED = 3000
BATCH = 500

# (name, kind, category, feed file or "", own channel)
SOURCES = [
    ("示范县论坛·民生百事", "feed", "forum", "county-forum.rss", ""),
    ("示范县融媒体中心", "feed", "local", "county-media.atom", ""),
    ("省级媒体·市县观察", "feed", "provincial", "provincial-news.rss", ""),
    ("舆情监测服务商导出", "vendor", "self_media", "", ""),
    ("舆情监测服务商推送", "push", "self_media", "", ""),
    ("本系统网上留言", "own", "own", "", "messages"),
]
BROKEN = ("某商业网站RSS（地址已失效）", "broken.html")

PLACES = [
    "城关镇",
    "河口镇",
    "东城街道",
    "城南片区",
    "锦绣小区",
    "幸福路",
    "人民路",
    "滨河花园",
    "县城北关",
    "新华社区",
]
PLATFORMS = ["微博", "抖音", "论坛", "微信群", "今日头条", "快手"]
# Everyday posts about the demo county's departments: (department, templates with {place}).
NOISE = [
    (
        "财政",
        [
            "{place}的惠民补贴什么时候发放？去年是年底前到账",
            "{place}耕地地力补贴标准是多少，在哪里能查到",
            "县财政局公开的预算表格看不太懂，能不能出个解读",
        ],
    ),
    (
        "住建",
        [
            "{place}老旧小区改造进度怎么样了，楼道还没动工",
            "{place}小区物业乱收费，住建局管不管",
            "{place}的电梯加装申请需要什么材料",
        ],
    ),
    (
        "教育",
        [
            "{place}小学明年招生划片有变化吗",
            "{place}幼儿园收费标准在哪里公示",
            "孩子在{place}上学，校车路线能不能调整一下",
        ],
    ),
    (
        "卫健",
        [
            "{place}卫生院周末有没有医生值班",
            "{place}社区疫苗接种需要预约吗",
            "县医院挂号太难了，{place}的老人怎么办",
        ],
    ),
    (
        "交通",
        [
            "{place}路口红绿灯时间太短，老人过不去",
            "{place}到县城的公交能不能加密班次",
            "{place}的路灯坏了好几天没人修",
        ],
    ),
    (
        "生态环境",
        [
            "{place}附近的河道有异味，是不是有人偷排",
            "{place}工厂晚上冒黑烟，请环保部门查一查",
            "{place}垃圾分类做得不错，点赞",
        ],
    ),
    (
        "市场监管",
        [
            "{place}菜市场缺斤短两，投诉无门",
            "{place}超市卖过期食品，已经拍照留证",
            "{place}新开的药店价格很实惠",
        ],
    ),
    (
        "人社",
        [
            "{place}灵活就业社保怎么交",
            "{place}的公益性岗位招聘在哪报名",
            "农民工工资被拖欠，{place}的工地老板联系不上",
        ],
    ),
    ("民政", ["{place}的高龄补贴怎么申请", "{place}养老院条件怎么样，收费多少", "{place}低保审核要多久"]),
    (
        "公安",
        [
            "{place}电动车被偷了，报警后有进展吗",
            "{place}户口迁移需要什么手续",
            "{place}夜里有人飙车，噪音很大",
        ],
    ),
]
# The bursts: (theme, days ago the burst starts, hours it lasts, posts, templates).
BURSTS = [
    (
        "学校食堂",
        4,
        36,
        420,
        [
            "城关镇第二小学食堂饭菜有异味，孩子回家肚子疼，{platform}上好多家长在说",
            "二小食堂的事到底怎么回事，学校一直没有说法，家长很着急",
            "听说城关二小好几个学生吃了食堂饭菜不舒服，教育局管不管",
            "学校食堂食品安全必须彻查，城关镇第二小学要给家长一个交代",
            "今天去二小门口，很多家长在等说法，食堂已经停了",
        ],
    ),
    (
        "道路施工扰民",
        11,
        72,
        220,
        [
            "幸福路改造工地半夜还在打桩，{place}居民睡不着",
            "幸福路施工噪音太大，晚上十一点以后还在干活，住建局管一管",
            "幸福路修了半年还没修好，出行太不方便了",
            "幸福路夜间施工扰民，投诉了好几次没有用",
        ],
    ),
    (
        "养老金发放",
        2,
        30,
        260,
        [
            "这个月养老金怎么还没到账，往年月初就发了",
            "{place}的老人都在问养老金推迟发放是怎么回事",
            "养老金迟迟不到，打社保电话一直占线",
            "养老金发放推迟了，是不是银行系统升级，有没有官方说法",
        ],
    ),
    (
        "暴雨内涝",
        1,
        20,
        380,
        [
            "暴雨后城南大道积水没过膝盖，公交停运了",
            "城南又内涝了，每次下大雨都这样，排水什么时候改造",
            "{place}地下车库进水了，好几辆车被淹",
            "暴雨内涝，城南片区积水严重，应急局在组织排水",
            "感谢连夜排涝的消防员和环卫工人，城南积水退了",
        ],
    ),
]
TAILS = [
    "",
    "",
    "！",
    "，求转发",
    "，大家怎么看",
    "。",
    "，已向12345反映",
    "？",
    "，希望尽快解决",
    "，有关部门管管吧",
]
OPENINGS = [
    "",
    "",
    "请问",
    "有没有人知道，",
    "求助：",
    "吐槽一下，",
    "实名反映：",
    "说个事，",
    "转给大家看看，",
]
WHEN = ["", "今天", "昨天晚上", "这几天", "最近", "刚才", "上周"]


def generate_posts(
    n: int, *, end: datetime, days: int = 30, seed: int = 2026, prefix: str = "gen"
) -> Iterator[RawPost]:
    """`n` posts over the `days` before `end`: everyday noise about every department and, for a demo
    month, the four bursts; about one in six a repost of an earlier one with a few words changed."""
    rng = random.Random(seed)
    bursts = [b for b in BURSTS if b[1] < days] if n >= 1000 else []
    burst_total = sum(b[3] for b in bursts)
    made: list[str] = []
    for i in range(n):
        if i < burst_total:
            offset = i
            for _theme, start_days, hours, count, templates in bursts:
                if offset < count:
                    # A burst rises fast: most posts in its first third.
                    at = end - timedelta(days=start_days) + timedelta(hours=hours * rng.random() ** 2)
                    text = rng.choice(templates)
                    break
                offset -= count
        else:
            _department, templates = rng.choice(NOISE)
            at = end - timedelta(seconds=rng.randrange(days * 86400))
            text = rng.choice(templates)
        if made and rng.random() < 0.16:
            body = "转发：" + rng.choice(made[-200:]) + rng.choice(TAILS)
        else:
            text = text.format(place=rng.choice(PLACES), platform=rng.choice(PLATFORMS))
            body = rng.choice(OPENINGS) + rng.choice(WHEN) + text + rng.choice(TAILS)
            made.append(body)
        yield RawPost(
            published_at=min(at, end),
            title="",
            body=body,
            author=f"{rng.choice(PLACES)}网友{rng.randrange(1, 9999):04d}",
            external_id=f"{prefix}-{i}",
            url=f"https://{rng.choice(['weibo', 'bbs', 'douyin'])}.example.cn/{prefix}/{i}",
            likes=int(rng.paretovariate(1.3)) - 1,
            comments=int(rng.paretovariate(1.6)) - 1,
            shares=int(rng.paretovariate(1.8)) - 1,
        )


def _serve(directory: Path):
    handler = partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(agencies, out) -> None:
    analyst = Staff.objects.get(username=demo_username(OWNER, Role.OPINION_ANALYST))
    owner = agencies[OWNER]
    if Source.objects.filter(owner=owner, name=SOURCES[0][0]).exists():
        out.write("舆情来源：已有，未重复建立。")
        return
    server = _serve(DATA)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        made = {}
        for name, kind, category, filename, channel in SOURCES:
            made[name] = actions.create_source(
                analyst,
                owner=owner,
                name=name,
                kind=kind,
                category=category,
                url=base + filename if filename else "",
                own_channel=channel,
                schedule_minutes=30,
            )
        broken = actions.create_source(
            analyst, owner=owner, name=BROKEN[0], kind="feed", category="self_media", url=base + BROKEN[1]
        )
        fetched = 0
        for source in [*made.values(), broken]:
            if source.is_fetched:
                result, _error = actions.fetch_source(source)
                fetched += result.added if result else 0
    finally:
        server.shutdown()
        server.server_close()
    vendor = made["舆情监测服务商导出"]
    imported = actions.import_export(
        analyst, vendor, data=(DATA / "vendor-export.csv").read_bytes(), filename="vendor-export.csv"
    )
    pushed = made["舆情监测服务商推送"]
    generated = list(generate_posts(GENERATED, end=timezone.now()))
    added = 0
    for start in range(0, len(generated), BATCH):
        added += actions.ingest_posts(analyst, pushed, generated[start : start + BATCH], how="push").added
    out.write(
        f"舆情来源：{len(SOURCES) + 1}个（其一地址失效，显示错误），订阅抓取{fetched}条，"
        f"导出文件导入{imported.added}条，推送生成信息{added}条。"
    )
