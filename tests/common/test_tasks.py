"""Mail is queued in the database after commit and sent by `gongkai worker`."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from gongkai.common.mail import queue_mail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_mail_waits_in_the_queue_until_the_worker_runs(database_queue):
    with transaction.atomic():
        queue_mail("期限提醒", "请及时答复。", ["liming@example.gov.cn", ""])
    assert mail.outbox == [] and DBTaskResult.objects.count() == 1
    call_command("worker", "--batch", "--no-startup-delay")
    assert [m.to for m in mail.outbox] == [["liming@example.gov.cn"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_nothing_is_queued_when_the_transaction_rolls_back(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail("期限提醒", "正文", ["liming@example.gov.cn"])
        raise RuntimeError
    assert DBTaskResult.objects.count() == 0
