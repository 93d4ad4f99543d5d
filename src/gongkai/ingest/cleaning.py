"""Turn a document copied from a web page back into the document.

Texts reach the platform pasted from old government sites: in traditional characters, with the
page's furniture (打印本页, 浏览次数, 【字体：大 中 小】), sometimes the whole page twice, and on
defaced sites with gambling or pornography SEO lines injected above the title. ``clean`` removes
that noise (after ``unwrap`` has taken the text out of the HTML, SQL row, JSON or CSV record,
program literal or markdown it came in), but keeps what it removed (``stripped``) and says what
it did (``warnings``) so a person can check: a cleaning step that silently drops lines would hide
a defacement. Spam is recognised by what it says, never by a link alone, and the whole text is
never removed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from gongkai.ingest.dates import DATE_RE, iter_dates
from gongkai.ingest.elements import NOTE_RE, genre_of, is_addressee, is_doc_number, is_signature
from gongkai.ingest.readers import UnreadableFile, html_to_text
from gongkai.ingest.unwrap import unwrap

# SEO spam injected into defaced government pages. Specific phrases only: a real notice may well
# mention 赌博 or 色情 when it announces a crackdown, so bare topic words are not in this list.
SPAM_TERMS = (
    "澳门赌场", "澳门赌博", "澳门葡京", "葡京娱乐", "威尼斯人", "金沙娱乐", "太阳城", "博彩", "百家乐",
    "六合彩", "时时彩", "真人视讯", "网上赌场", "在线赌场", "赌场官网", "娱乐城", "彩票网", "注册送",
    "开户送", "彩金", "色情", "约炮", "裸聊", "一夜情", "援交", "成人视频", "成人电影", "黄色网站",
    "AV女优", "无码", "私服", "代开发票", "办证刻章", "真人娱乐", "老虎机", "体育投注", "足球投注",
    "北京赛车", "幸运飞艇", "网赌", "赌球", "黄片", "三级片", "裸体", "情色", "同城交友", "上门服务",
)  # fmt: skip
_URL_RE = re.compile(r"https?://|www\.|\.(?:com|net|cc|vip|top|xyz)\b", re.I)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_SPAM_LINE_MAX = 120  # characters: an injected SEO line is short
_SPAM_DENSITY = 40  # a longer line is spam only with a spam phrase for every 40 characters
_MIN_KEPT_CJK = 20

# Page furniture: short lines made of these markers are the web page, not the document.
_FURNITURE_RE = re.compile(
    r"打印本页|打印此页|关闭窗口|关闭本页|浏览次数|访问次数|点击次数|点击数|阅读次数|信息来源|发布时间|发布日期"
    r"|字体[:：]?\s*[【\[]?\s*大|【\s*打印\s*】|【\s*关闭\s*】|分享到|当前位置|您现在的位置|返回顶部"
    r"|收藏本页|加入收藏|责任编辑|【\s*字号|来源[:：]|作者[:：]|扫一扫|您的位置|下载地址|点击此处下载|浏览量"
    r"|归档时间|视力保护色|^字号[:：]|^时间[:：]|^朗读$|^返回顶部$|^转第$|^下载$|保留字段信息|页面宽度"
)
_PUBLISHED_RE = re.compile(r"(?:发布时间|发布日期)[:：]?\s*(.{0,30})")
# The metadata table government sites print above a document (索引号, 文号, 成文日期 ...).
_META_KEYS = (
    "索引号|主题分类|发布机构|发文机关|发文机构|成文日期|发文日期|发文字号|文号|发布日期|生效日期|废止日期|有效性"
    "|主题词|信息名称|名称|标题|所属机构|公开方式|公开范围|时效性|时效|组配分类|信息分类|生成日期|生效时间|废止时间"
    "|关键词|内容概述|公文目录|施行日期|效力级别|公开时限"
)
# Any short label and its colon starts a field of the table (索引号: … 组配分类: …).
_META_RE = re.compile(
    r"(?:^|(?<=\s))([\u4e00-\u9fff]{2,6})\s*[:：]\s*(.*?)(?=\s+[\u4e00-\u9fff]{2,6}\s*[:：]|$)"
)
_META_LINE_RE = re.compile(rf"^\s*(?:{_META_KEYS})\s*[:：]")
# Law databases print the table without colons: 发文字号国办发〔1986〕53号.
_META_BARE_RE = re.compile(
    r"^\s*(发文机关|发文字号|发文日期|成文日期|发布日期|施行日期|效力级别|时效性)(?![:：])(\S.{0,60})$"
)
# Labels printed with spaces to fill a table cell: 索 引 号, 标　　题, 文  号.
_SPACED_KEY_RE = re.compile(
    "|".join(
        r"[ \t\u3000]*".join(key)
        for key in sorted(_META_KEYS.split("|"), key=len, reverse=True)
        if len(key) > 1
    )
)
# Mirror sites gloss every character with its pinyin: 發(fā)文機(jī)關.
_PINYIN_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"
)
_BULLET_RE = re.compile(r"^[ \t\u3000]*[•▪●◆][ \t\u3000]*")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FURNITURE_MAX_LEN = 100
# Private-use glyphs (font icons of the source site) and zero-width characters carry no text
# but break every "line ends with ：" test.
_INVISIBLE_RE = re.compile(r"[\ue000-\uf8ff\u200b-\u200d\u2060\ufeff]")


@dataclass
class Cleaned:
    text: str
    original: str
    warnings: list[str] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)  # spam lines, kept for the reviewer
    published_hint: dt.date | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # the page's table: 文号 -> 国办发〔2013〕100号


def clean(text: str) -> Cleaned:
    original = text
    result = Cleaned(text=text, original=original)
    text, layers = unwrap(text.replace("\r\n", "\n").replace("\r", "\n"), _safe_html_to_text)
    result.warnings += [f"unwrapped_{code}" for code in layers]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = _INVISIBLE_RE.sub("", text.translate(_FULLWIDTH_DIGITS))
    if _PINYIN_RE.search(text):
        text = _PINYIN_RE.sub("", text)
        result.warnings.append("pinyin_removed")
    result.text = _to_simplified(text, result)
    result.text = _SPACED_KEY_RE.sub(lambda m: re.sub(r"\s", "", m.group()), result.text)
    result.text = _split_one_line(result.text, result)
    result.text = _split_run_together(result.text, result)
    result.text = _strip_furniture(result.text, result)
    result.text = _strip_spam(result.text, result)
    result.text = _drop_repeat(result.text, result)
    return result


def _safe_html_to_text(markup: str) -> str:
    try:
        return html_to_text(markup)
    except UnreadableFile:
        return markup  # not parseable as HTML: keep the text as it is


# A run of spaces is where a line break was when the whole copy came on one line: before a
# Chinese character, or after one (not inside 2017 6 23 or 1.1 编制目的's number).
_ONE_LINE_GAP_RE = re.compile(
    r"(?<=[\u4e00-\u9fff。：:，,；;）)》」”])[ \t\u3000]+|[ \t\u3000]+(?=[\u4e00-\u9fff（(《【{])"
)


def _split_one_line(text: str, result: Cleaned) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 3 or len(text) < 300 or max(len(line) for line in lines) < 300:
        return text
    result.warnings.append("one_line_split")
    return "\n".join(_ONE_LINE_GAP_RE.sub("\n", line.strip()) for line in text.split("\n"))


# Signature, date and 附注 run into the end of the last paragraph: 。安顺市人民政府2023年9月5日（此件公开发布）
_CLOSING_RUN_RE = re.compile(
    rf"(?<=[。！；])[ \t\u3000]*(?P<signer>[^\n。！；：:，,“”《》]{{2,60}}?)[ \t\u3000]*(?P<date>{DATE_RE.pattern})"
    r"[ \t\u3000]*(?P<note>[（(]此件[^（()）\n]{1,20}[)）])?[ \t\u3000]*"
)


def _split_run_together(text: str, result: Cleaned) -> str:
    out = []
    for line in text.split("\n"):
        split = _split_addressee(line)
        split = _CLOSING_RUN_RE.sub(_closing_lines, split)
        out.append(split.strip("\n") if split != line else line)
    if out != text.split("\n"):
        result.warnings.append("run_together_split")
    return "\n".join(out)


def _split_addressee(line: str) -> str:
    """主送机关 and the first paragraph on one line: 各县人民政府，市政府各部门：现将……"""
    colon = re.search(r"[：:]", line)
    if not colon or colon.end() == len(line.rstrip()) or colon.start() > 150 or len(line) - colon.end() < 10:
        return line
    head = line[: colon.end()]
    return head + "\n" + line[colon.end() :] if is_addressee(head) and "\t" not in head else line


def _closing_lines(match: re.Match[str]) -> str:
    if not is_signature(match["signer"]):
        return match.group()
    note = match["note"] if match["note"] and NOTE_RE.match(match["note"]) else None
    return "\n" + "\n".join(part for part in (match["signer"].strip(), match["date"], note) if part) + "\n"


@cache
def _converter():
    import opencc  # imported lazily: loading the dictionaries is only needed for this step

    return opencc.OpenCC("t2s")


def _to_simplified(text: str, result: Cleaned) -> str:
    simplified = _converter().convert(text)
    changed = sum(1 for a, b in zip(text, simplified, strict=False) if a != b)
    # A couple of differences can be legitimate (names, quoted titles); a traditional copy
    # differs in a large share of its characters.
    if changed >= 3 and changed >= 0.01 * len(text):
        result.warnings.append("traditional_converted")
        return simplified
    return text


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped or "。" in stripped:
        return False
    if _META_LINE_RE.match(stripped):
        return len(stripped) <= 2 * _FURNITURE_MAX_LEN
    if _META_BARE_RE.match(stripped):
        return True
    return len(stripped) <= _FURNITURE_MAX_LEN and bool(_FURNITURE_RE.search(stripped))


def _strip_furniture(text: str, result: Cleaned) -> str:
    lines = [_BULLET_RE.sub("", line) for line in text.split("\n")]
    kept, consumed = [], set()
    for i, line in enumerate(lines):
        if i in consumed:
            continue
        if not _is_furniture(line):
            kept.append(line)
            continue
        if _META_LINE_RE.match(line):
            fields = _META_RE.findall(line.strip())
            value_below = (
                _value_below(lines, i, fields[-1][0]) if fields and not fields[-1][1].strip() else None
            )
            if value_below is not None:
                fields[-1] = (fields[-1][0], lines[value_below])
                consumed.add(value_below)
                line = f"{line.strip()}{lines[value_below].strip()}"
            for key, value in fields:
                if value.strip():
                    result.metadata.setdefault(key, value.strip())
        elif bare := _META_BARE_RE.match(line):
            result.metadata.setdefault(bare[1], bare[2].strip())
        published = _PUBLISHED_RE.search(line)
        if published and result.published_hint is None:
            dates = list(iter_dates(published.group(1)))
            result.published_hint = dates[0][0] if dates else None
    return "\n".join(kept)


def _value_below(lines: list[str], i: int, key: str) -> int | None:
    """A table printed as a list puts each value on the line under its label (发文字号: / 镇政发〔2024〕7号)."""
    for j in range(i + 1, min(i + 3, len(lines))):
        below = lines[j].strip()
        if not below:
            continue
        if len(below) > 60 or genre_of(below) or _is_furniture(below) or _META_RE.match(below):
            return None
        # A 文号 or a date under an empty label of another kind is the document, not the value.
        if (is_doc_number(below) and "号" not in key) or (
            any(iter_dates(below)) and not re.search("日期|时间", key)
        ):
            return None
        return j
    return None


def _is_spam(line: str) -> bool:
    """Spam by its content: a spam phrase in a short line, or spam phrases packed densely in a long
    one. A link alone is not spam (documents cite their sources), and a long paragraph that names
    六合彩 once is a document about 六合彩."""
    terms = sum(line.count(term) for term in SPAM_TERMS)
    return terms > 0 and (len(line) <= _SPAM_LINE_MAX or terms * _SPAM_DENSITY >= len(line))


def _is_injected(line: str) -> bool:
    """Blank or spam, above the document; a title ending in its genre stops the block (a notice
    about cracking down on 六合彩 is a document, not spam)."""
    line = line.strip()
    if not line:
        return True
    if genre_of(line) and not _URL_RE.search(line):
        return False
    return _is_spam(line)


def _strip_spam(text: str, result: Cleaned) -> str:
    """Drop the injected block above the document and spam-with-link lines anywhere, but never
    the whole text: a copy that would be left empty is kept as it is, for a person to judge."""
    lines = text.split("\n")
    head = 0
    while head < len(lines) and _is_injected(lines[head]):
        head += 1
    injected = {line.strip() for line in lines[:head] if line.strip()}
    kept, stripped = [], []
    for index, line in enumerate(lines):
        line_text = line.strip()
        in_head = index < head and bool(line_text)
        if in_head or line_text in injected or (_is_spam(line_text) and _URL_RE.search(line_text)):
            stripped.append(line_text)
        else:
            kept.append(line)
    if not stripped:
        return text
    if len(_CJK_RE.findall("".join(kept))) < _MIN_KEPT_CJK:
        result.warnings.append("spam_kept_whole_text")  # everything looks like spam: keep it, flag it
        return text
    result.stripped += stripped
    result.warnings.append("possible_defacement")
    return "\n".join(kept).strip("\n")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _drop_repeat(text: str, result: Cleaned) -> str:
    """Keep one copy when the page carried the whole document twice."""
    compact = _compact(text)
    if len(compact) < 40:
        return text
    head = compact[:30]
    pattern = r"\s*".join(re.escape(ch) for ch in head)
    first = re.search(pattern, text)
    second = re.search(pattern, text[first.end() :]) if first else None
    if second is None:
        return text
    cut = first.end() + second.start()
    one, two = _compact(text[:cut]), _compact(text[cut:])
    if one == two or (abs(len(one) - len(two)) <= 0.03 * len(one) and _similar(one, two)):
        result.warnings.append("duplicate_removed")
        return text[:cut].rstrip()
    return text


def _similar(one: str, two: str) -> bool:
    matcher = SequenceMatcher(None, one, two, autojunk=False)
    return matcher.quick_ratio() >= 0.97 and matcher.ratio() >= 0.97
