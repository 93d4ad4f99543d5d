"""Messages built through the real actions, for tests outside this folder (the scope registry)."""

from __future__ import annotations

from gongkai.agencies.actions import create_staff
from gongkai.agencies.models import Role, Staff
from gongkai.interaction import actions
from gongkai.interaction.models import Mailbox, Message
from tests.conftest import PASSWORD


def office_clerk(county) -> Staff:
    existing = Staff.objects.filter(username="zhoumin").first()
    return existing or create_staff(
        None,
        username="zhoumin",
        password=PASSWORD,
        agency=county.office,
        full_name="周敏",
        roles=[Role.CLERK],
    )


def finance_message(county) -> Message:
    """A message to 县长信箱 (written by 张三), dispatched by 县政府办公室 to 县财政局; made once per test."""
    existing = Message.objects.filter(subject="财政补贴发放咨询").first()
    if existing:
        return existing
    actions.ensure_mailboxes(None, county.government)
    message, _ = actions.submit_message(
        mailbox=Mailbox.objects.get(agency=county.government),
        idempotency_key="scope-finance",
        kind="inquiry",
        subject="财政补贴发放咨询",
        body="请问今年的种粮补贴何时发放？",
        writer_name="张三",
        writer_phone="13812345678",
        public_consent=True,
    )
    return actions.dispatch_message(office_clerk(county), message, lead_agency=county.finance)


# Prompt letters (mtext): near-duplicate complaints about 种粮补贴, all led by 县财政局.
SUBSIDY = [
    "我是城关镇农民，今年的种粮补贴到现在还没有发放到卡上，去年这个时候早就发了，请财政局尽快发放。",
    "城关镇今年的种粮补贴到现在还没有发放到卡上，去年这个时候早就发了，希望财政局尽快发放。",
    "请问今年的种粮补贴到现在还没有发放到卡上，去年这个时候早就发了，请财政局尽快发放，谢谢。",
    "东关村村民反映：今年的种粮补贴到现在还没有发放到卡上，去年这个时候早就发了，请尽快发放。",
    "今年的种粮补贴到现在还没有发放到卡上，去年这个时候早就发了，请财政局尽快发放！我叫王小明。",
    "今年的种粮补贴到现在还没有发放到卡上，去年这个时候早就发了，请财政局尽快发放，家里等着用钱。",
]


def finance_letter(county, *, issued: bool = False):
    """A prompt letter of 县政府办公室 to 县财政局 on five near-duplicate messages; made once per test."""
    from gongkai.interaction.actions import letters
    from gongkai.interaction.models import PromptLetter

    letter = PromptLetter.objects.filter(agency=county.finance).first()
    if letter is None:
        actions.ensure_mailboxes(None, county.government)
        box = Mailbox.objects.get(agency=county.government)
        for i, body in enumerate(SUBSIDY[:5]):
            message, _ = actions.submit_message(
                mailbox=box,
                idempotency_key=f"scope-letter-{i}",
                kind="complaint",
                subject="种粮补贴未发放",
                body=body,
                writer_name="张三",
                writer_phone="13812345678",
                public_consent=True,
            )
            actions.dispatch_message(office_clerk(county), message, lead_agency=county.finance)
        letters.detect_prompt_letters()
        letter = PromptLetter.objects.get(agency=county.finance)
    if issued and not letter.number:
        letter = letters.issue_prompt_letter(
            office_clerk(county), letter, title=letter.title, body=letter.body
        )
    return letter


def finance_keyword(county):
    """A routing keyword of 县政府办公室 for 县财政局."""
    from gongkai.interaction.actions.letters import add_routing_keyword
    from gongkai.interaction.models import RoutingKeyword

    existing = RoutingKeyword.objects.filter(agency=county.finance, word="种粮补贴").first()
    return existing or add_routing_keyword(office_clerk(county), agency=county.finance, word="种粮补贴")
