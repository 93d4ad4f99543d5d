"""The signed link, sent by SMS with a reply, that lets the writer rate it without the receipt code.

The token names the message and the round it rates, is signed with the site's secret
(django.core.signing, its own salt) and expires after GONGKAI_MESSAGE_RATING_LINK_DAYS; a tampered,
expired or superseded link (the case was reopened since) opens nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "gongkai.interaction.rating-link"


def rating_token(message) -> str:
    return signing.dumps({"m": message.pk, "r": message.round}, salt=SALT, compress=True)


def read_rating_token(token: str) -> tuple[int, int] | str:
    """(message id, round), or the Chinese reason the link cannot be used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.GONGKAI_MESSAGE_RATING_LINK_DAYS * 86400)
    except signing.SignatureExpired:
        return f"评价链接已过期（有效期{settings.GONGKAI_MESSAGE_RATING_LINK_DAYS}天），请凭查询码和联系电话后四位在“留言查询”中评价。"
    except signing.BadSignature:
        return "评价链接无效，请核对短信中的链接，或凭查询码和联系电话后四位在“留言查询”中评价。"
    if not isinstance(data, dict) or not isinstance(data.get("m"), int) or not isinstance(data.get("r"), int):
        return "评价链接无效，请核对短信中的链接，或凭查询码和联系电话后四位在“留言查询”中评价。"
    return data["m"], data["r"]


def rating_url(message) -> str:
    """The absolute link for the SMS (the site's public address from GONGKAI_PUBLIC_URL)."""
    path = reverse("interaction:rate_link", args=[rating_token(message)])
    return settings.GONGKAI_PUBLIC_URL.rstrip("/") + path
