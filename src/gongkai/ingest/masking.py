"""Mask the personal data in a citizen's message and its reply before they are shown publicly.

Pure: no Django. `mask_text(text, known_names=())` returns the text with names, mobile and landline
phones, resident ID numbers, bank cards, e-mail addresses, house numbers of addresses and vehicle
plates masked. It reuses the detectors of `screening` (ID numbers with their check digit, bank cards
with Luhn, mobiles, e-mails) and adds those a message needs and an official document does not:
landlines (an agency's document publishes its own), plates, addresses, names, and — because a
public page must err on the side of masking — any long run of digits the strict detectors did not
accept (a mistyped ID or card number still identifies its owner).

The output is stable: the same text gives the same masked text, and masking a masked text changes
nothing, so a reply can be masked again whenever it is edited. Masking keeps the sentence readable
(张三 → 张某, 13812345678 → 138****5678, 幸福路12号3栋 → 幸福路X号X栋), so that the public still
sees what the message is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.ingest.screening import Finding, redact, screen

# The personal-data kinds of `screening` that masking takes over (not secrecy marks or forbidden
# words: those are the publisher's concern, not the writer's privacy).
_SCREENING_KINDS = frozenset({"resident_id", "bank_card", "mobile", "email"})
# Earlier kinds win where spans overlap.
PRIORITY = (
    "resident_id",
    "bank_card",
    "mobile",
    "email",
    "landline",
    "plate",
    "long_number",
    "address",
    "name",
)

# The common surnames (the first few hundred of 百家姓 by frequency) and the compound ones. A name
# detected after a cue must start with one of them, which keeps "我是本村村民" from being a name.
COMPOUND_SURNAMES = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 澹台 "
    "呼延 万俟 闻人 赫连 申屠 太史 钟离 濮阳 淳于 单于 公冶 百里 东郭 第五"
).split()
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿"
    "鲜印逯隆茹诸战慕危玉银亢嵩帖蔚冶归"
)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_SURNAME_RE = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])"
# A name follows one of these cues. After a strong cue (姓名：张三, 我叫张三, 联系人张三) what follows
# is a name; after a weak one (我是, 本人) only if the name is then closed by punctuation or by the
# words a writer goes on with (我是张三，… / 本人李四家住…), so that 我是本村村民 is no name.
_STRONG_CUE = (
    r"(?:姓名|名字|联系人|反映人|来信人|留言人|投诉人|举报人|求助人|当事人|署名|签名|户主|业主|家属)"
    r"\s*(?:是|为|叫)?\s*[:：]?\s*"
    r"|(?:我叫|我名叫|本人叫|名叫|我的名字是|我的名字叫|本人姓名)\s*[:：]?\s*"
)
_WEAK_CUE = r"(?:我是|本人是|本人)\s*"
_NAME_RE = re.compile(rf"(?:(?P<strong>{_STRONG_CUE})|{_WEAK_CUE})(?P<name>{_SURNAME_RE}[{_HAN}]{{1,2}})")
_CLOSES_NAME = re.compile(
    r"[\s\d，。、；：:,.;!！?？（(）)\"“”'‘’]|$|家住|住在|现住|居住|电话|手机|联系|身份证|今年|年龄|性别"
)
_MAY_FOLLOW_NAME = re.compile(r"男|女|是|在|的|反映|向|来|从|于|想|要|因|请|家")
# 张先生 / 李女士 are how a reply addresses the writer without naming them: left alone. A name does
# not end in the character of a place or an organisation (王庄村, 李家湾).
_POLITE = re.compile(r"^[先女老师阿大叔姐哥同局长主科处书记总经]")
_NOT_NAME_END = frozenset("村镇乡县市区街路巷局厂店院校队组所站社会委楼湾庄屯沟坡岭河桥园场部科处办")

_LANDLINE_RE = re.compile(
    r"(?<![\d*])(?P<area>[(（]?0\d{2,3}[)）]?)[-－—\s]?(?P<number>[2-9]\d{2,3}[-－\s]?\d{4})(?P<ext>(?:[-－转]\d{1,5})?)(?![\d*])"
)
# A local number without its area code counts only after a cue (电话：6688123).
_LOCAL_PHONE_RE = re.compile(
    r"(?:电话|座机|固话|联系方式|号码|tel|Tel|TEL)\s*[:：]?\s*(?P<number>[2-9]\d{2,3}[-－\s]?\d{4})(?![\d*])"
)
_PLATE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<province>[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])"
    r"(?P<letter>[A-HJ-NP-Za-hj-np-z])[·•.\s]?(?P<tail>[A-HJ-NP-Za-hj-np-z0-9]{5,6})(?![A-Za-z0-9])"
)
_LONG_NUMBER_RE = re.compile(r"(?<![\d*])\d[\d\s-]{10,}\d(?![\d*])")
# House numbers: 12号, 3栋, 2单元, 501室, 5组 … after a road, estate or village name (or after
# another house number), so that 3月12号 and 〔2026〕3号 stay as they are.
_UNIT = r"(?:[\d０-９]+|[一二三四五六七八九十百零〇两]+|[A-Za-z][\d]*)\s*(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|户|组|排)"
_PLACE_SUFFIX = (
    r"(?:大道|路|街|巷|弄|胡同|道|小区|花园|家园|公寓|大厦|广场|苑|园|庭|府|村|屯|庄|社区|居委会|新村|城)"
)
_ADDRESS_RE = re.compile(rf"{_PLACE_SUFFIX}(?P<units>(?:{_UNIT}\s*)+)")
_HOUSE_NUMBER = re.compile(r"[\d０-９]+|[一二三四五六七八九十百零〇两]+|[A-Za-z]\d*")


def mask_text(text: str, known_names: Iterable[str] = (), *, keep: Iterable[str] = ()) -> str:
    """`text` with its personal data masked (see the module's docstring).

    `known_names`: names to mask wherever they occur (the writer's own, the operator's entry of
    the caller). `keep`: strings never masked — an agency's own published phone number in its reply.
    """
    if not text:
        return text or ""
    return redact(text, find_personal_data(text, known_names, keep=keep))


def find_personal_data(
    text: str, known_names: Iterable[str] = (), *, keep: Iterable[str] = ()
) -> list[Finding]:
    """The personal data of `text` with the masked form of each, without overlaps, in order."""
    found = [f for f in screen(text) if f.kind in _SCREENING_KINDS]
    found += [*_landlines(text), *_plates(text), *_long_numbers(text), *_addresses(text)]
    found += _names(text, known_names)
    kept_spans = [
        (m.start(), m.end()) for word in set(keep) if word for m in re.finditer(re.escape(word), text)
    ]
    # A finding that masks nothing (X号 of a masked address) is not personal data.
    found = [
        f
        for f in found
        if f.text != f.suggestion and not any(s <= f.start and f.end <= e for s, e in kept_spans)
    ]
    return _without_overlaps(found)


def mask_name(name: str) -> str:
    """张三 → 张某, 王小明 → 王某某, 欧阳娜娜 → 欧阳某某."""
    name = name.strip()
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[:1])
    return surname + "某" * max(1, len(name) - len(surname))


def _names(text: str, known_names: Iterable[str]) -> list[Finding]:
    names = {n.strip() for n in known_names if n and len(n.strip()) >= 2}
    for match in _NAME_RE.finditer(text):
        name = _name_at(text, match)
        if name:
            names.add(name)
    found = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            found.append(Finding("name", name, match.start(), match.end(), mask_name(name)))
    return found


def _name_at(text: str, match: re.Match[str]) -> str | None:
    """The name a cue introduces: the longest candidate that is closed the way a name is."""
    start, candidate = match.start("name"), match["name"]
    surname_len = next((len(s) for s in COMPOUND_SURNAMES if candidate.startswith(s)), 1)
    if _POLITE.match(candidate[surname_len:]) or "某" in candidate:
        return None  # 张先生, 李女士, 王某: not a name to mask
    strong = match["strong"] is not None
    for length in range(len(candidate), surname_len, -1):
        name = candidate[:length]
        if name[-1] in _NOT_NAME_END:
            continue
        if _CLOSES_NAME.match(text, start + length) or (
            strong and _MAY_FOLLOW_NAME.match(text, start + length)
        ):
            return name
    if strong and candidate[-1] not in _NOT_NAME_END:
        return candidate  # 姓名：王小明今年… with no boundary: mask all three characters, to be safe
    return None


def _landlines(text: str) -> Iterable[Finding]:
    for match in _LANDLINE_RE.finditer(text):
        area, number = match["area"], match["number"]
        masked = area + text[match.end("area") : match.start("number")] + "****" + number[-4:]
        yield Finding("landline", match.group(), match.start(), match.end(), masked + match["ext"])
    for match in _LOCAL_PHONE_RE.finditer(text):
        start, end = match.span("number")
        yield Finding("landline", match["number"], start, end, "****" + match["number"][-4:])


def _plates(text: str) -> Iterable[Finding]:
    for match in _PLATE_RE.finditer(text):
        tail = match["tail"]
        if not any(c.isdigit() for c in tail):
            continue  # 京A and an English word: not a plate
        masked = match["province"] + match["letter"].upper() + "*" * (len(tail) - 1) + tail[-1].upper()
        yield Finding("plate", match.group(), match.start(), match.end(), masked)


def _long_numbers(text: str) -> Iterable[Finding]:
    for match in _LONG_NUMBER_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= 12:
            yield Finding(
                "long_number",
                match.group(),
                match.start(),
                match.end(),
                digits[:3] + "*" * (len(digits) - 7) + digits[-4:],
            )


def _addresses(text: str) -> Iterable[Finding]:
    for match in _ADDRESS_RE.finditer(text):
        units = match["units"].rstrip()
        start = match.start("units")
        yield Finding("address", units, start, start + len(units), _HOUSE_NUMBER.sub("X", units))


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    ranked = sorted(found, key=lambda f: (PRIORITY.index(f.kind), -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)
