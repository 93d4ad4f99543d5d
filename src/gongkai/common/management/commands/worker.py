"""`gongkai worker`: runs background tasks queued through Django's tasks API (django-tasks-db).

No broker is needed: tasks wait in the database. Run one worker process beside the web server
(systemd unit in the README). Options are those of django-tasks-db's `db_worker`.
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "运行后台任务进程（从数据库队列领取任务执行）"
