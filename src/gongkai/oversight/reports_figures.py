"""The figures of an annual report, built from the registered metrics only (never a domain's models).

`build(report)` returns the `ReportFigures` the renderers read: the published snapshot for a published
report, otherwise the figures of the year as the metrics give them now, over the report's agency
(or, for a consolidated report, its whole subtree: values summed agency by agency, 表三/表四 cell by
cell), with the staff's texts and entered figures. 表三's identities are re-checked on the summed
table (`identity_errors`, in Chinese). Every figure links to the list of records behind it (the
metric's `records` URL) or is marked entered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from gongkai.common import registry

from .report_data import (
    OVERVIEW_HEADINGS,
    TABLE2_DECISION_ROWS,
    TABLE2_DOCUMENT_COLUMNS,
    TABLE2_DOCUMENT_ROWS,
    TABLE2_FEE_ROW,
    Figure,
    ReportFigures,
    Table,
)
from .reports_render_layout import OFFICIAL_TABLE4_HEADER, OTHER_FIGURE_LABELS

# 表二: figure key -> metric code (the fee amount has a metric only where services records fees).
TABLE2_METRICS: dict[str, str] = {
    **{
        f"{row}.{col}": f"publishing.{row}.{col}"
        for row, _label in TABLE2_DOCUMENT_ROWS
        for col, _clabel in TABLE2_DOCUMENT_COLUMNS
    },
    **{key: f"services.enforcement.{key}" for key, _art, _label in TABLE2_DECISION_ROWS},
    TABLE2_FEE_ROW[0]: "services.fees.amount",
}
# 六: figure key -> (label, metric code or "" where only staff can enter it)
_OTHER_METRICS = {
    "fees.notices": "applications.fees.notices",
    "fees.amount": "applications.fees.amount",
    "plans.total": "plans.tasks.total",
    "plans.done": "plans.tasks.done",
    "plans.overdue": "plans.tasks.overdue",
    "npc_suggestions": "",
    "cppcc_proposals": "",
}
OTHER_FIGURES: dict[str, tuple[str, str]] = {
    key: (OTHER_FIGURE_LABELS[key], code) for key, code in _OTHER_METRICS.items()
}
# Figures that must have a value before the report may be submitted.
REQUIRED = (*TABLE2_METRICS, "npc_suggestions", "cppcc_proposals")
# Figures in 万元 / 元 keep two decimals; the rest are counts.
MONEY = ("fees", "fees.amount")

TABLE3_METRIC, TABLE4_METRIC = "applications.table3", "applications.table4"
NEW, CARRIED_IN, TOTAL, CARRIED_OUT = "new", "carried_in", "total", "carried_out"
BALANCE_ROWS = (NEW, CARRIED_IN, TOTAL, CARRIED_OUT)
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# The year's overdue and late figures offered as prompts for 五 (metric, sentence with {n}).
PROMPTS: tuple[tuple[str, str], ...] = (
    ("publishing.documents.late", "本年度有{n}条政府信息未在规定时限内主动公开"),
    ("applications.overdue", "本年度有{n}件政府信息公开申请逾期答复"),
    ("services.enforcement.late", "本年度有{n}件行政执法决定逾期公示"),
    ("interaction.messages.overdue_now", "目前有{n}条群众留言超期未答复"),
    ("consultation.consultations.reported_late", "本年度有{n}项征求意见逾期公布（或未公布）意见采纳情况"),
    ("newmedia.accounts.in_breach", "有{n}个政务新媒体账号未达更新或互动要求"),
    ("plans.tasks.overdue", "年度政务公开工作要点有{n}项任务超期未完成"),
    ("opinion.events.overdue", "有{n}起舆情事件超时回应或未回应"),
    ("applications.corrected", "本年度有{n}件政府信息公开行政复议、行政诉讼案件结果被纠正"),
)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def year_ended(year: int, today: date | None = None) -> bool:
    return (today or timezone.localdate()) > date(year, 12, 31)


def agency_ids_of(report) -> list[int]:
    """The agencies a report covers: its own, or (consolidated) its whole subtree."""
    if report.consolidated:
        return list(report.agency.subtree().values_list("pk", flat=True))
    return [report.agency_id]


class _Metrics:
    """The registered metrics over one report's agencies and year, each computed at most once."""

    def __init__(self, agency_ids: list[int], year: int) -> None:
        self.ids = agency_ids
        self.start, self.end = year_bounds(year)
        self.registered = registry.metrics()
        self._values: dict[str, dict] = {}

    def has(self, code: str) -> bool:
        return code in self.registered

    def values(self, code: str) -> list[Any]:
        """The metric's value for each covered agency that has one."""
        if code not in self._values:
            self._values[code] = self.registered[code].fn(self.start, self.end, self.ids) or {}
        found = self._values[code]
        return [found[i] for i in self.ids if i in found and found[i] is not None]

    def total(self, code: str) -> int | Decimal | None:
        """The sum over the covered agencies (None when the metric is not registered)."""
        if not self.has(code):
            return None
        total: int | Decimal = 0
        for value in self.values(code):
            total += value if isinstance(value, int | Decimal) else Decimal(str(value))
        return total

    def source(self, code: str) -> str:
        metric = self.registered.get(code)
        if metric is None or metric.records is None:
            return ""
        return metric.records(self.start, self.end, self.ids) or ""

    def figure(self, code: str) -> Figure | None:
        if not self.has(code):
            return None
        return Figure(self.total(code), source=self.source(code), metric=code)


