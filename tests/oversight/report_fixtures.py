"""Full `ReportFigures` with realistic, hand-balanced numbers, for the renderers' tests and the report
builder's (helper rep-data reuses them): 示范县财政局 2025 and the county's consolidated 2025 report.

表三 is built from the applicant columns per row; 总计 (the seventh column), （七）总计 and
四、结转下年度继续办理 are derived so the identities of the format hold (一 + 二 = （七） + 四 per
column, （七） = the sum of the outcome rows, 总计 = the sum of the six applicant columns). Counting by
hand for 县财政局: 26 new + 3 carried in = 26 closed + 3 carried out.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.oversight.report_data import Figure, ReportFigures, Table
from gongkai.oversight.reports_render_layout import OFFICIAL_TABLE3_HEADER, OFFICIAL_TABLE4_HEADER

RESULTS = "三、本年度办理结果"
# (key, labels) of 表三's rows in the official order (the labels applications.table3 gives).
TABLE3_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new", ("一、本年新收政府信息公开申请数量",)),
    ("carried_in", ("二、上年结转政府信息公开申请数量",)),
    ("disclose", (RESULTS, "（一）予以公开")),
    ("partial", (RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    *(
        (code, (RESULTS, "（三）不予公开", label))
        for code, label in (
            ("withhold_secret", "1.属于国家秘密"),
            ("withhold_law", "2.其他法律行政法规禁止公开"),
            ("withhold_security", "3.危及“三安全一稳定”"),
            ("withhold_third_party", "4.保护第三方合法权益"),
            ("withhold_internal", "5.属于三类内部事务信息"),
            ("withhold_process", "6.属于四类过程性信息"),
            ("withhold_enforcement", "7.属于行政执法案卷"),
            ("withhold_query", "8.属于行政查询事项"),
        )
    ),
    *(
        (code, (RESULTS, "（四）无法提供", label))
        for code, label in (
            ("unable_not_held", "1.本机关不掌握相关政府信息"),
            ("unable_needs_making", "2.没有现成信息需要另行制作"),
            ("unable_unclear", "3.补正后申请内容仍不明确"),
        )
    ),
    *(
        (code, (RESULTS, "（五）不予处理", label))
        for code, label in (
            ("not_processed_petition", "1.信访举报投诉类申请"),
            ("not_processed_repeat", "2.重复申请"),
            ("not_processed_publication", "3.要求提供公开出版物"),
            ("not_processed_excessive", "4.无正当理由大量反复申请"),
            ("not_processed_reconfirm", "5.要求行政机关确认或重新出具已获取信息"),
        )
    ),
    *(
        (code, (RESULTS, "（六）其他处理", label))
        for code, label in (
            ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("other_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other", "3.其他"),
        )
    ),
    ("total", (RESULTS, "（七）总计")),
    ("carried_out", ("四、结转下年度继续办理",)),
)
OUTCOME_KEYS = tuple(
    key for key, _ in TABLE3_ROWS if key not in ("new", "carried_in", "total", "carried_out")
)


def table3(
    new: list[int], carried_in: list[int], outcomes: dict[str, list[int]], *, source: str = ""
) -> tuple[Table, dict[str, list[int]]]:
    """表三 from the six applicant columns of 一, 二 and the outcome rows given (others zero); also
    returns the seven-column values per row key for the tests' hand counts."""
    zero = [0] * 6
    values: dict[str, list[int]] = {"new": new, "carried_in": carried_in}
    values.update({key: outcomes.get(key, zero) for key in OUTCOME_KEYS})
    values["total"] = [sum(values[key][c] for key in OUTCOME_KEYS) for c in range(6)]
    values["carried_out"] = [new[c] + carried_in[c] - values["total"][c] for c in range(6)]
    assert all(v >= 0 for v in values["carried_out"]), "more closed than received"
    values = {key: [*row, sum(row)] for key, row in values.items()}
    rows = tuple(
        (labels, tuple(Figure(v, source, metric="applications.table3") for v in values[key]))
        for key, labels in TABLE3_ROWS
    )
    return Table(OFFICIAL_TABLE3_HEADER, rows), values


def table4(values: list[int], *, source: str = "") -> Table:
    """表四: 行政复议, 未经复议直接起诉, 复议后起诉, each 维持 纠正 其他 尚未审结 and 总计 (derived)."""
    cells = []
    for k in range(3):
        parts = values[4 * k : 4 * k + 4]
        cells += [*parts, sum(parts)]
    return Table(
        OFFICIAL_TABLE4_HEADER, (((), tuple(Figure(v, source, metric="applications.table4") for v in cells)),)
    )


def _records(path: str, agency_id: int, year: int = 2025) -> str:
    return f"{path}?year={year}&agency={agency_id}"


