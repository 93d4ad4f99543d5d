"""Every write of 政务新媒体: accounts (registry and review), posts (the update watch) and releases."""

from .accounts import (
    approve_account,
    close_account,
    merge_account,
    register_account,
    reject_account,
    update_account,
)
from .posts import fetch_account_feed, import_posts, record_post, refresh_watch, run_watch
from .release import deliver_item, mark_posted, release_to_channels, retry_item, run_outbox

__all__ = [
    "approve_account",
    "close_account",
    "deliver_item",
    "fetch_account_feed",
    "import_posts",
    "mark_posted",
    "merge_account",
    "record_post",
    "refresh_watch",
    "register_account",
    "reject_account",
    "release_to_channels",
    "retry_item",
    "run_outbox",
    "run_watch",
    "update_account",
]
