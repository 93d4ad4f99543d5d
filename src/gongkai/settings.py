"""gongkai settings, read from the environment (see README, "Configuration").

With nothing set, a fresh clone runs on SQLite under var/ in debug mode. Production sets
GONGKAI_DEBUG=0, GONGKAI_SECRET_KEY, GONGKAI_ALLOWED_HOSTS, DATABASE_URL and GONGKAI_DATA_KEY;
`gongkai check --deploy` then passes. A malformed value stops the start with a message naming
the variable.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("GONGKAI_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0/true/false, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("GONGKAI_DEBUG", True)
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be set when GONGKAI_DEBUG=0")
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_prose_editor",  # the body editor's static files (ProseMirror), served by the app
    "gongkai.common",
    "gongkai.agencies",
    "gongkai.audit",
    "gongkai.workdays",
    "gongkai.portal",
    "gongkai.workbench",
    "gongkai.applications",
    "gongkai.publishing",
    "gongkai.demo",
    "gongkai.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context.site",
                "gongkai.common.context.menus",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except Exception as exc:  # dj_database_url raises several kinds
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    if DATABASES["default"]["ENGINE"] not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured("DATABASE_URL must be a postgres:// or sqlite:// URL")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "gongkai.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            # A file, not :memory:, so the live server of browser tests shares it across threads.
            # Per process, so that two test runs on one machine do not share it.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"gongkai-test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "agencies.Staff"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.agencies.passwords.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.agencies.passwords.MixedCharacterValidator"},
]
LOGIN_URL = "workbench:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"

AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("GONGKAI_LOGIN_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "workbench/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = DEBUG  # runserver and tests serve app static files without collectstatic
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_HOURS", 8, minimum=1) * 3600
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Production runs behind HTTPS (a reverse proxy terminating TLS sets X-Forwarded-Proto).
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", True)

EMAIL_BACKEND = os.environ.get("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")

# The site this installation serves (shown in the header and the 网站标识码 meta tag).
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "示范县人民政府")
GONGKAI_SITE_CODE = os.environ.get("GONGKAI_SITE_CODE", "3709990001")
GONGKAI_ICP = os.environ.get("GONGKAI_ICP", "")
GONGKAI_PUBLIC_SECURITY_RECORD = os.environ.get("GONGKAI_PUBLIC_SECURITY_RECORD", "")
if len(GONGKAI_SITE_CODE) != 10 or not GONGKAI_SITE_CODE.isdigit():
    raise ImproperlyConfigured("GONGKAI_SITE_CODE must be the 10-digit 网站标识码")

# The working-day clock (RULES.md §1, §2) — configurable per province.
GONGKAI_WORKDAYS_COUNT_START_DAY = env_bool("GONGKAI_WORKDAYS_COUNT_START_DAY", False)
GONGKAI_DUE_SOON_WORKDAYS = env_int("GONGKAI_DUE_SOON_WORKDAYS", 3)
GONGKAI_MAX_EXTENSIONS = env_int("GONGKAI_MAX_EXTENSIONS", 1, minimum=0)

# 依申请公开: applicants' personal data is encrypted with this key (comma-separated: the first
# encrypts, all decrypt). Production refuses to start without it; debug uses a fixed dev key.
_DEV_DATA_KEY = "dev-only-applicant-data-key-do-not-use-in-production"
GONGKAI_DATA_KEY = os.environ.get("GONGKAI_DATA_KEY") or (_DEV_DATA_KEY if DEBUG else "")
if not GONGKAI_DATA_KEY:
    raise ImproperlyConfigured("GONGKAI_DATA_KEY must be set when GONGKAI_DEBUG=0 (applicant data encryption)")
if not DEBUG and len(GONGKAI_DATA_KEY.split(",")[0].strip()) < 32:
    raise ImproperlyConfigured("GONGKAI_DATA_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)")
GONGKAI_CORRECTION_WORKDAYS = env_int("GONGKAI_CORRECTION_WORKDAYS", 15, minimum=1)
GONGKAI_FEE_PAYMENT_WORKDAYS = env_int("GONGKAI_FEE_PAYMENT_WORKDAYS", 20, minimum=1)
GONGKAI_APPLICATION_ATTACHMENT_MAX_MB = env_int("GONGKAI_APPLICATION_ATTACHMENT_MAX_MB", 10, minimum=1)
GONGKAI_STATUS_LOOKUPS_PER_HOUR = env_int("GONGKAI_STATUS_LOOKUPS_PER_HOUR", 20, minimum=1)

# 主动公开 (RULES.md §5): publish within N working days of made_on; normative documents of written_on.
GONGKAI_PUBLISH_LIMIT_DAYS = env_int("GONGKAI_PUBLISH_LIMIT_DAYS", 20, minimum=1)
GONGKAI_NORMATIVE_LIMIT_DAYS = env_int("GONGKAI_NORMATIVE_LIMIT_DAYS", 5, minimum=1)
GONGKAI_ATTACHMENT_MAX_MB = env_int("GONGKAI_ATTACHMENT_MAX_MB", 100, minimum=1)
GONGKAI_IMPORT_MAX_MB = env_int("GONGKAI_IMPORT_MAX_MB", 50, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

if os.environ.get("GONGKAI_TESTING"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
