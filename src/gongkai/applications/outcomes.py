"""Outcomes of an application for government information (答复类型).

The rows of 表三 of the annual report format (国办公开办函〔2021〕30号), each with the article of
the 2019 政府信息公开条例 (国务院令第711号) it rests on and the sentence the reply letter
(答复告知书) uses. Every closed application has exactly one outcome; the annual report counts
them, so the codes here are the codes stored on a reply. Pure data, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REGULATION = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class Outcome:
    """One row of 表三 三、本年度办理结果.

    `item` is the row's number inside its group (1.属于国家秘密), 0 for the single-row groups
    （一）予以公开 and （二）部分公开.
    """

    code: str
    group: str
    group_label: str
    label: str
    article: str
    letter_wording: str
    item: int = 0

    @property
    def heading(self) -> str:
        """The group heading as the report prints it: （三）不予公开."""
        return GROUP_NUMERALS[self.group] + self.group_label

    @property
    def row_label(self) -> str:
        """（一）予以公开 for a single-row group, 1.属于国家秘密 for a sub-row."""
        return self.heading if self.item == 0 else f"{self.item}.{self.label}"

    @property
    def full_label(self) -> str:
        """（三）不予公开 1.属于国家秘密 — unambiguous on its own (lists, CSV)."""
        return self.heading if self.item == 0 else f"{self.heading} {self.row_label}"


@dataclass(frozen=True)
class ReportGroup:
    """A group of outcome rows of 表三: （一） to （六）."""

    code: str
    numeral: str
    label: str
    outcomes: tuple[Outcome, ...]

    @property
    def heading(self) -> str:
        return self.numeral + self.label

    @property
    def has_items(self) -> bool:
        return len(self.outcomes) > 1


GROUP_NUMERALS = {
    "disclose": "（一）",
    "partial": "（二）",
    "withhold": "（三）",
    "unable": "（四）",
    "not_processed": "（五）",
    "other": "（六）",
}
GROUP_LABELS = {
    "disclose": "予以公开",
    "partial": "部分公开",
    "withhold": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}

_R = REGULATION


def _row(code: str, group: str, item: int, label: str, article: str, wording: str) -> Outcome:
    return Outcome(code, group, GROUP_LABELS[group], label, article, wording, item)


def _withhold(code: str, item: int, label: str, article: str, why: str) -> Outcome:
    wording = (
        f"经审查，您申请获取的“{{description}}”{why}。根据{_R}{article}、第三十六条第（三）项的规定，"
        "本机关决定不予公开。"
    )
    return _row(code, "withhold", item, label, article, wording)


OUTCOMES: tuple[Outcome, ...] = (
    _row(
        "disclose",
        "disclose",
        0,
        "予以公开",
        "第三十六条第（一）项、第（二）项",
        f"经审查，您申请获取的“{{description}}”属于可以公开的政府信息。根据{_R}第三十六条第（一）项、"
        "第（二）项的规定，本机关予以公开，获取方式和途径为：{where}。",
    ),
    _row(
        "partial",
        "partial",
        0,
        "部分公开",
        "第三十七条",
        f"经审查，您申请获取的“{{description}}”中含有不应当公开的内容。根据{_R}第三十七条的规定，"
        "本机关对可以公开的部分予以公开，获取方式和途径为：{where}；其余部分不予公开，理由是：{reason}。",
    ),
    _withhold("withhold_secret", 1, "属于国家秘密", "第十四条", "属于国家秘密"),
    _withhold(
        "withhold_law",
        2,
        "其他法律行政法规禁止公开",
        "第十四条",
        "属于法律、行政法规禁止公开的政府信息（依据：{reason}）",
    ),
    _withhold(
        "withhold_security",
        3,
        "危及“三安全一稳定”",
        "第十四条",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    ),
    _withhold(
        "withhold_third_party",
        4,
        "保护第三方合法权益",
        "第十五条",
        "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容（{reason}）",
    ),
    _withhold(
        "withhold_internal",
        5,
        "属于三类内部事务信息",
        "第十六条第一款",
        "属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）",
    ),
    _withhold(
        "withhold_process",
        6,
        "属于四类过程性信息",
        "第十六条第二款",
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
    ),
    _withhold(
        "withhold_enforcement",
        7,
        "属于行政执法案卷",
        "第十六条第二款",
        "属于行政执法案卷信息",
    ),
    _row(
        "withhold_query",
        "withhold",
        8,
        "属于行政查询事项",
        "第三十六条第（七）项",
        "经审查，您申请获取的“{description}”属于{reason}等信息，有关法律、行政法规对该信息的获取有特别规定。"
        f"根据{_R}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理，办理途径为：{{where}}。",
    ),
    _row(
        "unable_not_held",
        "unable",
        1,
        "本机关不掌握相关政府信息",
        "第三十六条第（四）项、第（五）项",
        "经检索查找，本机关未制作或者获取您申请获取的“{description}”。"
        f"根据{_R}第三十六条第（四）项、第（五）项的规定，告知您本机关不掌握该政府信息。"
        "[经了解，该政府信息由{other_agency}负责公开，您可以向其提出申请。]",
    ),
    _row(
        "unable_needs_making",
        "unable",
        2,
        "没有现成信息需要另行制作",
        "第三十八条",
        "经审查，本机关没有您申请获取的“{description}”的现成信息，提供该信息需要对现有政府信息进行加工、分析。"
        f"根据{_R}第三十八条的规定，本机关不予提供。",
    ),
    _row(
        "unable_unclear",
        "unable",
        3,
        "补正后申请内容仍不明确",
        "第三十条",
        "本机关已于{corrected_on}向您发出补正申请告知，经您补正后，申请内容仍不明确，本机关无法确定您所需的政府信息。"
        f"根据{_R}第三十条的规定，本机关无法提供。",
    ),
    _row(
        "not_processed_petition",
        "not_processed",
        1,
        "信访举报投诉类申请",
        "第三十九条第一款",
        "您提出的“{description}”属于信访、投诉、举报等诉求，不属于政府信息公开申请。"
        f"根据{_R}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
        "请您通过{where}等相应渠道提出。",
    ),
    _row(
        "not_processed_repeat",
        "not_processed",
        2,
        "重复申请",
        "第三十六条第（六）项",
        "您申请获取的“{description}”，本机关已于{answered_on}作出答复，您此次提出的申请属于重复申请。"
        f"根据{_R}第三十六条第（六）项的规定，本机关不予重复处理。",
    ),
    _row(
        "not_processed_publication",
        "not_processed",
        3,
        "要求提供公开出版物",
        "第三十九条第二款",
        "您申请获取的“{description}”属于政府公报、报刊、书籍等公开出版物。"
        f"根据{_R}第三十九条第二款的规定，告知您可以通过以下途径获取：{{where}}。",
    ),
    _row(
        "not_processed_excessive",
        "not_processed",
        4,
        "无正当理由大量反复申请",
        "第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您未能说明或者所说明的理由不合理。"
        f"根据{_R}第三十五条的规定，本机关不予处理。",
    ),
    _row(
        "not_processed_reconfirm",
        "not_processed",
        5,
        "要求行政机关确认或重新出具已获取信息",
        "第三十八条",
        "您提出的申请系要求本机关对您已获取的“{description}”予以确认或者重新出具，"
        f"不属于{_R}规定的政府信息公开申请。根据该条例第三十八条的规定，本机关不作为政府信息公开申请处理。",
    ),
    _row(
        "other_no_correction",
        "other",
        1,
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
        "本机关已于{corrected_on}向您发出补正申请告知，您无正当理由逾期未补正。"
        f"根据{_R}第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    _row(
        "other_unpaid",
        "other",
        2,
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "本机关已于{notified_on}向您发出收费通知，您逾期未按收费通知要求缴纳信息处理费。"
        f"根据{_R}第四十二条和《政府信息公开信息处理费管理办法》的规定，视为您放弃申请，"
        "本机关不再处理该政府信息公开申请。",
    ),
    _row(
        "other",
        "other",
        3,
        "其他",
        "",
        "关于您申请获取的“{description}”，本机关处理情况如下：{reason}。",
    ),
)

OUTCOME_BY_CODE: dict[str, Outcome] = {o.code: o for o in OUTCOMES}

REPORT_GROUPS: tuple[ReportGroup, ...] = tuple(
    ReportGroup(code, GROUP_NUMERALS[code], GROUP_LABELS[code], tuple(o for o in OUTCOMES if o.group == code))
    for code in GROUP_NUMERALS
)

APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("charity", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
)
ORGANISATION_COLUMNS: tuple[str, ...] = tuple(code for code, _ in APPLICANT_COLUMNS[1:])
ORGANISATION_HEADING = "法人或其他组织"


class LetterWordingError(ValueError):
    """A placeholder the reply letter needs has no value."""


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")


def letter_placeholders(code: str) -> set[str]:
    """Placeholders the letter of `code` must have (those outside [optional] sentences)."""
    wording = _OPTIONAL.sub("", OUTCOME_BY_CODE[code].letter_wording)
    return set(_PLACEHOLDER.findall(wording))


def render_letter(code: str, **values: str) -> str:
    """The reply sentence(s) for `code` with `values` filled in.

    A sentence in [square brackets] is optional: it is kept only when every placeholder in it
    has a non-empty value (the right agency of 条例第三十六条第（五）项 is named only if known).
    """
    outcome = OUTCOME_BY_CODE[code]
    missing = sorted(name for name in letter_placeholders(code) if not values.get(name))
    if missing:
        raise LetterWordingError(f"“{outcome.full_label}”的答复告知书缺少以下内容：{'、'.join(missing)}")

    def optional(match: re.Match[str]) -> str:
        names = _PLACEHOLDER.findall(match.group(1))
        return match.group(1) if all(values.get(n) for n in names) else ""

    text = _OPTIONAL.sub(optional, outcome.letter_wording)
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)
