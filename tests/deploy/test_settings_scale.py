"""Settings for more than one app server: Redis for cache and sessions, shared media, optional S3."""

import json
import os
import subprocess
import sys

SHOW = (
    "import json, gongkai.settings as s; print(json.dumps({'session': getattr(s, 'SESSION_ENGINE', ''),"
    " 'cache': s.CACHES['default'], 'counters': s.CACHES['counters']['BACKEND'], 'media': str(s.MEDIA_ROOT),"
    " 'storage': s.STORAGES['default']['BACKEND']}))"
)


def settings_with(env_extra: dict) -> subprocess.CompletedProcess:
    skip = ("GONGKAI_", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, timeout=60)


def test_with_redis_the_cache_sessions_and_counters_are_shared():
    result = settings_with({"REDIS_URL": "redis://127.0.0.1:6379/3", "GONGKAI_CACHE_PREFIX": "gk-a"})
    shown = json.loads(result.stdout)
    assert shown["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        "KEY_PREFIX": "gk-a",
    }
    assert shown["counters"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["session"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_sessions_stay_in_the_database_alone():
    shown = json.loads(settings_with({}).stdout)
    assert shown["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["counters"] == "django.core.cache.backends.db.DatabaseCache"
    assert shown["session"] == ""  # Django's default: django.contrib.sessions.backends.db


def test_a_redis_url_that_is_not_one_names_the_variable():
    result = settings_with({"REDIS_URL": "127.0.0.1:6379"})
    assert result.returncode != 0
    assert "REDIS_URL must be a redis://, rediss:// or unix:// URL" in result.stderr


def test_shared_media_root(tmp_path):
    shown = json.loads(settings_with({"GONGKAI_MEDIA_ROOT": str(tmp_path / "nfs" / "media")}).stdout)
    assert shown["media"] == str(tmp_path / "nfs" / "media")
    assert shown["storage"] == "django.core.files.storage.FileSystemStorage"


def test_the_object_store_needs_the_s3_extra():
    try:
        import storages  # noqa: F401
    except ImportError:
        result = settings_with({"GONGKAI_S3_BUCKET": "gongkai-files"})
        assert result.returncode != 0
        assert 'GONGKAI_S3_BUCKET needs django-storages: pip install "gongkai[s3]"' in result.stderr
    else:
        shown = json.loads(settings_with({"GONGKAI_S3_BUCKET": "gongkai-files"}).stdout)
        assert shown["storage"] == "storages.backends.s3.S3Storage"
