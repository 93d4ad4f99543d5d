"""The demo county's 主动公开: columns, guides, policies, the four seed documents imported and
published through the real import path and workflow, and a few hundred generated documents.

Everything goes through the actions (so the audit trail and review records are real). Running it
twice adds nothing: seeds are recognised by their file name, generated documents by their title.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, Staff
from gongkai.publishing import actions
from gongkai.publishing.importing import import_file
from gongkai.publishing.models import (
    Column,
    Document,
    Finding,
    Guide,
    Interpretation,
    State,
    Subject,
    Topic,
    UpdateClass,
    Validity,
)

from .county import demo_username
from .county_documents import document_year, own_documents

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
GENERATED = 300

COLUMNS = [
    ("工作动态", "gzdt", UpdateClass.NEWS, False),
    ("通知公告", "tzgg", UpdateClass.NOTICE, False),
    ("政策文件", "zcwj", UpdateClass.NOTICE, False),
    ("人事信息", "rsxx", UpdateClass.YEARLY, False),
    ("规划计划", "ghjh", UpdateClass.YEARLY, False),
    ("财政预决算", "czyjs", UpdateClass.NOTICE, True),
    ("重大建设项目", "zdjsxm", UpdateClass.NOTICE, True),
    ("公共资源配置", "ggzypz", UpdateClass.NOTICE, True),
    ("社会公益事业", "shgysy", UpdateClass.NOTICE, True),
    ("上级文件", "sjwj", UpdateClass.NOTICE, False),
    ("其他", "qt", UpdateClass.OTHER, False),
]
TOPICS = [("优化营商环境", "yshj"), ("乡村振兴", "xczx"), ("民生实事", "msss")]

# What each agency writes about: (subject "top\\sub", column slug, subjects of its titles).
AGENCY_WORK = {
    "xzf": (
        "综合政务\\政务公开",
        "zcwj",
        ["全县政务公开工作要点", "优化营商环境若干措施", "年度重点民生实事项目"],
    ),
    "xzfb": (
        "综合政务\\政务公开",
        "tzgg",
        ["政府信息公开工作年度报告", "政务服务“一网通办”工作", "12345热线工作"],
    ),
    "czj": (
        "财政、金融、审计\\财政",
        "czyjs",
        ["部门预算公开", "财政资金直达机制", "政府采购意向公开", "惠民惠农财政补贴资金"],
    ),
    "zjj": (
        "城乡建设、环境保护\\城乡建设（含住房）",
        "zdjsxm",
        ["老旧小区改造", "保障性住房分配", "建筑施工安全专项整治"],
    ),
    "jyj": ("科技、教育\\教育", "shgysy", ["义务教育招生入学", "学生资助政策", "校外培训机构治理"]),
    "sthjj": (
        "城乡建设、环境保护\\环境监测、保护与治理",
        "shgysy",
        ["空气质量改善", "河湖长制工作", "排污许可管理"],
    ),
    "scjgj": (
        "市场监管、安全生产监管\\食品药品监管",
        "tzgg",
        ["食品安全抽检", "双随机一公开监管", "特种设备安全"],
    ),
    "yjglj": ("综合政务\\应急管理", "tzgg", ["防汛抗旱工作", "安全生产大检查", "森林防灭火工作"]),
    "wjj": ("卫生、体育\\卫生", "shgysy", ["基本公共卫生服务", "家庭医生签约服务", "传染病防控"]),
    "cgz": ("民政、扶贫、救灾\\社会福利", "ggzypz", ["农村低保动态管理", "高龄津贴发放", "人居环境整治"]),
    "hkz": (
        "农业、林业、水利\\农业、畜牧业、渔业",
        "ggzypz",
        ["耕地地力保护补贴", "高标准农田建设", "农村集体经济"],
    ),
    "dcjd": ("民政、扶贫、救灾\\社会福利", "gzdt", ["社区网格化管理", "老年食堂运营", "垃圾分类工作"]),
}
GENRES = ["通知", "实施方案", "意见", "办法", "通知", "公告"]

GUIDE = """<h2>一、主动公开</h2>
<p>（一）公开的范围：按照《中华人民共和国政府信息公开条例》第二十条、第二十一条的规定，本机关主动公开机构职能、规范性文件、发展规划、财政预决算、行政许可和行政处罚等政府信息。</p>
<p>（二）公开的方式：通过{site}门户网站“政府信息公开”专栏、政务新媒体、政府公报及查阅场所公开。</p>
<p>（三）公开的时限：属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。</p>
<h2>二、依申请公开</h2>
<p>公民、法人或者其他组织可以通过网上申请、信函、当面提交等方式向本机关申请获取政府信息。本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，需要延长答复期限的，经负责人同意可延长不超过20个工作日。</p>
<h2>三、监督和救济</h2>
<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>
<h2>四、联系方式</h2>
<p>办公地址：示范县行政中心；工作时间：法定工作日上午8:30—12:00，下午13:30—17:30。</p>"""

SEED_TITLES = {  # a seed whose web copy lost its title: what the clerk types in after import
    "001": "关于进一步加强政府信息公开回应社会关切提升政府公信力的实施意见",
}


@dataclass(frozen=True)
class SeedFacts:
    """What the clerk checks against the original before republishing another government's document."""

    issuer: str
    written_on: dt.date | None  # None: the copy we hold does not carry it, and we do not invent one


