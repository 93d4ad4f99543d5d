"""The notices of an application (告知书): text from editable templates, then a Word file.

Each kind's text comes from a `NoticeTemplate` edited in the admin (the application's agency's
own, else the installation-wide one), else from the shipped `templates/applications/notices/<kind>.txt`;
all use the same placeholders (`PLACEHOLDERS`). Staff may edit the drafted text before sending; the
sent text and the generated .docx are stored on the `Notice`. The Word file is generated with
`common.officialdoc` (GB/T 9704): title, number, addressee, body, the agency's name, a seal placeholder
and the date, in the usual layout of an administrative notice.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from types import SimpleNamespace

from django.db.models import Q
from django.template import Context, Engine, Template, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template, render_to_string

from gongkai.common.dates import zh_date
from gongkai.common.officialdoc import build_official_docx, docx_text  # noqa: F401 (docx_text: re-exported)
from gongkai.common.template_errors import template_error_zh

from .models import NoticeKind, NoticeTemplate

TITLES = {kind.value: str(kind.label) for kind in NoticeKind}


log = logging.getLogger(__name__)

COMMON_PLACEHOLDERS = [
    ("applicant_name", "申请人姓名或名称"),
    ("received", "收到申请之日，如 2026年3月2日"),
    ("submitted", "提出申请之日"),
    ("agency", "本机关全称"),
    ("app.receipt_code", "查询码"),
    ("app.description", "申请获取的政府信息（申请人原文）"),
    ("subject", "申请获取的政府信息（去掉“请公开”和句末标点，用于引述）"),
    ("app.doc_number", "文号（可能为空）"),
    ("app.get_channel_display", "申请方式，如 当面提交"),
]
DUE = ("due", "期限日期，如 2026年3月30日")
PLACEHOLDERS: dict[str, list[tuple[str, str]]] = {
    NoticeKind.ACCEPTANCE: [DUE, ("provisional", "期限是否为暂定日期（真/假，用于 {% if %}）")],
    NoticeKind.CORRECTION: [("items", "需补正的事项（列表，用 {% for item in items %}）"), DUE],
    NoticeKind.EXTENSION: [
        ("reason", "延期理由"),
        ("days", "延长的工作日数"),
        DUE,
        ("provisional", "期限是否为暂定日期"),
    ],
    NoticeKind.THIRD_PARTY: [("party", "第三方名称"), DUE],
    NoticeKind.AGENCY: [("party", "被征求意见的机关"), DUE],
    NoticeKind.FEE: [
        ("lines", "收费明细（列表，用 {% for line in lines %}）"),
        ("how_to_pay", "缴费方式"),
        DUE,
    ],
    NoticeKind.REASONS: [],
    NoticeKind.REPLY: [
        ("wording", "答复内容"),
        ("withheld", "不予公开的部分（列表，每项有 {{ w.part }} 和 {{ w.reason }}）"),
    ],
}
SAMPLE_EXTRA = {
    "due": "2026年3月30日",
    "provisional": True,
    "items": ["请写明所需信息的名称或文号"],
    "reason": "需要调取的档案数量较多",
    "days": 20,
    "party": "示范县恒达建材有限公司",
    "lines": ["按件计收：本月第11件，收费100元", "合计：壹佰元整"],
    "how_to_pay": "到本机关政府信息公开工作机构缴纳",
    "wording": "经查，您申请获取的政府信息已主动公开。",
    "withheld": [{"part": "第三页", "reason": "涉及个人隐私"}],
}
_MARK = "\u27e6%s\u27e7"  # ⟦name⟧: how the check sees a placeholder the context does not have
_UNKNOWN = re.compile("\u27e6(.*?)\u27e7")


def _context(application, extra: dict) -> dict:
    applicant = getattr(application, "applicant", None)
    return {
        "app": application,
        "applicant_name": applicant.name if applicant else "申请人",
        "received": zh_date(application.received_on),
        "submitted": zh_date(application.submitted_on or application.confirmed_on or application.signed_on),
        "agency": application.agency.name,
        "subject": subject_of(application.description),
        **extra,
    }


def _sample_context(kind: str) -> dict:
    app = SimpleNamespace(
        receipt_code="GK7Q2M4X",
        description="2026年示范县财政局部门预算公开说明",
        doc_number="示财发〔2026〕3号",
        get_channel_display=lambda: "当面提交",
        received_on=date(2026, 3, 2),
        submitted_on=date(2026, 3, 2),
        confirmed_on=None,
        signed_on=None,
        agency=SimpleNamespace(name="示范县财政局"),
        applicant=SimpleNamespace(name="张三"),
    )
    names = {name.split(".")[0] for name, _ in PLACEHOLDERS.get(kind, [])}
    return _context(app, {k: v for k, v in SAMPLE_EXTRA.items() if k in names})


def template_problem(kind: str, body: str) -> str | None:
    """Why `body` cannot serve as the template of a notice of `kind`, in Chinese; None if it can.

    It must compile as a Django template, render with a sample context of that kind without error,
    use only that kind's placeholders, and not come out empty.
    """
    default = Engine.get_default()
    engine = Engine(libraries=default.libraries, string_if_invalid=_MARK)
    try:
        template = engine.from_string(body)
    except TemplateSyntaxError as exc:
        return f"模板语法错误：{template_error_zh(str(exc))}"
    try:
        text = template.render(Context(_sample_context(kind), autoescape=False))
    except Exception as exc:  # any failure of the sample rendering is reported to the admin
        if isinstance(exc, TemplateDoesNotExist):
            return f"模板无法用示例数据生成正文：引用的模板“{exc}”不存在"
        return "模板无法用示例数据生成正文：请检查过滤器的参数和 {% %} 标签的用法"
    unknown = sorted(set(_UNKNOWN.findall(text)))
    if unknown:
        names = "、".join(f"{{{{ {name} }}}}" for name in unknown)
        return f"模板使用了本文书没有的占位符：{names}（可用的占位符见下方说明）"
    if not _UNKNOWN.sub("", text).strip():
        return "模板生成的正文为空"
    return None


def find_template(kind: str, agency):
    """The `NoticeTemplate` drafting uses for `kind` at `agency`, or None for the shipped file."""
    where = Q(agency__isnull=True) | Q(agency=agency) if agency is not None else Q(agency__isnull=True)
    found = {t.agency_id: t for t in NoticeTemplate.objects.filter(where, kind=kind)}
    return found.get(getattr(agency, "pk", None)) or found.get(None)


def draft(kind: str, application, **extra) -> tuple[str, str]:
    """The title and text of a new notice of `kind` for `application` (without signature)."""
    context = _context(application, extra)
    stored = find_template(kind, application.agency)
    if stored is not None:
        try:
            text = Template(stored.body).render(Context(context, autoescape=False)).strip()
        except Exception:  # a template that passed the admin check but fails on real data
            log.exception("告知书模板 %s 无法生成正文，改用系统内置模板", stored.pk)
        else:
            if text:
                return stored.title, text
    return TITLES[kind], render_to_string(f"applications/notices/{kind}.txt", context).strip()


def notice_text(kind: str, application, **extra) -> str:
    """The text of a notice of `kind` for `application` (without title and signature)."""
    return draft(kind, application, **extra)[1]


def shipped_text(kind: str) -> str:
    """The body of the shipped template file of `kind` (the admin offers it as a starting point)."""
    source = get_template(f"applications/notices/{kind}.txt").template.source
    return source.replace("{% autoescape off %}", "").replace("{% endautoescape %}", "").strip()


def build_docx(*, title: str, number: str, text: str, agency_name: str, on: date | None) -> bytes:
    """A .docx of the notice laid out by GB/T 9704-2012 (the core's official-document layout)."""
    return build_official_docx(title=title, number=number, text=text, signer=agency_name, on=on)


_ASKING = re.compile(
    r"^(?:我|本人|申请人)?(?:想|要|现)?(?:请求|申请|要求|希望|请)?(?:贵(?:单位|局|机关|府|办))?"
    r"(?:依法)?(?:予以)?(?:公开|获取|提供|查询)(?:一下)?(?:贵(?:单位|局|机关|府|办)的?)?[:：，,\s]*"
)
_TRAILING = re.compile(r"[。．.！!？?；;，,、\s]+$")


def subject_of(description: str) -> str:
    """What the applicant asks for, as a letter quotes it: “请公开2026年预算。” → “2026年预算”."""
    text = " ".join((description or "").split())
    subject = _TRAILING.sub("", _ASKING.sub("", text, count=1))
    subject = subject.strip("“”\"'")
    return subject or _TRAILING.sub("", text)
