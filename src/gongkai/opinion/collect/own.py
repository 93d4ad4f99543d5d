"""The own-domain sources: gongkai's messages, consultation comments and interview questions, read
through each app's public query `opinion_items(after_pk, limit)` (never their models). The cursor is
the last id read, so each run reads only what is new."""

from __future__ import annotations

from importlib import import_module

from gongkai.newmedia.adapters import SourceError

from ..models import OwnChannel
from ..normalise import RawPost

READERS = {
    OwnChannel.MESSAGES: "gongkai.interaction.queries",
    OwnChannel.CONSULTATION: "gongkai.consultation.queries",
    OwnChannel.INTERVIEWS: "gongkai.interviews.queries",
}
PREFIX = {OwnChannel.MESSAGES: "msg", OwnChannel.CONSULTATION: "comment", OwnChannel.INTERVIEWS: "question"}
LIMIT = 2000


def read_own(channel: str, cursor: str) -> tuple[list[RawPost], str]:
    if channel not in READERS:
        raise SourceError("未指定读取本系统的哪个栏目")
    after = int(cursor) if cursor.isdigit() else 0
    items = import_module(READERS[channel]).opinion_items(after, LIMIT)
    posts = [
        RawPost(
            published_at=item["published_at"],
            title=item["title"],
            body=item["body"],
            external_id=f"{PREFIX[channel]}:{item['id']}",
        )
        for item in items
    ]
    return posts, str(items[-1]["id"]) if items else cursor