def finance_2025(agency_id: int = 3, *, year: int = 2025) -> ReportFigures:
    """示范县财政局 2025: no 规章 (a county department makes none), three 规范性文件, 代理记账 licences,
    fees entered (the enforcement records carry no amounts)."""
    apps = _records("/workbench/applications/", agency_id, year)

    def pub(kind: str) -> str:
        return f"/workbench/publishing/published/?kind={kind}&year={year}&agency={agency_id}"

    t3, _ = table3(
        new=[18, 4, 1, 0, 2, 1],
        carried_in=[2, 1, 0, 0, 0, 0],
        outcomes={
            "disclose": [9, 2, 1, 0, 1, 0],
            "partial": [2, 1, 0, 0, 0, 0],
            "withhold_third_party": [1, 0, 0, 0, 0, 0],
            "withhold_process": [1, 0, 0, 0, 0, 0],
            "unable_not_held": [3, 1, 0, 0, 1, 0],
            "not_processed_petition": [1, 0, 0, 0, 0, 0],
            "other_no_correction": [1, 0, 0, 0, 0, 1],
        },
        source=apps,
    )
    enforcement = _records("/workbench/services/decisions/", agency_id, year)
    return ReportFigures(
        agency_name="示范县财政局",
        year=year,
        consolidated=False,
        title=f"示范县财政局{year}年政府信息公开工作年度报告",
        overview={
            "proactive": (
                f"{year}年，县财政局通过县政府门户网站政府信息公开专栏主动公开政府信息186条，其中行政规范性文件3件、"
                "预决算信息42条、政府采购信息77条。\n"
                "预决算公开做到应公开尽公开，部门预算、“三公”经费预算在批复后20日内全部公开。"
            ),
            "on_request": "全年收到政府信息公开申请26件，上年结转3件，办结26件，结转下年度3件，均在法定期限内答复。",
            "management": "全年新制发行政规范性文件3件、废止1件，现行有效行政规范性文件12件，均在门户网站集中公开并标注有效性。",
            "platforms": "门户网站财政信息专栏按月更新，政务新媒体“示范财政”发布信息214条。",
            "supervision": "组织政务公开业务培训2期，参训56人次；将政务公开纳入股室年度考核。",
        },
        table2={
            "regulations.made": Figure(0, pub("regulation"), metric="publishing.regulations.made"),
            "regulations.repealed": Figure(0, pub("regulation"), metric="publishing.regulations.repealed"),
            "regulations.in_force": Figure(0, pub("regulation"), metric="publishing.regulations.in_force"),
            "normative.made": Figure(3, pub("normative"), metric="publishing.normative.made"),
            "normative.repealed": Figure(1, pub("normative"), metric="publishing.normative.repealed"),
            "normative.in_force": Figure(12, pub("normative"), metric="publishing.normative.in_force"),
            "licensing": Figure(6, enforcement + "&kind=licensing", metric="services.enforcement.licensing"),
            "punishment": Figure(
                2, enforcement + "&kind=punishment", metric="services.enforcement.punishment"
            ),
            "coercion": Figure(0, enforcement + "&kind=coercion", metric="services.enforcement.coercion"),
            "fees": Figure(Decimal("3.60"), entered=True),
        },
        table3=t3,
        table4=table4([1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0], source=apps + "&appeal=1"),
        problems=(
            "一是部分股室对政务公开工作重视不够，信息报送不够及时，全年有2条信息超过规定时限公开。\n"
            "二是政策解读形式较为单一，图解、视频解读偏少。\n"
            "下一步，我局将健全信息发布审核机制，压实股室责任，丰富解读形式。"
        ),
        problem_prompts=["全年超过规定时限公开的信息2条", "逾期答复的政府信息公开申请0件"],
        other=(
            "（一）收取信息处理费情况：本年度发出收费通知1件，收取信息处理费200元。\n"
            "（二）人大代表建议和政协提案办理情况：办理人大代表建议5件、政协提案3件，均按期办结。\n"
            "（三）年度工作要点落实情况：年度政务公开工作要点24项任务完成23项。"
        ),
        other_figures={
            "fees.notices": Figure(1, apps + "&fee=1", metric="applications.fees.notices"),
            "fees.amount": Figure(200, apps + "&fee=1", metric="applications.fees.amount"),
            "plans.total": Figure(
                24, _records("/workbench/plans/", agency_id, year), metric="plans.tasks.total"
            ),
            "plans.done": Figure(
                23, _records("/workbench/plans/", agency_id, year), metric="plans.tasks.done"
            ),
            "npc_suggestions": Figure(5, entered=True),
            "cppcc_proposals": Figure(3, entered=True),
        },
    )


