"""Line-level recognisers for the elements of GB/T 9704-2012 official documents.

Each function answers one question about one line (is it a 发文字号, a 主送机关 line, a signature?)
so that ``extract`` can read a document top to bottom the way a clerk does.
"""

from __future__ import annotations

import re

from gongkai.ingest.dates import DATE_RE, ISO_RE

OPEN_BRACKETS = "〔[【(（［{｛"
CLOSE_BRACKETS = "〕]】)）］}｝"
_DOC_NUMBER = (
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,15}}?)\s*(?P<open>[{re.escape(OPEN_BRACKETS)}]?)\s*"
    rf"(?P<year>(?:19|20)\d{{2}})\s*(?P<close>[{re.escape(CLOSE_BRACKETS)}]?)\s*(?P<first>第?)\s*"
    r"(?P<seq>\d{1,5})\s*号"
)
DOC_NUMBER_LINE_RE = re.compile(rf"^{_DOC_NUMBER}$")
# In running text a reference is always bracketed, which is what tells its prefix apart.
DOC_NUMBER_INLINE_RE = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,15}}?)(?P<open>[{re.escape(OPEN_BRACKETS)}])(?P<year>(?:19|20)\d{{2}})"
    rf"(?P<close>[{re.escape(CLOSE_BRACKETS)}])第?(?P<seq>\d{{1,5}})号"
)
# A 文号 line that lost characters: organ code, something, 号 — no more than that is certain; or
# organ code, an opening bracket and the digits, with the closing bracket and 号 lost (牟政办发〔201746).
GARBLED_DOC_NUMBER_RE = re.compile(
    rf"^(?P<prefix>[\u4e00-\u9fff]{{1,12}}?[发函字])(?:[^\u4e00-\u9fff]{{0,14}}号|\s*[{re.escape(OPEN_BRACKETS)}]\s*(?:19|20)\d{{3,7}})$"
)
# A 文号 printed in brackets of its own under the title: ( 吉府发〔2003〕37号 ).
_WRAPPED_RE = re.compile(r"^[（(【\[]\s*(?P<inner>.+?)\s*[)）】\]]$")
SIGNER_RE = re.compile(r"\s*签发人[:：].*$")

GENRES = (
    ("实施意见", "意见"), ("指导意见", "意见"), ("会议纪要", "纪要"), ("通知", "通知"), ("意见", "意见"),
    ("决定", "决定"), ("决议", "决议"), ("命令", "命令"), ("公报", "公报"), ("公告", "公告"),
    ("通告", "通告"), ("通报", "通报"), ("报告", "报告"), ("请示", "请示"), ("批复", "批复"),
    ("议案", "议案"), ("函", "函"), ("纪要", "纪要"), ("办法", "办法"), ("方案", "方案"),
    ("规定", "规定"), ("细则", "细则"), ("规则", "规则"), ("规划", "规划"), ("计划", "计划"),
    ("要点", "要点"), ("条例", "条例"), ("规范", "规范"), ("指南", "指南"), ("制度", "制度"),
)  # fmt: skip
_TRAILING_PAREN_RE = re.compile(r"[（(][^（()）]{1,12}[)）]$")

SECRECY_RE = re.compile(r"^(?P<level>绝密|机密|秘密)(?:\s*★\s*(?P<term>\S{0,8}))?$")
URGENCY = ("特急", "加急", "特提", "平急")
NOTE_RE = re.compile(r"^[（(](?P<inner>此件[^（()）]{1,20})[)）]$")
ORG_SUFFIX_RE = re.compile(
    r"(政府|办公厅|办公室|部门|机构|单位|委员会|管委会|办事处|委|厅|局|办|处|院|部|署|行|会|所|站|中心|公司"
    r"|区|县|市|省|镇|乡|街道|学校|党委|党组|组|社|团|队|馆)$"
)
_ENUMERATION_RE = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]")
_BANNER_RE = re.compile(r"网站|门户|首页|欢迎|频道|栏目|网$")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_GARBLED_DATE_RE = re.compile(r"^[{}|\[\]<>]?\s*(?:19|20)\d{2}[\d年月日\s]{1,8}$")