# Keyed by (file prefix, document number or "" for the outer document of a file). The seeds are
# real documents of other governments: the county office republishes them in 上级文件 under
# their own issuer, number and date.
SEED_FACTS = {
    ("000", ""): SeedFacts("盘锦市人民政府办公室", dt.date(2014, 1, 6)),  # signed at its foot
    ("000", "辽政办发〔2013〕61号"): SeedFacts("辽宁省人民政府办公厅", dt.date(2013, 11, 30)),
    ("001", ""): SeedFacts("商洛市人民政府办公室", None),  # a web copy without its head or foot
    ("002", ""): SeedFacts("国务院办公厅", dt.date(2013, 10, 1)),  # as on www.gov.cn
    ("003", ""): SeedFacts("桓台县人民政府办公室", None),  # the copy ends with its annex table
}


def seed_summary(facts: SeedFacts, doc_number: str) -> str:
    issued = (
        f"{facts.written_on.year}年{facts.written_on.month}月{facts.written_on.day}日"
        if facts.written_on
        else ""
    )
    parts = [
        f"发文机关：{facts.issuer}",
        f"文号：{doc_number}" if doc_number else "",
        f"成文日期：{issued}" if issued else "",
    ]
    return "上级文件，本网转载。" + "；".join(p for p in parts if p) + "。"


def _weekday(day: dt.date) -> dt.date:
    """The day, or the Monday after it: offices publish on working days."""
    return day + dt.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _staff(key: str, role: str) -> Staff:
    return Staff.objects.get(username=demo_username(key, role))


def _setup(agencies: dict[str, Agency]) -> dict[str, Column]:
    admin = _staff("xzf", Role.SYSADMIN)
    for i, (name, slug, update_class, key_area) in enumerate(COLUMNS, start=1):
        if not Column.objects.filter(slug=slug).exists():
            actions.create_column(
                admin, name=name, slug=slug, update_class=update_class, is_key_area=key_area, sort_order=i
            )
    for name, slug in TOPICS:
        if not Topic.objects.filter(slug=slug).exists():
            actions.create_topic(admin, name=name, slug=slug)
    # 县教育局 sends its documents to the county office, which reviews and publishes them.
    actions.set_publishing_policy(None, agencies["jyj"], publish_via=agencies["xzfb"])
    # The townships have few staff: one person may take several steps there.
    for key in ("cgz", "hkz", "dcjd"):
        actions.set_publishing_policy(None, agencies[key], allow_same_person=True)
    site = agencies["xzf"].name
    for agency in agencies.values():
        if not Guide.objects.filter(agency=agency).exists():
            actions.update_guide(None, agency, body=GUIDE.format(site=site))
    return {c.slug: c for c in Column.objects.all()}


