"""Shared by the import and pages benchmarks: a throwaway production-like environment, memory
readings, and realistic GB/T 9704 plain-text documents built from the demo seed sentences."""

from __future__ import annotations

import os
import random
import re
import resource
import secrets
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "src" / "gongkai" / "demo" / "data" / "seeds"


# --- environment -------------------------------------------------------------------------------


def prepare_environment(database_url: str | None, *, prefix: str) -> dict[str, str]:
    """Set the environment of a production deployment (GONGKAI_DEBUG=0) with throwaway secrets.

    SQLite: the default file database inside a fresh temporary var dir (with the settings' own
    options). PostgreSQL: the database named in the URL is dropped and created afresh.
    Returns the variables set, for child processes (gunicorn).
    """
    var_dir = tempfile.mkdtemp(prefix=prefix)
    env = {
        "GONGKAI_VAR_DIR": var_dir,
        "GONGKAI_HOME": var_dir,
        "GONGKAI_DEBUG": "0",
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(48),
        "GONGKAI_DATA_KEY": secrets.token_urlsafe(32),
        "GONGKAI_AUDIT_KEY": secrets.token_urlsafe(32),
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
        "GONGKAI_SSL_REDIRECT": "0",
        "GONGKAI_HSTS_SECONDS": "0",
        "GONGKAI_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("GONGKAI_TESTING", None)
    if database_url:
        if database_url.startswith("postgres"):
            recreate_postgres(database_url)
        env["DATABASE_URL"] = database_url
    os.environ.update(env)
    return env


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str | None) -> None:
    if not url or not url.startswith("postgres"):
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cleanup(env: dict[str, str], database_url: str | None) -> None:
    """Drop the PostgreSQL database and remove the temporary var dir (SQLite file, static, media)."""
    drop_postgres(database_url)
    shutil.rmtree(env["GONGKAI_VAR_DIR"], ignore_errors=True)


def describe_database() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return "SQLite (file in a temporary directory)"
    return f"PostgreSQL {connection.cursor().connection.info.server_version // 10000} ({connection.settings_dict['NAME']})"


# --- memory -----------------------------------------------------------------------------------


def current_rss_mb() -> float:
    """Resident set size now (Linux /proc), in MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (getrusage; kilobytes on Linux), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- documents -------------------------------------------------------------------------------

THEMES = [
    "部门预算公开",
    "政府采购意向公开",
    "老旧小区改造",
    "保障性住房分配",
    "义务教育招生入学",
    "学生资助政策",
    "空气质量改善",
    "河湖长制",
    "食品安全抽检",
    "双随机一公开监管",
    "防汛抗旱",
    "安全生产大检查",
    "森林防灭火",
    "基本公共卫生服务",
    "家庭医生签约服务",
    "农村低保动态管理",
    "高标准农田建设",
    "优化营商环境",
    "政务公开工作要点",
    "12345政务服务便民热线",
]
VERBS = ["关于做好", "关于进一步加强", "关于开展", "关于印发", "关于调整", "关于规范", "关于推进"]
GENRES = ["通知", "实施方案", "意见", "工作方案", "管理办法", "通知"]
ADDRESSEES = [
    "各乡镇人民政府、街道办事处，县政府各部门：",
    "县直各有关单位：",
    "各乡镇人民政府、街道办事处，县直各部门，各有关单位：",
]
TEMPLATES = [
    "为深入贯彻落实{t}工作部署，进一步提升工作水平，结合本县实际，制定本{g}。",
    "各单位要高度重视{t}工作，明确责任分工，确保各项任务落到实处。",
    "{a}负责{t}的统筹协调，会同有关部门做好相关工作，每季度报送工作进展。",
    "对{t}中发现的问题，要建立台账、限期整改，整改情况向社会公开，接受群众监督。",
    "{y}年，全县{t}累计投入资金3200万元，惠及群众1.2万人，群众满意度达到95%以上。",
    "依据《中华人民共和国政府信息公开条例》，{a}主动公开{t}相关信息，依申请公开的按规定办理。",
]
HEADINGS = ["一、总体要求", "二、工作目标", "三、主要任务", "四、保障措施", "五、工作要求"]
CN_DIGITS = "〇一二三四五六七八九"


def seed_sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sentences = [s.strip() for s in re.split(r"[。！？\n]", re.sub(r"[ \u3000]+", "", text))]
    return [s + "。" for s in sentences if 12 <= len(s) <= 160]


def _cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _written(d: date, chinese: bool) -> str:
    if chinese:
        year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
        return f"{year}年{_cn_number(d.month)}月{_cn_number(d.day)}日"
    return f"{d.year}年{d.month}月{d.day}日"


class DocumentMaker:
    """Deterministic plain-text official documents of about `size` bytes (UTF-8).

    Layout as GB/T 9704 prints it: title, 文号, 主送机关, body paragraphs with headings, an
    attachment line, the issuing organ and the date as signature, and the 附注 （此件公开发布）.
    About one in twenty contains a mobile number, which screening finds.
    """

    def __init__(self, issuers: list[tuple[str, str]], *, size: int = 5000, seed: int = 2026):
        self.issuers = issuers  # (name, 文号 prefix)
        self.size = size
        self.rng = random.Random(seed)
        self.pool = seed_sentences()
        self.serials: dict[tuple[int, int], int] = {}

    def make(self, i: int) -> tuple[int, str]:
        """(issuer position, text) of document i."""
        rng = self.rng
        a = i % len(self.issuers)
        name, prefix = self.issuers[a]
        theme = rng.choice(THEMES)
        genre = rng.choice(GENRES)
        written = date(2016, 1, 1) + timedelta(days=rng.randrange(3600))
        year = written.year
        self.serials[(a, year)] = self.serials.get((a, year), 0) + 1
        title = f"{name}{rng.choice(VERBS)}{year}年{theme}工作的{genre}"
        head = [title, "", f"{prefix}〔{year}〕{self.serials[(a, year)]}号", "", rng.choice(ADDRESSEES), ""]
        tail = [
            "",
            f"　　附件：{year}年{theme}工作任务分解表",
            "",
            f"{name}",
            _written(written, chinese=i % 5 == 0),
            "",
            "（此件公开发布）",
        ]
        budget = self.size - len("\n".join(head + tail).encode("utf-8"))
        lines, used, heading = [], 0, 0
        while used < budget:
            if heading < len(HEADINGS) and (not lines or rng.random() < 0.25):
                line = "　　" + HEADINGS[heading]
                heading += 1
            else:
                sentences = []
                for _ in range(rng.randint(2, 5)):
                    if rng.random() < 0.6:
                        sentences.append(rng.choice(self.pool))
                    else:
                        sentences.append(rng.choice(TEMPLATES).format(t=theme, g=genre, a=name, y=year))
                line = "　　" + "".join(sentences)
            lines.append(line)
            used += len(line.encode("utf-8")) + 1
        if i % 20 == 7:
            lines.append(f"　　联系人：王某，联系电话：139{rng.randrange(10**8):08d}。")
        return a, "\n".join(head + lines + tail) + "\n"