def genre_of(title: str) -> str | None:
    title = _TRAILING_PAREN_RE.sub("", title.strip())
    for suffix, genre in GENRES:
        if title.endswith(suffix):
            return genre
    return None


def doc_number_text(line: str) -> str:
    """The 文号 line without a 签发人 beside it or brackets around it."""
    line = SIGNER_RE.sub("", line.strip())
    wrapped = _WRAPPED_RE.match(line)
    if wrapped and DOC_NUMBER_LINE_RE.match(wrapped["inner"]):
        return wrapped["inner"]
    return line


def is_doc_number(line: str) -> bool:
    line = doc_number_text(line)
    return bool(DOC_NUMBER_LINE_RE.match(line) or GARBLED_DOC_NUMBER_RE.match(line))


def is_secrecy(line: str) -> bool:
    return bool(SECRECY_RE.match(line.strip()))


def header_marks(line: str) -> list[str]:
    """Secrecy and urgency marks standing alone on a header line (机密★1年　特急)."""
    tokens = line.split()
    if tokens and all(SECRECY_RE.match(t) or t in URGENCY for t in tokens):
        return tokens
    return []


def is_note(line: str) -> bool:
    return bool(NOTE_RE.match(line.strip()))


def is_date_line(line: str) -> bool:
    """The 成文日期 line: dates only (several for joint documents), or signer and date run together."""
    line = line.strip()
    rest = ISO_RE.sub("", DATE_RE.sub("", line)).strip()
    return bool(line) and rest != line and (not rest or is_signature(rest))


def organs_on_date_line(line: str) -> list[str]:
    """Signers printed on the date line itself, as web copies often flatten the signature block."""
    rest = ISO_RE.sub("", DATE_RE.sub("", line.strip())).strip()
    return split_organs(rest) if rest and is_signature(rest) else []


def is_garbled_date_line(line: str) -> bool:
    line = line.strip()
    return bool(_GARBLED_DATE_RE.match(line)) and not is_date_line(line)


def is_signature(line: str) -> bool:
    line = line.strip()
    parts = split_organs(line)
    return (
        bool(parts)
        and len(line) <= 60
        and all(ORG_SUFFIX_RE.search(p) and not re.search(r"[。，；：:,;]", p) for p in parts)
    )


def split_organs(line: str) -> list[str]:
    """Joint issuers stand side by side, separated by wide spaces or 、."""
    return [p for p in re.split(r"[\s\u3000、]+", line.strip()) if p]


def is_banner(line: str) -> bool:
    """发文机关标志 (XX人民政府文件) or a site banner: above the title, never part of it."""
    line = line.strip()
    if genre_of(line):
        return False  # 关于印发《省政府公众信息网站……办法》的通知 is a title that mentions a website
    return (line.endswith("文件") and len(line) <= 30) or bool(_BANNER_RE.search(line))


def is_title_like(line: str) -> bool:
    line = line.strip()
    return (
        2 <= len(line) <= 80
        and len(_CJK_RE.findall(line)) >= 2
        and not re.search(r"[。；;]", line)
        and not line.endswith(("：", ":"))
        and not line.startswith("附件")
        and not _ENUMERATION_RE.match(line)
        and not (is_doc_number(line) or is_date_line(line) or is_note(line) or header_marks(line))
    )


def is_addressee(line: str) -> bool:
    """主送机关: a list of organs ending with a colon, before the body."""
    line = line.strip()
    if not line.endswith(("：", ":")) or len(line) > 150 or line.startswith("附件"):
        return False
    body = line[:-1].strip()
    if re.search(r"[。；;]|如下|同意", body) or not body:
        return False
    return body.startswith("各") or bool(ORG_SUFFIX_RE.search(body))