def _review_and_publish(doc, key: str, *, published_at=None, waiver: str = ""):
    """Take a draft of agency `key` through every step of its policy and publish it."""
    clerk = _staff(key, Role.CLERK)
    doc = actions.submit_document(clerk, doc)
    people = {
        State.CHECK: clerk,
        State.REVIEW: _staff(key, Role.REVIEWER),
        State.SIGN_OFF: _staff(key, Role.SIGNER),
        State.SECRECY_REVIEW: _staff(key, Role.SECRECY_REVIEWER),
        State.VIA_REVIEW: _staff("xzfb", Role.REVIEWER),
    }
    while doc.state in people:
        if doc.state == State.SECRECY_REVIEW and isinstance(doc, Document):
            for finding in doc.findings.filter(resolution=Finding.Resolution.OPEN):
                actions.redact_finding(people[State.SECRECY_REVIEW], finding)
        waiver_now = waiver if doc.state == State.SIGN_OFF else ""  # the signer's reason, at 审发
        doc = actions.approve_step(people[doc.state], doc, comment="同意", interpretation_waiver=waiver_now)
    if isinstance(doc, Interpretation):
        return doc
    publisher = _staff("xzfb", Role.CLERK) if doc.via_agency_id else clerk
    if waiver:
        publisher = _staff(key, Role.SIGNER)
    return actions.publish_document(publisher, doc, interpretation_waiver=waiver, published_at=published_at)


def _import_seeds(office_key: str, columns: dict[str, Column]) -> int:
    clerk = _staff(office_key, Role.CLERK)
    subject = actions.subject_by_label("综合政务\\政务公开")
    made = 0
    for path in sorted(SEEDS.glob("*.txt")):
        if Document.objects.filter(source_name=path.name, forwarded_by=None).exists():
            continue
        result = import_file(clerk, path)
        if not result.ok:
            raise RuntimeError(f"{path.name}: {result.message}")
        for doc in [result.document, *result.forwarded]:
            facts = SEED_FACTS[path.name[:3], doc.doc_number if doc.forwarded_by_id else ""]
            changes = {
                "subject": subject,
                "column": columns["sjwj"],
                "summary": seed_summary(facts, doc.doc_number),
                "original_issuer": facts.issuer,
            }
            if facts.written_on:  # 生成日期 too: the republished copy is the original's
                changes["written_on"] = changes["made_on"] = facts.written_on
            if "title_missing" in doc.import_warnings and path.name[:3] in SEED_TITLES:
                changes["title"] = SEED_TITLES[path.name[:3]]
            doc = actions.update_document(
                clerk, doc, note="核对导入结果：发文机关、文号、成文日期按原件", **changes
            )
            when = timezone.now()
            if doc.written_on:  # republished soon after it was issued
                published_on = _weekday(doc.written_on + dt.timedelta(days=12))
                when = timezone.make_aware(dt.datetime.combine(published_on, dt.time(10)))
            _review_and_publish(doc, office_key, published_at=min(when, timezone.now()))
            made += 1
    return made


