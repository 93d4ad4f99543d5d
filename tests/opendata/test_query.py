"""The query engine (DuckDB over the version's Parquet): filters, full text, sorting, paging, refusals,
and the CSV download's formula guard. Pure: a Parquet file written by `ingest`, no database."""

from __future__ import annotations

import pytest

from gongkai.opendata import query
from gongkai.opendata.ingest import ingest

SCHEMA = [
    {"name": "name", "label": "学校名称", "type": "text", "unit": ""},
    {"name": "town", "label": "所在乡镇", "type": "text", "unit": ""},
    {"name": "pupils", "label": "在校生", "type": "integer", "unit": "人"},
    {"name": "opened", "label": "建校日期", "type": "date", "unit": ""},
]
CSV = """学校名称,所在乡镇,在校生,建校日期
城关第一小学,城关镇,1200,1950-09-01
城关第二小学,城关镇,800,1978-09-01
河口小学,河口乡,300,1962-03-01
=HYPERLINK("http://evil"),河口乡,,2001-09-01
-2+3 实验学校,@城关镇,50,2020-09-01
"""


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "schools.parquet"
    ingest(CSV.encode(), "schools.csv", SCHEMA, path)
    return path


def names(parquet, **params) -> list[str]:
    q = query.parse(SCHEMA, {k: str(v) for k, v in params.items()})
    return [row[0] for row in query.rows(parquet, SCHEMA, q)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"town": "河口乡", "sort": "name"}, ['=HYPERLINK("http://evil")', "河口小学"]),
        ({"pupils__gte": 300, "pupils__lt": 1200, "sort": "-pupils"}, ["城关第二小学", "河口小学"]),
        ({"pupils__in": "50,1200", "sort": "pupils"}, ["-2+3 实验学校", "城关第一小学"]),
        ({"opened__lte": "1962-03-01", "sort": "opened"}, ["城关第一小学", "河口小学"]),
        ({"name__contains": "城关", "sort": "-opened"}, ["城关第二小学", "城关第一小学"]),
        ({"q": "城关 小学", "sort": "name"}, ["城关第一小学", "城关第二小学"]),
        ({"q": "城关镇", "sort": "pupils"}, ["-2+3 实验学校", "城关第二小学", "城关第一小学"]),
        ({"sort": "-pupils,name", "limit": 2, "offset": 1}, ["城关第二小学", "河口小学"]),
        ({"sort": "pupils", "limit": 10, "offset": 4}, ['=HYPERLINK("http://evil")']),  # NULLs last
    ],
)
def test_filters_sorting_paging(parquet, params, expected):
    assert names(parquet, **params) == expected


def test_count_of_matching_rows(parquet):
    q = query.parse(SCHEMA, {"town": "城关镇", "limit": "1"})
    page = query.run(parquet, SCHEMA, q, rows_in_file=5)
    assert (page.total, len(page.rows)) == (2, 1)
    assert query.count(parquet, SCHEMA, query.Query(), rows_in_file=5) == 5


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({"grade": "1"}, "unknown_field", "未知字段“grade”，可用字段：name、town、pupils、opened"),
        ({"sort": "-grade"}, "unknown_field", "未知字段“grade”"),
        ({"pupils__like": "1"}, "unknown_operator", "未知的筛选条件“like”"),
        ({"pupils__gte": "很多"}, "bad_value", "字段“pupils”的值“很多”不是整数"),
        ({"opened": "2020-02-30"}, "bad_value", "字段“opened”的值“2020-02-30”不是日期"),
        ({"pupils__contains": "1"}, "unknown_operator", "“contains”只能用于文本字段"),
        ({"limit": "-1"}, "bad_paging", "“limit”应为非负整数"),
    ],
)
def test_refusals_have_a_code_and_a_chinese_message(params, code, message):
    with pytest.raises(query.QueryError) as refused:
        query.parse(SCHEMA, params)
    assert refused.value.code == code and refused.value.message.startswith(message)


def test_no_user_text_reaches_the_sql(parquet):
    assert names(parquet, name="x' OR '1'='1") == []
    assert names(parquet, q="%") == []


def test_csv_download_guards_formula_like_text(parquet):
    q = query.parse(SCHEMA, {"sort": "opened"})
    text = "".join(query.csv_lines(parquet, SCHEMA, q))
    assert text.startswith(
        "\ufeff学校名称,所在乡镇,在校生,建校日期\r\n城关第一小学,城关镇,1200,1950-09-01\r\n"
    )
    assert '"\'=HYPERLINK(""http://evil"")",河口乡,,2001-09-01' in text
    assert "'-2+3 实验学校,'@城关镇,50,2020-09-01" in text


def test_chart_of_a_numeric_column_by_month(parquet):
    bars = query.chart_series(parquet, SCHEMA, query.Query(), 2)
    assert bars[0] == ("1950-09", 1200.0) and len(bars) == 5
