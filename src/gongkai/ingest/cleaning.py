"""Turn a document copied from a web page back into the document.

Texts reach the platform pasted from old government sites: in traditional characters, with the
page's furniture (打印本页, 浏览次数, 【字体：大 中 小】), sometimes the whole page twice, and on
defaced sites with gambling or pornography SEO lines injected above the title. ``clean`` removes
that noise, but keeps what it removed (``stripped``) and says what it did (``warnings``) so a
person can check: a cleaning step that silently drops lines would hide a defacement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from gongkai.ingest.dates import iter_dates
from gongkai.ingest.elements import genre_of

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

# Page furniture: short lines made of these markers are the web page, not the document.
_FURNITURE_RE = re.compile(
    r"打印本页|打印此页|关闭窗口|关闭本页|浏览次数|访问次数|点击次数|点击数|阅读次数|信息来源|发布时间|发布日期"
    r"|字体[:：]?\s*[【\[]?\s*大|【\s*打印\s*】|【\s*关闭\s*】|分享到|当前位置|您现在的位置|返回顶部"
    r"|收藏本页|加入收藏|责任编辑|【\s*字号|来源[:：]|作者[:：]|扫一扫"
)
_PUBLISHED_RE = re.compile(r"(?:发布时间|发布日期)[:：]?\s*(.{0,30})")
# The metadata table government sites print above a document (索引号, 文号, 成文日期 ...).
_META_KEYS = (
    "索引号|主题分类|发布机构|发文机关|成文日期|发文日期|发文字号|文号|发布日期|生效日期|废止日期|有效性"
    "|主题词|信息名称|名称|标题|所属机构|公开方式|公开范围|时效"
)
_META_RE = re.compile(rf"({_META_KEYS})\s*[:：]\s*(.*?)(?=\s+(?:{_META_KEYS})\s*[:：]|$)")
_META_LINE_RE = re.compile(rf"^\s*(?:{_META_KEYS})\s*[:：]")
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
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = _INVISIBLE_RE.sub("", text.translate(_FULLWIDTH_DIGITS))
    result = Cleaned(text=text, original=original)
    result.text = _to_simplified(result.text, result)
    result.text = _strip_furniture(result.text, result)
    result.text = _strip_spam(result.text, result)
    result.text = _drop_repeat(result.text, result)
    return result


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
    return len(stripped) <= _FURNITURE_MAX_LEN and bool(_FURNITURE_RE.search(stripped))


def _strip_furniture(text: str, result: Cleaned) -> str:
    kept = []
    for line in text.split("\n"):
        if not _is_furniture(line):
            kept.append(line)
            continue
        if _META_LINE_RE.match(line):
            for key, value in _META_RE.findall(line.strip()):
                result.metadata.setdefault(key, value.strip())
        published = _PUBLISHED_RE.search(line)
        if published and result.published_hint is None:
            dates = list(iter_dates(published.group(1)))
            result.published_hint = dates[0][0] if dates else None
    return "\n".join(kept)


def _is_spam(line: str) -> bool:
    return any(term in line for term in SPAM_TERMS)


def _is_injected(line: str) -> bool:
    """Blank, spam or a link, above the document; a title ending in its genre stops the block
    (a notice about cracking down on 六合彩 is a document, not spam)."""
    line = line.strip()
    if not line:
        return True
    if genre_of(line) and not _URL_RE.search(line):
        return False
    return _is_spam(line) or bool(_URL_RE.search(line))


def _strip_spam(text: str, result: Cleaned) -> str:
    """Drop the injected block above the document and spam-with-link lines anywhere."""
    lines = text.split("\n")
    head = 0
    while head < len(lines) and _is_injected(lines[head]):
        head += 1
    injected = {line.strip() for line in lines[:head] if line.strip()}
    kept = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        in_head = index < head and bool(stripped)
        if in_head or stripped in injected or (_is_spam(stripped) and _URL_RE.search(stripped)):
            result.stripped.append(stripped)
        else:
            kept.append(line)
    if result.stripped:
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