def _generate(agencies: dict[str, Agency], columns: dict[str, Column], count: int) -> int:
    rng = random.Random(20260101)
    existing = set(Document.objects.values_list("title", flat=True))
    today = timezone.localdate()
    topics = list(Topic.objects.all())
    made = 0
    for i in range(count):
        with transaction.atomic():
            key = list(AGENCY_WORK)[i % len(AGENCY_WORK)]
            subject_label, column_slug, themes = AGENCY_WORK[key]
            agency = agencies[key]
            theme = themes[(i // len(AGENCY_WORK)) % len(themes)]
            year = today.year - (i % 3)
            genre = GENRES[i % len(GENRES)]
            title = f"{agency.name}关于{year}年{theme}的{genre}"
            if i >= len(AGENCY_WORK) * 6:
                title = f"{agency.name}关于{year}年{theme}的{genre}（第{i // (len(AGENCY_WORK) * 6) + 1}批）"
            if title in existing:
                continue
            written = min(dt.date(year, 1 + (i * 7) % 12, 1 + (i * 11) % 27), today - dt.timedelta(days=5))
            prefix = agency.doc_prefixes[0] if agency.doc_prefixes else "示发"
            normative = genre == "办法"
            clerk = _staff(key, Role.CLERK)
            body = (
                f"<p>各有关单位：</p><p>为做好{year}年{theme}工作，根据有关规定，结合我县实际，现就有关事项{genre}如下。</p>"
                f"<p>一、工作目标。到{year}年底，{theme}工作机制进一步健全，群众满意度明显提升。</p>"
                f"<p>二、主要任务。各单位要明确责任分工，按月报送进展情况。</p>"
                f"<p>三、保障措施。加强组织领导，强化督促检查，及时主动公开工作进展。</p>"
                f"<p>联系人：办公室，联系电话：0379-{8000000 + i}。</p>"
            )
            if i % 37 == 0:
                body += f"<p>咨询人手机：139{rng.randrange(10**8):08d}</p>"  # screened and redacted in review
            doc = actions.create_document(
                clerk,
                title=title,
                body=body,
                summary=f"{agency.display_name}部署{year}年{theme}工作。",
                doc_number=f"{prefix}〔{year}〕{i + 1}号",
                written_on=written,
                made_on=written,
                genre=genre,
                keywords=theme,
                is_normative=normative,
                subject=actions.subject_by_label(subject_label),
                column=columns["zcwj" if normative else column_slug],
                topics=[topics[i % len(topics)]] if topics and i % 5 == 0 else [],
            )
            delay = dt.timedelta(days=2 + rng.randrange(30 if i % 9 == 0 else 12))
            when = timezone.make_aware(
                dt.datetime.combine(written + delay, dt.time(9 + i % 8, (i * 13) % 60))
            )
            when = min(when, timezone.now() - dt.timedelta(minutes=5))
            if i % 50 == 7:
                continue  # left as a draft, some of them late: the workbench has work to show
            # The demo's 解读 are the written-out ones of county_documents, not generated filler.
            waiver = "解读材料已随文件印发，不另行发布" if normative else ""
            _review_and_publish(doc, key, published_at=when, waiver=waiver)
            made += 1
    return made


def _own_documents(agencies: dict[str, Agency], columns: dict[str, Column]) -> int:
    """The county's documents written out in full, each with its 解读 where it has one."""
    year = document_year()
    existing = set(Document.objects.values_list("title", flat=True))
    made = 0
    for spec in own_documents(year):
        if spec.title in existing:
            continue
        with transaction.atomic():
            clerk = _staff(spec.key, Role.CLERK)
            written = dt.date(year, *spec.month_day)
            doc = actions.create_document(
                clerk,
                title=spec.title,
                body=spec.body,
                summary=spec.summary,
                doc_number=spec.doc_number,
                written_on=written,
                made_on=written,
                genre=spec.genre,
                keywords=spec.keywords,
                is_normative=spec.is_normative,
                subject=actions.subject_by_label(spec.subject),
                column=columns[spec.column],
            )
            if spec.interpretation:
                title, body = spec.interpretation
                item = actions.create_interpretation(
                    clerk, title=title, documents=[doc], kind=Interpretation.Kind.TEXT, body=body
                )
                _review_and_publish(item, spec.key)
            when = timezone.make_aware(
                dt.datetime.combine(_weekday(written + dt.timedelta(days=2)), dt.time(15, 30))
            )
            _review_and_publish(doc, spec.key, published_at=min(when, timezone.now()))
            made += 1
    return made


def _mark_replaced(agencies) -> None:
    """A few older documents were replaced by newer ones: their pages carry the banner."""
    for key in ("czj", "jyj", "wjj"):
        docs = list(
            Document.objects.filter(agency=agencies[key], state=State.PUBLISHED, forwarded_by=None)
            .exclude(source_name__endswith=".txt")
            .order_by("published_at")[:6]
        )
        if len(docs) >= 6 and docs[0].validity == Validity.VALID:
            signer = _staff(key, Role.SIGNER)
            # Repealed the day its replacement was published (the annual report counts by that day).
            on = timezone.localdate(docs[-1].published_at)
            on0, on1 = (max(on, d.written_on or d.made_on) for d in docs[:2])
            actions.set_validity(
                signer,
                docs[0],
                validity=Validity.REPEALED,
                replaced_by=docs[-1],
                note="已被新文件替代",
                on=on0,
            )
            actions.set_validity(signer, docs[1], validity=Validity.EXPIRED, note="有效期届满", on=on1)


def _finance_normative(agencies: dict[str, Agency], columns: dict[str, Column]) -> None:
    """县财政局's 行政规范性文件 over three years: last year it revised one (the old one repealed the
    day the new one was published) and made another — 表二 of its annual report has 制发, 废止 and
    现行有效 to show. Idempotent by title."""
    last = timezone.localdate().year - 1
    specs = [
        ("示范县县级财政专项资金管理办法", dt.date(last - 2, 3, 15), f"示财发〔{last - 2}〕12号"),
        ("示范县县级财政专项资金管理办法（修订）", dt.date(last, 4, 10), f"示财发〔{last}〕18号"),
        ("示范县政府采购内部控制管理办法", dt.date(last, 9, 5), f"示财发〔{last}〕41号"),
    ]
    subject_label = AGENCY_WORK["czj"][0]
    docs = []
    for name, written, number in specs:
        title = f"示范县财政局关于印发《{name}》的通知"
        doc = Document.objects.filter(agency=agencies["czj"], title=title).first()
        if doc is None:
            with transaction.atomic():
                doc = actions.create_document(
                    _staff("czj", Role.CLERK),
                    title=title,
                    body=(
                        f"<p>各乡镇财政所，县直各单位：</p><p>现将《{name}》印发给你们，请认真遵照执行。</p>"
                        f"<p>本办法自印发之日起施行，有效期五年。</p>"
                    ),
                    summary=f"印发《{name}》，规范县级财政资金和采购管理。",
                    doc_number=number,
                    written_on=written,
                    made_on=written,
                    genre="办法",
                    keywords="财政资金,管理办法",
                    is_normative=True,
                    subject=actions.subject_by_label(subject_label),
                    column=columns["zcwj"],
                )
                when = timezone.make_aware(dt.datetime.combine(written + dt.timedelta(days=3), dt.time(10)))
                doc = _review_and_publish(
                    doc, "czj", published_at=when, waiver="解读材料已随文件印发，不另行发布"
                )
        docs.append(doc)
    old, new = docs[0], docs[1]
    if old.validity == Validity.VALID and new.published_at:
        actions.set_validity(
            _staff("czj", Role.SIGNER), old, validity=Validity.REPEALED, replaced_by=new,
            note="已被修订后的办法替代", on=timezone.localdate(new.published_at),
        )  # fmt: skip


def build_publishing(agencies: dict[str, Agency], *, generated: int = GENERATED) -> dict[str, int]:
    """Idempotent: returns how many seed and generated documents were added this time."""
    if not Subject.objects.exists():
        from gongkai.publishing.subjects import load_subjects

        load_subjects()
    # Short transactions (setup, then one per generated document): a long one makes every audit
    # append slower on PostgreSQL, and an interrupted build resumes on the next run.
    with transaction.atomic():
        columns = _setup(agencies)
        seeds = _import_seeds("xzfb", columns)
    own = _own_documents(agencies, columns)
    made = _generate(agencies, columns, generated)
    with transaction.atomic():
        _mark_replaced(agencies)
    _finance_normative(agencies, columns)
    return {"seeds": seeds, "own": own, "generated": made}
