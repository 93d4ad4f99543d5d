"""E-mail leaves through the background worker, after the transaction that caused it commits.

A slow or unreachable mail server then never holds up a citizen's submission or a clerk's action,
and a failed send is kept as a failed task result (django-tasks-db) instead of being lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, None, recipients, fail_silently=False)


def queue_mail(subject: str, body: str, recipients: Sequence[str]) -> None:
    """Send after commit, through the task queue; nothing is sent if the transaction rolls back."""
    to = [r for r in recipients if r]
    if to:
        transaction.on_commit(lambda: send_email.enqueue(subject, body, to))
