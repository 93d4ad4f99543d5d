"""Documents of 县财政局 built through the real actions, for the publishing tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from gongkai.agencies.models import Staff
from gongkai.publishing import actions
from gongkai.publishing.models import Document

BODY = "<p>为进一步做好财政资金信息公开工作，现将有关事项通知如下。</p><p>一、各单位要按时公开预算。</p>"


@dataclass
class Team:
    clerk: Staff  # 李明 drafts and takes 初审
    reviewer: Staff  # 王芳 审核
    signer: Staff  # 张伟 审发
    secrecy: Staff  # 孙丽 保密审查


@pytest.fixture
def team(li_ming, wang_fang, zhang_wei, sun_li) -> Team:
    return Team(li_ming, wang_fang, zhang_wei, sun_li)


def draft(clerk: Staff, **fields) -> Document:
    fields.setdefault("title", "示范县财政局关于做好预算公开工作的通知")
    fields.setdefault("body", BODY)
    return actions.create_document(clerk, **fields)


def normative(clerk: Staff, **fields) -> Document:
    """A 行政规范性文件 with what 审发 requires of one: 文号 and 成文日期."""
    fields.setdefault("doc_number", "示财发〔2026〕7号")
    fields.setdefault("written_on", dt.date(2026, 11, 2))
    fields.setdefault("made_on", fields["written_on"])
    return draft(clerk, is_normative=True, **fields)


def review_all(doc: Document, team: Team, *, waiver: str = "") -> Document:
    """Submit and pass 初审, 审核, 审发 (the signer giving `waiver` if asked) and 保密审查: the
    document ends 待发布."""
    doc = actions.submit_document(team.clerk, doc)
    for person in (team.clerk, team.reviewer, team.signer, team.secrecy):
        extra = (
            {"interpretation_waiver": waiver} if person == team.signer and isinstance(doc, Document) else {}
        )
        doc = actions.approve_step(person, doc, comment="同意", **extra)
    return doc


def published(team: Team, **fields) -> Document:
    doc = review_all(draft(team.clerk, **fields), team)
    return actions.publish_document(team.clerk, doc)