def parse_number(raw: Any, *, money: bool) -> int | Decimal:
    """A figure typed by staff: a non-negative whole number, or (money) up to two decimals.
    Raises ValueError with a Chinese message."""
    text = str(raw).strip().replace(",", "").replace("，", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError("请填写数字") from None
    if not value.is_finite():
        raise ValueError("请填写数字")
    if value < 0:
        raise ValueError("不能为负数")
    if money:
        if value != value.quantize(Decimal("0.01")):
            raise ValueError("金额最多保留两位小数")
        if value >= Decimal("100000000"):
            raise ValueError("金额过大，请核对单位")
        return value.quantize(Decimal("0.01"))
    if value != value.to_integral_value():
        raise ValueError("请填写整数")
    if value > 10_000_000:
        raise ValueError("数值过大，请核对")
    return int(value)


def _entered(report, key: str) -> Figure:
    raw = (report.entered or {}).get(key)
    if raw in (None, ""):
        return Figure(None, entered=True)
    try:
        return Figure(parse_number(raw, money=key in MONEY), entered=True)
    except ValueError:
        return Figure(None, entered=True)


def _money(value: int | Decimal, *, wan: bool = False) -> Decimal:
    """元 → 万元 (wan) with two decimals."""
    amount = Decimal(value) / Decimal(10000) if wan else Decimal(value)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def enterable_keys(metrics: _Metrics | None = None) -> list[str]:
    """The figures staff type: those whose metric is not registered, and those with none."""
    registered = metrics.registered if metrics is not None else registry.metrics()
    keys = [key for key, code in TABLE2_METRICS.items() if code not in registered]
    keys += [key for key, (_label, code) in OTHER_FIGURES.items() if not code or code not in registered]
    return keys


def figure_labels() -> dict[str, str]:
    """Every figure key with its Chinese label (the edit form, refusals)."""
    labels = {}
    for row, row_label in TABLE2_DOCUMENT_ROWS:
        for col, col_label in TABLE2_DOCUMENT_COLUMNS:
            labels[f"{row}.{col}"] = f"{row_label}{col_label}"
    for key, _art, label in TABLE2_DECISION_ROWS:
        labels[key] = f"{label}本年处理决定数量"
    labels[TABLE2_FEE_ROW[0]] = f"{TABLE2_FEE_ROW[2]}本年收费金额（万元）"
    labels.update({key: label for key, (label, _code) in OTHER_FIGURES.items()})
    return labels


# ---------------------------------------------------------------- 表三 / 表四


def _table3(metrics: _Metrics) -> tuple[Table | None, list[str]]:
    if not metrics.has(TABLE3_METRIC):
        return None, ["表三数据（政府信息公开申请）无法取得：依申请公开的统计未注册"]
    columns: list[tuple[str, str]] = []
    order: list[str] = []
    labels: dict[str, tuple[str, ...]] = {}
    cells: dict[str, list[int]] = {}
    for value in metrics.values(TABLE3_METRIC):
        if not columns:
            columns = [tuple(c) for c in value["columns"]]
        for row in value["rows"]:
            key = row["key"]
            if key not in cells:
                order.append(key)
                labels[key] = tuple(row["labels"])
                cells[key] = [0] * len(columns)
            for i, v in enumerate(row["values"]):
                cells[key][i] += int(v)
    if not columns:  # no agency had a value: an all-zero table in the metric's own layout
        empty = metrics.registered[TABLE3_METRIC].fn(metrics.start, metrics.end, [])
        template = next(iter(empty.values()), None) if empty else None
        if template is None:
            return None, ["表三数据（政府信息公开申请）无法取得"]
        columns = [tuple(c) for c in template["columns"]]
        for row in template["rows"]:
            order.append(row["key"])
            labels[row["key"]] = tuple(row["labels"])
            cells[row["key"]] = [0] * len(columns)
    source = metrics.source(TABLE3_METRIC)
    rows = tuple(
        (labels[key], tuple(Figure(v, source=source, metric=TABLE3_METRIC) for v in cells[key]))
        for key in order
    )
    return Table(header=_table3_header(columns), rows=rows), table3_identity_errors(
        columns, order, labels, cells
    )


def _table3_header(columns: list[tuple[str, str]]) -> tuple:
    """The merged header of the official format: 申请人情况 over 自然人 | 法人或其他组织 (five) | 总计."""
    natural, *orgs, total = columns
    return (
        ((TABLE3_NOTE, 3, 3), ("申请人情况", len(columns), 1)),
        ((natural[1], 1, 2), ("法人或其他组织", len(orgs), 1), (total[1], 1, 2)),
        tuple((label, 1, 1) for _code, label in orgs),
    )


def table3_identity_errors(
    columns: list[tuple[str, str]],
    order: list[str],
    labels: dict[str, tuple[str, ...]],
    cells: dict[str, list[int]],
) -> list[str]:
    """The identities of 表三 that fail: per column 一+二 = （七）+ 四 and （七）= the sum of the outcomes;
    in every row the 总计 column = the sum of the six applicant columns."""
    out: list[str] = []
    missing = [key for key in BALANCE_ROWS if key not in cells]
    if missing:
        return [f"表三缺少以下行：{'、'.join(missing)}"]
    outcomes = [key for key in order if key not in BALANCE_ROWS]
    for i, (_code, label) in enumerate(columns):
        new, carried_in = cells[NEW][i], cells[CARRIED_IN][i]
        done, carried_out = cells[TOTAL][i], cells[CARRIED_OUT][i]
        if new + carried_in != done + carried_out:
            out.append(
                f"{label}列：本年新收（{new}）与上年结转（{carried_in}）之和为{new + carried_in}，"
                f"不等于（七）总计（{done}）与结转下年度继续办理（{carried_out}）之和{done + carried_out}"
            )
        results = sum(cells[key][i] for key in outcomes)
        if results != done:
            out.append(f"{label}列：（七）总计为{done}，各项办理结果之和为{results}")
    for key in order:
        *six, total = cells[key]
        if sum(six) != total:
            out.append(
                f"{' '.join(labels[key])}：总计列为{total}，自然人与法人或其他组织各列之和为{sum(six)}"
            )
    return out


def _table4(metrics: _Metrics) -> Table | None:
    if not metrics.has(TABLE4_METRIC):
        return None
    sums: list[int] = []
    for value in metrics.values(TABLE4_METRIC):
        values = [int(v) for v in value["values"]]
        sums = [a + b for a, b in zip(sums, values, strict=True)] if sums else values
    if not sums:
        sums = [0] * 15
    source = metrics.source(TABLE4_METRIC)
    header = OFFICIAL_TABLE4_HEADER
    return Table(
        header=header, rows=(((), tuple(Figure(v, source=source, metric=TABLE4_METRIC) for v in sums)),)
    )


def table3_cell(table: Table | None, row_key_label: str, column: int) -> int:
    """A cell of 表三 found by the last label of its row (for the draft paragraphs)."""
    if table is None:
        return 0
    for labels, figures in table.rows:
        if labels and labels[-1].startswith(row_key_label):
            return int(figures[column].value or 0)
    return 0


# ---------------------------------------------------------------- the drafts of 一 and the prompts of 五


def _n(value) -> str:
    if value is None:
        return "（待填）"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def draft_overview(figures: ReportFigures, metrics: _Metrics) -> dict[str, str]:
    """A paragraph per heading of 一, written from the figures (staff edit them)."""
    t2 = figures.table2
    who = "本级政府及所属部门" if figures.consolidated else "本机关"
    published = metrics.total("publishing.documents.published")
    on_time = metrics.total("publishing.documents.on_time_pct")
    sentences = []
    if published is not None:
        sentences.append(f"{figures.year}年，{who}全年主动公开政府信息{_n(published)}条")
    else:
        sentences.append(f"{figures.year}年，{who}持续做好政府信息主动公开工作")
    sentences.append(
        f"其中制发规章{_n(t2['regulations.made'].value)}件、行政规范性文件{_n(t2['normative.made'].value)}件，"
        f"废止规章{_n(t2['regulations.repealed'].value)}件、行政规范性文件{_n(t2['normative.repealed'].value)}件"
    )
    if on_time is not None and not figures.consolidated:
        sentences.append(f"按时公开率{_n(on_time)}%")
    proactive = "，".join(sentences) + "。"
    decisions = "、".join(f"{label}决定{_n(t2[key].value)}件" for key, _art, label in TABLE2_DECISION_ROWS)
    proactive += f"全年公示{decisions}。"

    table3 = figures.table3
    total_col = len(table3.rows[0][1]) - 1 if table3 and table3.rows else 0
    new = table3_cell(table3, "一、本年新收", total_col)
    carried_in = table3_cell(table3, "二、上年结转", total_col)
    done = table3_cell(table3, "（七）总计", total_col)
    carried_out = table3_cell(table3, "四、结转下年度", total_col)
    on_request = f"全年收到政府信息公开申请{new}件，上年结转{carried_in}件，办结{done}件，结转下年度继续办理{carried_out}件。"
    if figures.table4 is not None:
        values = [f.value or 0 for f in figures.table4.rows[0][1]]
        on_request += (
            f"因政府信息公开被申请行政复议{values[4]}件、提起行政诉讼{values[9] + values[14]}件，"
            f"其中结果被纠正{values[1] + values[6] + values[11]}件。"
        )
    plans_total, plans_done = metrics.total("plans.tasks.total"), metrics.total("plans.tasks.done")
    management = "严格落实政府信息公开属性源头认定和公开前保密审查，动态更新政府信息公开目录和指南"
    if plans_total:
        management += f"；年度政务公开工作要点{plans_total}项任务已完成{_n(plans_done)}项"
    management += "。"
    platforms = ["依托政府门户网站集中发布政府信息"]
    if (accounts := metrics.total("newmedia.accounts.active")) is not None:
        platforms.append(f"运营政务新媒体账号{accounts}个")
    if (messages := metrics.total("interaction.messages.received")) is not None:
        platforms.append(f"收到群众留言{messages}条")
    if (held := metrics.total("press.conferences.held")) is not None:
        platforms.append(f"召开新闻发布会{held}场")
    supervision = "将政府信息公开工作纳入年度考核，定期开展网站自查，及时整改发现的问题"
    trained = [code for code in metrics.registered if code.startswith("training.")]
    for code in trained:
        value = metrics.total(code)
        if value:
            supervision += f"；{metrics.registered[code].label}{_n(value)}"
    supervision += "。"
    return {
        "proactive": proactive,
        "on_request": on_request,
        "management": management,
        "platforms": "，".join(platforms) + "。",
        "supervision": supervision,
    }


def problem_prompts(metrics: _Metrics) -> list[str]:
    out = []
    for code, sentence in PROMPTS:
        value = metrics.total(code)
        if value:
            out.append(sentence.format(n=_n(value)))
    return out


# ---------------------------------------------------------------- build


def build(report, *, fresh: bool = False) -> ReportFigures:
    """The report's figures: frozen at publication, live before (or `fresh` to rebuild anyway)."""
    if report.snapshot and not fresh:
        return from_json(report.snapshot)
    metrics = _Metrics(agency_ids_of(report), report.year)
    table2: dict[str, Figure] = {}
    for key, code in TABLE2_METRICS.items():
        found = metrics.figure(code)
        if found is not None and key == TABLE2_FEE_ROW[0]:  # the metric counts 元, the table 万元
            found = dataclasses.replace(found, value=_money(found.value or 0, wan=True))
        table2[key] = found if found is not None else _entered(report, key)
    other: dict[str, Figure] = {}
    for key, (_label, code) in OTHER_FIGURES.items():
        found = metrics.figure(code) if code else None
        if found is not None and key in MONEY:
            found = dataclasses.replace(found, value=_money(found.value or 0))
        other[key] = found if found is not None else _entered(report, key)
    table3, errors = _table3(metrics)
    figures = ReportFigures(
        agency_name=report.agency.name,
        year=report.year,
        consolidated=report.consolidated,
        title=report.title,
        table2=table2,
        table3=table3,
        table4=_table4(metrics),
        problems=report.problems,
        other=report.other,
        other_figures=other,
        identity_errors=errors,
    )
    drafts = draft_overview(figures, metrics)
    figures.overview = {key: (report.overview or {}).get(key) or drafts[key] for key, _h in OVERVIEW_HEADINGS}
    figures.problem_prompts = problem_prompts(metrics)
    return figures


def initial_overview(report) -> dict[str, str]:
    """The drafted paragraphs of 一 for a new report (what `build` offers while none is saved)."""
    saved, report.overview = report.overview, {}
    try:
        return dict(build(report, fresh=True).overview)
    finally:
        report.overview = saved


def blanks(figures: ReportFigures) -> list[str]:
    """The labels of the required figures that have no value."""
    labels = figure_labels()
    merged = {**figures.table2, **figures.other_figures}
    return [labels[key] for key in REQUIRED if merged.get(key) is None or merged[key].value is None]


# ---------------------------------------------------------------- the snapshot (JSON)


def _figure_json(f: Figure) -> dict:
    value = f.value
    return {
        "value": None if value is None else (str(value) if isinstance(value, Decimal) else value),
        "decimal": isinstance(value, Decimal),
        "source": f.source,
        "entered": f.entered,
        "metric": f.metric,
    }


def _figure_from(d: dict) -> Figure:
    value = d["value"]
    if value is not None and d.get("decimal"):
        value = Decimal(value)
    return Figure(
        value, source=d.get("source", ""), entered=d.get("entered", False), metric=d.get("metric", "")
    )


def _table_json(t: Table | None) -> dict | None:
    if t is None:
        return None
    return {
        "header": [[list(cell) for cell in row] for row in t.header],
        "rows": [[list(labels), [_figure_json(f) for f in figs]] for labels, figs in t.rows],
    }


def _table_from(d: dict | None) -> Table | None:
    if d is None:
        return None
    return Table(
        header=tuple(tuple(tuple(cell) for cell in row) for row in d["header"]),
        rows=tuple((tuple(labels), tuple(_figure_from(f) for f in figs)) for labels, figs in d["rows"]),
    )


def to_json(f: ReportFigures) -> dict:
    return {
        "agency_name": f.agency_name,
        "year": f.year,
        "consolidated": f.consolidated,
        "title": f.title,
        "overview": dict(f.overview),
        "table2": {k: _figure_json(v) for k, v in f.table2.items()},
        "table3": _table_json(f.table3),
        "table4": _table_json(f.table4),
        "problems": f.problems,
        "problem_prompts": list(f.problem_prompts),
        "other": f.other,
        "other_figures": {k: _figure_json(v) for k, v in f.other_figures.items()},
        "identity_errors": list(f.identity_errors),
    }


def from_json(d: dict) -> ReportFigures:
    return ReportFigures(
        agency_name=d["agency_name"],
        year=d["year"],
        consolidated=d["consolidated"],
        title=d["title"],
        overview=dict(d["overview"]),
        table2={k: _figure_from(v) for k, v in d["table2"].items()},
        table3=_table_from(d["table3"]),
        table4=_table_from(d["table4"]),
        problems=d["problems"],
        problem_prompts=list(d["problem_prompts"]),
        other=d["other"],
        other_figures={k: _figure_from(v) for k, v in d["other_figures"].items()},
        identity_errors=list(d["identity_errors"]),
    )


def public_figures(figures: ReportFigures) -> ReportFigures:
    """The figures for the public page: links to staff lists removed (the public cannot open them)."""

    def strip(f: Figure) -> Figure:
        return dataclasses.replace(f, source="")

    def strip_table(t: Table | None) -> Table | None:
        if t is None:
            return None
        return Table(
            header=t.header, rows=tuple((labels, tuple(map(strip, figs))) for labels, figs in t.rows)
        )

    return dataclasses.replace(
        figures,
        table2={k: strip(v) for k, v in figures.table2.items()},
        other_figures={k: strip(v) for k, v in figures.other_figures.items()},
        table3=strip_table(figures.table3),
        table4=strip_table(figures.table4),
        problem_prompts=[],
    )


def iter_figures(figures: ReportFigures) -> Iterable[Figure]:
    yield from figures.table2.values()
    yield from figures.other_figures.values()
    for table in (figures.table3, figures.table4):
        if table is not None:
            for _labels, figs in table.rows:
                yield from figs
