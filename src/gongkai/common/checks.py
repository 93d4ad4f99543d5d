"""`gongkai check --deploy`: what a production installation must have beyond valid settings."""

from __future__ import annotations

import os

from django.conf import settings
from django.core import checks


def _secrets(value: str) -> set[str]:
    return {part.strip() for part in value.split(",") if part.strip()}


def shared_counters(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.REDIS_URL:
        return []
    return [
        checks.Warning(
            "未设置 REDIS_URL：限流与登录计数存于数据库缓存表，其它缓存在每个进程内各有一份。",
            hint="运行多个 worker（gunicorn -w 大于 1）或多台服务器时必须配置 REDIS_URL。",
            id="gongkai.W001",
        )
    ]


def trusted_proxies(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.DEBUG or settings.GONGKAI_TRUSTED_PROXIES:
        return []
    return [
        checks.Warning(
            "未设置 GONGKAI_TRUSTED_PROXIES：在反向代理（nginx）之后，所有访问者的地址都是代理的地址，"
            "查询限流和登录锁定会把所有人算作同一个人。",
            hint="设为代理服务器的地址（如 127.0.0.1），代理须设置 X-Forwarded-For；不经代理直接对外时忽略本条。",
            id="gongkai.W002",
        )
    ]


def audit_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    others = _secrets(settings.GONGKAI_DATA_KEY) | {settings.SECRET_KEY}
    if _secrets(settings.GONGKAI_AUDIT_KEY) & others:
        errors.append(
            checks.Error(
                "GONGKAI_AUDIT_KEY 与 GONGKAI_DATA_KEY 或 GONGKAI_SECRET_KEY 相同。",
                hint="审计链密钥应单独生成（openssl rand -base64 32）并单独保管。",
                id="gongkai.E001",
            )
        )
    folder = settings.GONGKAI_AUDIT_CHECKPOINT_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        writable = os.access(folder, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        errors.append(
            checks.Error(
                f"审计检查点目录 {folder} 无法写入。",
                hint="设置 GONGKAI_AUDIT_CHECKPOINT_DIR，最好是挂载自另一台服务器的目录。",
                id="gongkai.E002",
            )
        )
    return errors


def register() -> None:
    for check in (shared_counters, trusted_proxies, audit_key):
        checks.register(check, checks.Tags.security, deploy=True)
