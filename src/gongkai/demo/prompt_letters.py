"""The demo's routing keywords and one prompt letter (民意诉求反馈提示函) with the agency's feedback.

`build_prompt_letter()` is called by `gongkai demo` (after the mailboxes and the demo messages).
It gives the county office's routing keywords, then — through the real actions — makes sure one
concentration exists (five complaints about heating in 幸福小区 to 县住建局, each with the writer's
name, phone and address, which the public pages must mask), lets the daily job draft the letter,
and has the office issue it, 县住建局 answer it and the office publish both. Idempotent: run again,
it returns the published letter and adds nothing.
"""

from __future__ import annotations

from gongkai.agencies.models import Agency, Staff
from gongkai.interaction import actions
from gongkai.interaction.actions import letters as letter_actions
from gongkai.interaction.models import LetterState, Mailbox, PromptLetter, RoutingKeyword

# The county office's keywords: what points a message to which department (agency key → words).
KEYWORDS = {
    "zjj": ["供暖", "暖气", "物业", "燃气", "房屋", "小区"],
    "czj": ["补贴", "财政", "预算"],
    "jyj": ["学校", "入学", "学位", "幼儿园"],
    "sthjj": ["污染", "噪音", "异味", "排污"],
    "scjgj": ["食品", "价格", "假冒"],
    "wjj": ["医院", "医保", "疫苗"],
    "yjglj": ["安全隐患", "消防"],
}
SHORT_NAMES = {
    "xzfb": "县政府办",
    "zjj": "县住建局",
    "czj": "县财政局",
    "jyj": "县教育局",
    "sthjj": "县生态环境局",
    "scjgj": "县市场监管局",
    "wjj": "县卫健局",
    "yjglj": "县应急局",
}
HEATING = [
    (
        "周建国",
        "13937110001",
        "我叫周建国，家住幸福小区3号楼2单元401室。今年入冬以来小区暖气一直不热，室温只有十二度，老人孩子都冻病了，请住建局督促供热公司尽快解决。",
    ),
    (
        "吴秀英",
        "13937110002",
        "幸福小区今年冬天暖气一直不热，室温只有十三度，家里老人孩子都冻感冒了，请住建局督促供热公司尽快解决。电话13937110002。",
    ),
    (
        "郑华",
        "13937110003",
        "县长您好：幸福小区今年入冬以来暖气一直不热，室温只有十二度，老人孩子都冻病了，恳请督促供热公司尽快解决！",
    ),
    (
        "王平",
        "13937110004",
        "我是幸福小区5号楼的业主王平，小区暖气一直不热，室温只有十二度，老人孩子都冻病了，请尽快解决供热问题。",
    ),
    (
        "冯桂英",
        "13937110005",
        "幸福小区入冬以来暖气一直不热，室温只有十二度左右，老人孩子都冻病了，希望住建局督促供热公司尽快解决。",
    ),
]
FEEDBACK = (
    "收到提示函后，我局立即组织县供热公司对幸福小区供热管网进行排查，查明小区二次管网老化、"
    "换热站循环泵功率不足是室温偏低的主要原因。目前已更换循环泵两台、清洗管网，小区室温已恢复到"
    "18℃以上。下一步，我局将把幸福小区二次管网改造列入明年老旧小区改造计划，并建立供热投诉"
    "日报告制度，对室温不达标的住户逐户回访。"
)


def _agencies() -> dict[str, Agency]:
    by_short = {a.short_name: a for a in Agency.objects.filter(short_name__in=SHORT_NAMES.values())}
    return {key: by_short[name] for key, name in SHORT_NAMES.items() if name in by_short}


def build_keywords() -> int:
    """The office's routing keywords (only those missing); how many were added."""
    agencies = _agencies()
    clerk = Staff.objects.get(username="xzfb_clerk")
    have = set(RoutingKeyword.objects.filter(office=clerk.agency).values_list("agency_id", "word"))
    added = 0
    for key, words in KEYWORDS.items():
        for word in words:
            if key in agencies and (agencies[key].pk, word) not in have:
                letter_actions.add_routing_keyword(clerk, agency=agencies[key], word=word)
                added += 1
    return added


def build_prompt_letter() -> PromptLetter:
    """The published prompt letter of the demo, with 县住建局's feedback (made once)."""
    agencies = _agencies()
    housing = agencies["zjj"]
    letter = PromptLetter.objects.filter(agency=housing, state=LetterState.PUBLISHED).first()
    if letter is not None:
        return letter
    build_keywords()
    office_clerk = Staff.objects.get(username="xzfb_clerk")
    housing_clerk = Staff.objects.get(username="zjj_clerk")
    letter = PromptLetter.objects.filter(agency=housing).exclude(state=LetterState.DISMISSED).first()
    if letter is None:
        box = Mailbox.objects.get(agency__short_name="县政府", kind="leader")
        for i, (name, phone, body) in enumerate(HEATING):
            message, _created = actions.submit_message(
                mailbox=box,
                kind="complaint",
                subject="幸福小区暖气不热",
                body=body,
                writer_name=name,
                writer_phone=phone,
                public_consent=True,
                idempotency_key=f"demo-prompt-letter-{i}",
            )
            if message.state == "received":
                actions.dispatch_message(office_clerk, message, lead_agency=housing)
        letter_actions.detect_prompt_letters()
        letter = PromptLetter.objects.get(agency=housing, state=LetterState.DRAFT)
    if letter.state == LetterState.DRAFT:
        letter = letter_actions.issue_prompt_letter(
            office_clerk, letter, title=letter.title, body=letter.body
        )
    if letter.state == LetterState.ISSUED:
        letter = letter_actions.record_letter_feedback(housing_clerk, letter, text=FEEDBACK)
    if letter.state == LetterState.ANSWERED:
        letter = letter_actions.publish_prompt_letter(office_clerk, letter)
    return letter