def county_2025(agency_id: int = 1, *, year: int = 2025) -> ReportFigures:
    """The county government's consolidated 2025 report over its subtree (示范县人民政府)."""
    apps = _records("/workbench/applications/", agency_id, year)
    t3, _ = table3(
        new=[241, 37, 3, 2, 11, 6],
        carried_in=[12, 3, 0, 0, 1, 0],
        outcomes={
            "disclose": [118, 19, 2, 1, 5, 2],
            "partial": [27, 5, 0, 0, 2, 1],
            "withhold_secret": [1, 0, 0, 0, 0, 0],
            "withhold_law": [2, 0, 0, 0, 0, 0],
            "withhold_security": [1, 0, 0, 0, 0, 0],
            "withhold_third_party": [6, 2, 0, 0, 1, 0],
            "withhold_internal": [3, 0, 0, 0, 0, 0],
            "withhold_process": [5, 1, 0, 0, 0, 0],
            "withhold_enforcement": [2, 0, 0, 0, 1, 0],
            "withhold_query": [4, 1, 0, 0, 0, 0],
            "unable_not_held": [38, 6, 1, 1, 2, 1],
            "unable_needs_making": [7, 1, 0, 0, 0, 0],
            "unable_unclear": [4, 0, 0, 0, 0, 0],
            "not_processed_petition": [9, 0, 0, 0, 0, 1],
            "not_processed_repeat": [5, 1, 0, 0, 0, 0],
            "not_processed_publication": [2, 0, 0, 0, 0, 0],
            "not_processed_excessive": [1, 0, 0, 0, 0, 0],
            "not_processed_reconfirm": [1, 0, 0, 0, 0, 0],
            "other_no_correction": [6, 1, 0, 0, 0, 0],
            "other_unpaid": [1, 0, 0, 0, 0, 0],
            "other": [2, 0, 0, 0, 0, 0],
        },
        source=apps,
    )
    fin = finance_2025(year=year)
    return ReportFigures(
        agency_name="示范县人民政府",
        year=year,
        consolidated=True,
        title=f"示范县{year}年政府信息公开工作年度报告",
        overview={
            "proactive": f"{year}年，全县主动公开政府信息12,486条，其中行政规范性文件15件。",
            "on_request": "全县收到政府信息公开申请300件，上年结转16件，办结297件，结转下年度19件。",
            "management": "全县新制发行政规范性文件15件、废止6件，现行有效行政规范性文件88件。",
            "platforms": "县政府门户网站集约化平台承载全县27个部门、12个乡镇的政府信息公开专栏。",
            "supervision": "全县组织政务公开培训11期，参训612人次；开展网站普查4次，整改问题37个。",
        },
        table2={
            **{
                k: Figure(0, f.source, metric=f.metric)
                for k, f in fin.table2.items()
                if k.startswith("regulations.")
            },
            "normative.made": Figure(
                15, "/zhengce/?kind=normative&year=2025", metric="publishing.normative.made"
            ),
            "normative.repealed": Figure(
                6, fin.table2["normative.repealed"].source, metric="publishing.normative.repealed"
            ),
            "normative.in_force": Figure(
                88, fin.table2["normative.in_force"].source, metric="publishing.normative.in_force"
            ),
            "licensing": Figure(
                4316, fin.table2["licensing"].source, metric="services.enforcement.licensing"
            ),
            "punishment": Figure(
                1287, fin.table2["punishment"].source, metric="services.enforcement.punishment"
            ),
            "coercion": Figure(64, fin.table2["coercion"].source, metric="services.enforcement.coercion"),
            "fees": Figure(Decimal("1265.48"), entered=True),
        },
        table3=t3,
        table4=table4([6, 2, 1, 1, 3, 1, 0, 1, 2, 1, 0, 0], source=apps + "&appeal=1"),
        problems="一是基层政务公开标准化规范化水平仍不均衡。\n二是依申请公开答复文书的规范性有待提高。",
        problem_prompts=["逾期答复的政府信息公开申请3件"],
        other="本年度全县共收取信息处理费1,200元。",
        other_figures={"fees.notices": Figure(4, apps + "&fee=1", metric="applications.fees.notices")},
    )


def blank_draft(year: int) -> ReportFigures:
    """A report just created: figures not yet recorded or entered, texts empty, 表三 not balanced."""
    fin = finance_2025(year=year)
    t3 = fin.table3
    broken = Table(t3.header, ((t3.rows[0][0], (Figure(None),) * 7), *t3.rows[1:]))
    return ReportFigures(
        agency_name=fin.agency_name,
        year=year,
        consolidated=False,
        title=fin.title,
        table2={"normative.made": Figure(2, fin.table2["normative.made"].source), "fees": Figure(None)},
        table3=broken,
        table4=None,
        identity_errors=["自然人列：一、本年新收加二、上年结转为2，（七）总计加四、结转下年度为20"],
    )
