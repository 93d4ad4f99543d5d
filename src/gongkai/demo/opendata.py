"""Demo data of the data resource catalog (issue #14): a dozen datasets across the county's agencies —
budgets, procurement, school lists, air-quality hourly readings of two stations over two and a half
years (≈44,000 rows), clinics, shelters … — generated deterministically, uploaded as CSV files (some
GBK-encoded) and released through the real review (clerk → reviewer → secrecy reviewer). The school
list's first upload carries the principals' mobile numbers: screening blocks it and the clerk masks
the column in a second version. One dataset is 有条件开放, one still a draft, one waiting for review.
Running it twice adds nothing."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta

from gongkai.agencies.models import Role, Staff
from gongkai.demo.county import demo_name
from gongkai.opendata import actions
from gongkai.opendata.models import Dataset

LICENCE = "政府数据开放许可协议（署名）"
TOWNS = ["城关镇", "河口镇", "东城街道", "西山乡", "南湖乡", "北岭镇"]


def _staff(agency, role: str) -> Staff | None:
    return Staff.objects.filter(agency=agency, roles__role=role, is_active=True).order_by("pk").first()


def _csv(header: list[str], rows, *, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


# --- the generated tables ---------------------------------------------------------------------------


def budget_rows(rnd: random.Random, year: int):
    items = [
        ("201", "一般公共服务支出"), ("20101", "人大事务"), ("20103", "政府办公厅（室）及相关机构事务"),
        ("20106", "财政事务"), ("205", "教育支出"), ("20502", "普通教育"), ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"),
        ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"), ("221", "住房保障支出"),
    ]  # fmt: skip
    for code, name in items:
        base = rnd.randint(80, 4000) + rnd.random()
        yield [code, name, f"{base:.2f}", f"{base * rnd.uniform(0.92, 1.08):.2f}", f"{year}-01-20"]


def procurement_rows(rnd: random.Random):
    goods = [
        "办公设备",
        "公务用车维修",
        "物业管理服务",
        "信息系统运维",
        "印刷服务",
        "校舍维修工程",
        "绿化养护",
        "食堂食材",
    ]
    for i in range(60):
        month = 1 + i % 12
        yield [
            f"SFX-CG-2026-{i + 1:03d}",
            f"{rnd.choice(goods)}采购项目",
            f"{rnd.randint(5, 400) * 1000}",
            f"2026-{month:02d}",
            rnd.choice(["公开招标", "竞争性磋商", "询价", "单一来源"]),
        ]


def school_rows(rnd: random.Random, *, with_mobiles: bool):
    kinds = [("小学", 300, 1400), ("初级中学", 400, 1600), ("幼儿园", 80, 320)]
    for i in range(30):
        town = TOWNS[i % len(TOWNS)]
        kind, low, high = kinds[i % 3]
        pupils = rnd.randint(low, high)
        row = [
            f"示范县{town}第{i // 6 + 1}{kind}",
            town,
            kind,
            str(pupils),
            str(max(6, pupils // rnd.randint(13, 18))),
            f"0000-{6600000 + i * 17}",
        ]
        if with_mobiles:
            row.append(f"{demo_name(i)} 13{rnd.randint(5, 9)}{rnd.randint(10000000, 99999999)}")
        else:
            row.append(demo_name(i))
        yield row


def air_rows(rnd: random.Random, start: date, end: date):
    """Hourly readings of two stations: a yearly cycle (worse in winter), a daily one, noise."""
    import math

    stations = [("城关监测站", 1.0), ("工业园区监测站", 1.25)]
    hours = int((end - start).days * 24)
    t0 = datetime(start.year, start.month, start.day)
    for name, factor in stations:
        level = 35.0
        for h in range(hours):
            moment = t0 + timedelta(hours=h)
            season = 1 + 0.6 * math.cos(2 * math.pi * (moment.timetuple().tm_yday - 15) / 365)
            daily = 1 + 0.2 * math.sin(2 * math.pi * (moment.hour - 8) / 24)
            level = 0.85 * level + 0.15 * 35 * season * daily * factor + rnd.gauss(0, 3)
            pm25 = max(3.0, level)
            pm10 = pm25 * rnd.uniform(1.4, 1.9)
            o3 = max(5.0, 60 * (2 - season) * (1.3 - 0.3 * daily) + rnd.gauss(0, 8))
            aqi = round(max(pm25 / 75 * 100, pm10 / 150 * 100, o3 / 160 * 100))
            yield [
                name,
                moment.strftime("%Y-%m-%d %H:00"),
                str(aqi),
                f"{pm25:.1f}",
                f"{pm10:.1f}",
                f"{o3:.1f}",
            ]


# --- the datasets -----------------------------------------------------------------------------------


def _specs(rnd: random.Random):
    """(agency key, metadata, fields, [(resource title, filename, bytes)], outcome)."""
    yield (
        "czj",
        {
            "title": "2026年县级部门预算支出表",
            "summary": "示范县2026年县级一般公共预算支出，按功能分类科目列示预算数和上年执行数。",
            "theme": "财税金融",
            "industry": "公共管理、社会保障和社会组织",
            "frequency": "每年",
        },
        "code|科目编码\nname|科目名称\nbudget|预算数|数值|万元\nlast_year|上年执行数|数值|万元\napproved|批复日期|日期",
        [
            (
                "2026年预算支出明细",
                "2026年预算支出.csv",
                _csv(
                    ["科目编码", "科目名称", "预算数", "上年执行数", "批复日期"],
                    budget_rows(rnd, 2026),
                    encoding="gbk",
                ),
            )
        ],
        "published",
    )
    yield (
        "czj",
        {
            "title": "2025年县级部门决算支出表",
            "summary": "示范县2025年县级一般公共预算支出决算。",
            "theme": "财税金融",
            "industry": "公共管理、社会保障和社会组织",
            "frequency": "每年",
        },
        "code|科目编码\nname|科目名称\nfinal|决算数|数值|万元\nbudget|预算数|数值|万元\napproved|批复日期|日期",
        [
            (
                "2025年决算支出明细",
                "2025年决算.csv",
                _csv(
                    ["科目编码", "科目名称", "决算数", "预算数", "批复日期"],
                    budget_rows(rnd, 2025),
                    encoding="gbk",
                ),
            )
        ],
        "published",
    )
    yield (
        "czj",
        {
            "title": "2026年政府采购意向",
            "summary": "县级预算单位2026年政府采购意向公开汇总。",
            "theme": "财税金融",
            "industry": "公共管理、社会保障和社会组织",
            "frequency": "每月",
        },
        "number|项目编号\nproject|采购项目名称\namount|预算金额|数值|元\nmonth|预计采购时间\nmethod|采购方式",
        [
            (
                "采购意向汇总",
                "采购意向.csv",
                _csv(
                    ["项目编号", "采购项目名称", "预算金额", "预计采购时间", "采购方式"],
                    procurement_rows(rnd),
                ),
            )
        ],
        "published",
    )
    yield (
        "jyj",
        {
            "title": "中小学校及幼儿园名录",
            "summary": "全县公办中小学校和幼儿园的名称、所在乡镇、在校生数、教职工数和办公电话。",
            "theme": "教育科技",
            "industry": "教育",
            "frequency": "每年",
        },
        "name|学校名称\ntown|所在乡镇\nkind|学段\npupils|在校生数|整数|人\nteachers|教职工数|整数|人"
        "\nphone|办公电话\nprincipal|校长",
        [
            (
                "学校名录",
                "学校名录.csv",
                _csv(
                    ["学校名称", "所在乡镇", "学段", "在校生数", "教职工数", "办公电话", "校长"],
                    school_rows(random.Random(4), with_mobiles=True),
                ),
            )
        ],
        "masked",
    )
    yield (
        "sthjj",
        {
            "title": "空气质量小时监测数据",
            "summary": "县城关监测站和工业园区监测站2024年以来逐小时的空气质量指数和主要污染物浓度。",
            "theme": "资源环境",
            "industry": "水利、环境和公共设施管理业",
            "frequency": "每小时",
        },
        "station|监测站\ntime|监测时间|日期时间\naqi|空气质量指数|整数\npm25|PM2.5浓度|数值|μg/m³"
        "\npm10|PM10浓度|数值|μg/m³\no3|臭氧浓度|数值|μg/m³",
        [
            (
                "逐小时监测数据",
                "空气质量小时数据.csv",
                _csv(
                    ["监测站", "监测时间", "空气质量指数", "PM2.5浓度", "PM10浓度", "臭氧浓度"],
                    air_rows(random.Random(7), date(2024, 1, 1), date(2026, 7, 1)),
                ),
            )
        ],
        "published",
    )
    yield (
        "sthjj",
        {
            "title": "重点排污单位名录",
            "summary": "纳入重点排污单位名录的企业及其主要污染物类别。",
            "theme": "资源环境",
            "industry": "水利、环境和公共设施管理业",
            "frequency": "每年",
        },
        "company|单位名称\ntown|所在乡镇\nkind|类别\npollutant|主要污染物",
        [
            (
                "名录",
                "重点排污单位.csv",
                _csv(
                    ["单位名称", "所在乡镇", "类别", "主要污染物"],
                    [
                        [f"示范县{w}{n}有限公司", TOWNS[i % 6], k, p]
                        for i, (w, n, k, p) in enumerate(
                            [
                                ("宏达", "化工", "水环境", "化学需氧量、氨氮"),
                                ("新源", "热电", "大气环境", "二氧化硫、氮氧化物"),
                                ("华兴", "造纸", "水环境", "化学需氧量"),
                                ("恒泰", "建材", "大气环境", "颗粒物"),
                                ("绿洲", "污水处理", "水环境", "氨氮、总磷"),
                                ("金桥", "电镀", "土壤环境", "重金属"),
                            ]
                        )
                    ],
                ),
            )
        ],
        "published",
    )
    yield (
        "scjgj",
        {
            "title": "食品生产许可获证企业明细",
            "summary": "获得食品生产许可的企业、许可证编号、生产地址和许可品种。",
            "theme": "市场监管",
            "industry": "制造业",
            "frequency": "每月",
            "openness": "conditional",
            "openness_reason": "含企业生产地址和联系人等经营信息，仅向申请并承诺用途的单位提供。",
        },
        "company|企业名称\nlicence|许可证编号\ncategory|许可品种\nvalid_until|有效期至|日期",
        [
            (
                "获证企业",
                "食品生产许可.csv",
                _csv(
                    ["企业名称", "许可证编号", "许可品种", "有效期至"],
                    [
                        [
                            f"示范县{n}食品有限公司",
                            f"SC1{rnd.randint(10**12, 10**13 - 1)}",
                            c,
                            f"{2027 + i % 4}-06-30",
                        ]
                        for i, (n, c) in enumerate(
                            [("香满园", "糕点"), ("清泉", "饮料"), ("禾丰", "粮食加工品"), ("百味", "调味品")]
                        )
                    ],
                ),
            )
        ],
        "published",
    )
    yield (
        "wjj",
        {
            "title": "医疗卫生机构名录",
            "summary": "全县医院、乡镇卫生院和社区卫生服务中心的名称、地址、床位数和服务电话。",
            "theme": "卫生健康",
            "industry": "卫生和社会工作",
            "frequency": "每季度",
        },
        "name|机构名称\nkind|机构类别\ntown|所在乡镇\nbeds|床位数|整数|张\nphone|服务电话",
        [
            (
                "机构名录",
                "医疗机构.csv",
                _csv(
                    ["机构名称", "机构类别", "所在乡镇", "床位数", "服务电话"],
                    [
                        [
                            f"示范县{t}{k}",
                            k,
                            t,
                            str(rnd.randint(10, 60) * (8 if k == "人民医院" else 1)),
                            f"0000-{6500000 + i}",
                        ]
                        for i, (t, k) in enumerate(
                            [("", "人民医院"), ("", "中医医院")]
                            + [(t, "卫生院") for t in TOWNS[1:]]
                            + [("东城街道", "社区卫生服务中心")]
                        )
                    ],
                ),
            )
        ],
        "published",
    )
    yield (
        "zjj",
        {
            "title": "保障性住房项目",
            "summary": "在建和已建成保障性住房项目的位置、套数和建设进度。",
            "theme": "城建住房",
            "industry": "房地产业",
            "frequency": "每季度",
        },
        "project|项目名称\ntown|所在乡镇\nunits|套数|整数|套\nprogress|建设进度|数值|%\nstarted|开工日期|日期",
        [
            (
                "项目清单",
                "保障房项目.csv",
                _csv(
                    ["项目名称", "所在乡镇", "套数", "建设进度", "开工日期"],
                    [
                        [
                            f"{t}保障性租赁住房{i + 1}期",
                            t,
                            str(rnd.randint(80, 600)),
                            str(rnd.choice([35, 60, 85, 100])),
                            f"202{3 + i % 3}-0{1 + i % 9}-15",
                        ]
                        for i, t in enumerate(TOWNS)
                    ],
                ),
            )
        ],
        "published",
    )
    yield (
        "yjglj",
        {
            "title": "应急避难场所",
            "summary": "全县应急避难场所的名称、位置、面积和可容纳人数。",
            "theme": "公共安全",
            "industry": "公共管理、社会保障和社会组织",
            "frequency": "每年",
        },
        "name|场所名称\ntown|所在乡镇\narea|有效面积|数值|平方米\ncapacity|可容纳人数|整数|人",
        [
            (
                "避难场所",
                "避难场所.csv",
                _csv(
                    ["场所名称", "所在乡镇", "有效面积", "可容纳人数"],
                    [
                        [f"{t}{p}", t, str(a), str(a // 2)]
                        for t, p, a in [
                            (TOWNS[i % 6], p, rnd.randint(20, 300) * 100)
                            for i, p in enumerate(
                                [
                                    "人民广场",
                                    "体育中心",
                                    "中学操场",
                                    "滨河公园",
                                    "文化广场",
                                    "小学操场",
                                    "湿地公园",
                                    "工业园区广场",
                                ]
                            )
                        ]
                    ],
                ),
            )
        ],
        "published",
    )
    yield (
        "xzfb",
        {
            "title": "政务服务事项月度办件量",
            "summary": "县政务服务中心各窗口逐月受理和办结的事项数量。",
            "theme": "其他",
            "industry": "公共管理、社会保障和社会组织",
            "frequency": "每月",
        },
        "month|月份|日期\nwindow|窗口\naccepted|受理件数|整数|件\nfinished|办结件数|整数|件",
        [
            (
                "月度办件量",
                "办件量.csv",
                _csv(
                    ["月份", "窗口", "受理件数", "办结件数"],
                    [
                        [f"{2025 + m // 12}-{m % 12 + 1:02d}-01", w, str(n), str(n - rnd.randint(0, 5))]
                        for m in range(18)
                        for w, n in [
                            (w, rnd.randint(40, 400))
                            for w in ["社保", "不动产登记", "市场主体登记", "公积金"]
                        ]
                    ],
                ),
            )
        ],
        "published",
    )
    yield (
        "czj",
        {
            "title": "2027年县级部门预算支出表（编制中）",
            "summary": "2027年预算编制中，批复后发布。",
            "theme": "财税金融",
            "industry": "公共管理、社会保障和社会组织",
            "frequency": "每年",
        },
        "code|科目编码\nname|科目名称\nbudget|预算数|数值|万元\nlast_year|上年执行数|数值|万元\napproved|批复日期|日期",
        [
            (
                "2027年预算支出明细（草稿）",
                "2027年预算.csv",
                _csv(["科目编码", "科目名称", "预算数", "上年执行数", "批复日期"], budget_rows(rnd, 2027)),
            )
        ],
        "draft",
    )
    yield (
        "jyj",
        {
            "title": "义务教育学校招生范围",
            "summary": "2026年秋季义务教育阶段公办学校招生片区。",
            "theme": "教育科技",
            "industry": "教育",
            "frequency": "每年",
        },
        "school|学校名称\narea|招生范围\nplaces|计划招生数|整数|人",
        [
            (
                "招生范围",
                "招生范围.csv",
                _csv(
                    ["学校名称", "招生范围", "计划招生数"],
                    [[f"示范县{t}第一小学", f"{t}全域", str(rnd.randint(60, 300))] for t in TOWNS],
                ),
            )
        ],
        "reviewing",
    )


def build(agencies, out) -> None:
    """Build the demo datasets through the real actions; running it twice adds nothing."""
    if Dataset.objects.filter(title="2026年县级部门预算支出表").exists():
        out.write("数据开放：演示数据集已存在。")
        return
    rnd = random.Random(2026)
    made = 0
    for key, meta, fields, files, outcome in _specs(rnd):
        agency = agencies.get(key)
        clerk, reviewer = _staff(agency, Role.CLERK), _staff(agency, Role.REVIEWER)
        secrecy = _staff(agency, Role.SECRECY_REVIEWER)
        if agency is None or clerk is None or reviewer is None or secrecy is None:
            continue
        dataset = actions.create_dataset(
            clerk,
            agency=agency,
            licence=LICENCE,
            contact=f"{agency.name}办公室 {agency.phone or '0000-6600000'}",
            **meta,
        )
        actions.set_fields(clerk, dataset, actions.parse_fields(fields))
        for title, filename, data in files:
            version = actions.add_resource(clerk, dataset, title=title, data=data, filename=filename)
            if outcome == "masked":
                actions.mask_column(clerk, version, column="principal")
        if outcome != "draft":
            actions.submit_dataset(clerk, dataset)
        if outcome in ("published", "masked"):
            actions.approve_dataset(reviewer, dataset)
            actions.publish_dataset(secrecy, dataset)
        made += 1
    out.write(f"数据开放：{made}个数据集（空气质量小时数据约4.4万行），经审核和保密审查后发布。")
    from gongkai.demo import opendata_access

    opendata_access.build(agencies, out)  # od-access: 有条件开放, the opening plan, 需求征集
