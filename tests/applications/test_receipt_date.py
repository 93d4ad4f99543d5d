"""The day an application counts as received, per channel (条例第三十一条)."""

from datetime import date

import pytest

from gongkai.applications.receipt import RECEIPT_RULE, Channel, ReceiptDateError, receipt_date

SUBMITTED, SIGNED, CONFIRMED = date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 5)
ALL = {"submitted_on": SUBMITTED, "signed_on": SIGNED, "confirmed_on": CONFIRMED}

# channel, the date the law takes, the words the error must name
CASES = [
    (Channel.IN_PERSON, SUBMITTED, "submitted_on", "提交之日"),
    (Channel.ORAL, SUBMITTED, "submitted_on", "代为填写之日"),
    (Channel.REGISTERED_MAIL, SIGNED, "signed_on", "签收之日"),
    (Channel.ORDINARY_MAIL, CONFIRMED, "confirmed_on", "与申请人确认之日"),
    (Channel.ONLINE, CONFIRMED, "confirmed_on", "双方确认之日"),
    (Channel.FAX, CONFIRMED, "confirmed_on", "双方确认之日"),
    (Channel.EMAIL, CONFIRMED, "confirmed_on", "双方确认之日"),
]


@pytest.mark.parametrize(("channel", "expected", "_field", "_name"), CASES)
def test_the_law_picks_one_date_per_channel(channel, expected, _field, _name):
    assert receipt_date(channel, **ALL) == expected


@pytest.mark.parametrize(("channel", "_expected", "field", "name"), CASES)
def test_missing_date_is_named(channel, _expected, field, name):
    others = {k: v for k, v in ALL.items() if k != field}
    with pytest.raises(ReceiptDateError, match=name):
        receipt_date(channel, **others)


def test_channel_given_as_stored_string():
    assert receipt_date("registered_mail", signed_on=SIGNED) == SIGNED


def test_unknown_channel_is_refused():
    with pytest.raises(ValueError):
        receipt_date("pigeon", submitted_on=SUBMITTED)


def test_every_channel_has_a_rule_citing_article_31():
    assert set(RECEIPT_RULE) == set(Channel)
    assert all("第三十一条" in RECEIPT_RULE[c] for c in Channel)
    assert Channel.REGISTERED_MAIL.label == "邮政挂号/EMS"
