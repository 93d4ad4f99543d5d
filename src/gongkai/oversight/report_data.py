"""The figures of one annual report (政府信息公开工作年度报告, 国办公开办函〔2021〕30号), as the
renderers (portal page, .docx, .xlsx) read them.

`reports` builds a `ReportFigures` from the registered metrics and the staff's entries; the renderers
never compute anything. Every `Figure` says where it came from: `source` is the URL of the list of
records behind it ("" when typed by staff, `entered` then True).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Number = int | Decimal


@dataclass(frozen=True)
class Figure:
    value: (
        Number | None
    )  # None: neither recorded nor entered (shown as a blank to fill, and refused at issue)
    source: str = ""  # the list of records behind the figure
    entered: bool = False  # typed by staff where no record exists
    metric: str = ""  # the metric code it came from


# 表二 rows and columns, in the official order (第二十条第（一）（五）（六）（八）项)
TABLE2_DOCUMENT_ROWS = (("regulations", "规章"), ("normative", "行政规范性文件"))
TABLE2_DOCUMENT_COLUMNS = (
    ("made", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
TABLE2_DECISION_ROWS = (
    ("licensing", "第二十条第（五）项", "行政许可"),
    ("punishment", "第二十条第（六）项", "行政处罚"),
    ("coercion", "第二十条第（六）项", "行政强制"),
)
TABLE2_FEE_ROW = ("fees", "第二十条第（八）项", "行政事业性收费")  # 本年收费金额（单位：万元）

SECTIONS = (
    ("overview", "一、总体情况"),
    ("proactive", "二、主动公开政府信息情况"),
    ("applications", "三、收到和处理政府信息公开申请情况"),
    ("appeals", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)
# 一、总体情况 has a paragraph per heading, drafted from the figures and edited by staff.
OVERVIEW_HEADINGS = (
    ("proactive", "（一）主动公开"),
    ("on_request", "（二）依申请公开"),
    ("management", "（三）政府信息管理"),
    ("platforms", "（四）平台建设"),
    ("supervision", "（五）监督保障"),
)


@dataclass(frozen=True)
class Table:
    """A report table in the official layout: `header` rows of (text, colspan, rowspan) cells (the
    merged header cells of the format), then body rows of (label cells, figures)."""

    header: tuple[tuple[tuple[str, int, int], ...], ...]
    rows: tuple[tuple[tuple[str, ...], tuple[Figure, ...]], ...]


@dataclass
class ReportFigures:
    agency_name: str
    year: int
    consolidated: bool  # a government's report over its subtree
    title: str  # "示范县财政局2025年政府信息公开工作年度报告"
    overview: dict[str, str] = field(default_factory=dict)  # OVERVIEW_HEADINGS key -> paragraph
    table2: dict[str, Figure] = field(default_factory=dict)  # "regulations.made", "licensing", "fees" …
    table3: Table | None = None  # 三 (from the applications metrics; identities checked before issue)
    table4: Table | None = None  # 四
    problems: str = ""  # 五, staff text
    problem_prompts: list[str] = field(default_factory=list)  # the year's overdue / late figures, offered
    other: str = ""  # 六, staff text
    other_figures: dict[str, Figure] = field(
        default_factory=dict
    )  # fees charged (109号), plan tasks, 建议提案
    identity_errors: list[str] = field(default_factory=list)  # 表三 identities that do not hold
