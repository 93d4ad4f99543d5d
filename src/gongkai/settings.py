"""gongkai settings, read from the environment (see README, "Configuration").

With nothing set, a fresh clone runs on SQLite under var/ in debug mode. Production sets
GONGKAI_DEBUG=0, GONGKAI_SECRET_KEY, GONGKAI_ALLOWED_HOSTS, DATABASE_URL and GONGKAI_DATA_KEY;
`gongkai check --deploy` then passes. A malformed value stops the start with a message naming
the variable.
"""

from __future__ import annotations

import ipaddress
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.common.numbering import number_pattern_problem

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


def env_secret(name: str) -> str:
    """A secret from `NAME`, or from the file named by `NAME_FILE` (e.g. a mounted secret)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE cannot be read: {exc}") from None
    return os.environ.get(name, "")


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
# 网站群: every site answers the host names saved with it (portal.sites.SiteMiddleware, first in
# MIDDLEWARE, checks the Host header against them and answers an unknown host in Chinese); these
# host names (Django's ALLOWED_HOSTS syntax, e.g. ".example.gov.cn") reach the default site.
GONGKAI_ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
ALLOWED_HOSTS = ["*"]  # the check is SiteMiddleware's, with the sites' host names from the database
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
    "django.forms",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    "gongkai.interaction",  # 留言办理 (issue #10)
    "gongkai.consultation",  # 重大决策预公开, 征求意见 (issue #11)
    "gongkai.surveys",  # 网上调查 (issue #11)
    "gongkai.interviews",  # 在线访谈 (issue #11)
    "gongkai.press",  # 新闻发布 (issue #12)
    "gongkai.plans",  # 政务公开工作要点 (issue #12)
    "gongkai.newmedia",  # 政务新媒体 (issue #12)
    "gongkai.opinion",  # 舆情 (issue #13)
    "gongkai.opendata",  # 数据开放 (issue #14)
    "gongkai.services",  # 权责清单, 行政执法公示, 办事指南 (issue #14)
    "gongkai.api",  # the JSON API (issue #14)
    "gongkai.oversight",  # 年度报告, 网站检查, 考核评议, 通报, 培训 (issue #15)
    "ninja",  # django-ninja's static files: the API docs page is served locally, never from a CDN
]

MIDDLEWARE = [
    "gongkai.portal.sites.SiteMiddleware",  # request.site; unknown hosts answered here (网站群)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.common.middleware.HeadAsGetMiddleware",
    "gongkai.common.pagecache.PageCacheMiddleware",  # before sessions/auth/CSRF: a hit costs little
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gongkai.agencies.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "gongkai.common.middleware.AccountBackoffMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # gongkai.common's templates first: its admin/ and django/forms/ ones replace Django's.
        "DIRS": [BASE_DIR / "common" / "templates"],
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
            # Keep the connection (opening one cost 1.2 ms of a 7 ms page); checked before reuse.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            # A file, not :memory:, so the live server of browser tests shares it across threads.
            # Per process, so that two test runs on one machine do not share it.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"gongkai-test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must be a redis://, rediss:// or unix:// URL")
# Several installations (or a test run) may share one Redis: each keeps to its own keys.
GONGKAI_CACHE_PREFIX = os.environ.get("GONGKAI_CACHE_PREFIX", "gongkai")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": GONGKAI_CACHE_PREFIX,
        }
    }
    # Sessions are read from Redis and written through to the database: every app server sees a login
    # at once, and a Redis restart logs nobody out. (Without Redis the cache is per process, so sessions
    # stay in the database alone: a cached copy in one process would outlive a logout in another.)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate-limit and lockout counters must be shared by every worker and survive a restart: Redis when
# configured, otherwise a database table (created by common's migration) rather than process memory.
CACHES["counters"] = (
    CACHES["default"]
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gongkai_counters",  # created by common's migration
        "TIMEOUT": 86400,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)

# ---- public page cache (gongkai.common.pagecache, README "性能") ----
# On in production. Off by default in debug (an edited template shows at once) and in tests (test
# transactions never commit, so they never move the publication generation; the cache's tests turn it on).
GONGKAI_PAGECACHE = env_bool("GONGKAI_PAGECACHE", not DEBUG and not os.environ.get("GONGKAI_TESTING"))
GONGKAI_PAGECACHE_SECONDS = env_int("GONGKAI_PAGECACHE_SECONDS", 3600, minimum=1)
# Without Redis the generation is this file (written then renamed); with Redis, a key every server reads
# at most once per GONGKAI_PAGECACHE_GENERATION_SECONDS.
GONGKAI_PAGECACHE_GENERATION_FILE = (
    # Under test each process (each pytest-xdist worker) has its own, like its own page cache below: a
    # publication in one worker's test must not make another worker's cached pages stale mid-test.
    Path(tempfile.gettempdir()) / f"gongkai-test-page-generation-{os.getpid()}"
    if os.environ.get("GONGKAI_TESTING")
    else VAR_DIR / "page-generation"
)
GONGKAI_PAGECACHE_GENERATION_SECONDS = env_int("GONGKAI_PAGECACHE_GENERATION_SECONDS", 1, minimum=0)
CACHES["pages"] = (
    {**CACHES["default"], "KEY_PREFIX": f"{GONGKAI_CACHE_PREFIX}:pages", "TIMEOUT": GONGKAI_PAGECACHE_SECONDS}
    if REDIS_URL
    else {
        # Files shared by every worker of this machine: each page is rendered once per publication,
        # not once per worker; about 10 KB a page (compressed), at most GONGKAI_PAGECACHE_ENTRIES.
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": (
            Path(tempfile.gettempdir()) / f"gongkai-test-pages-{os.getpid()}"
            if os.environ.get("GONGKAI_TESTING")
            else VAR_DIR / "page-cache"
        ),
        "TIMEOUT": GONGKAI_PAGECACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": env_int("GONGKAI_PAGECACHE_ENTRIES", 10_000, minimum=10)},
    }
)
# ---- end public page cache ----

# The client's address: REMOTE_ADDR, unless the request came from one of these reverse proxies
# (addresses or networks), in which case the header they set (nginx: X-Forwarded-For) names it.
GONGKAI_TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES", [])
GONGKAI_CLIENT_IP_HEADER = os.environ.get("GONGKAI_CLIENT_IP_HEADER", "X-Forwarded-For")
for _proxy in GONGKAI_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"GONGKAI_TRUSTED_PROXIES: {_proxy!r} is not an address or network"
        ) from None

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "agencies.Staff"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gongkai.common.lockout.AccountBackoffBackend",
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
AXES_CLIENT_IP_CALLABLE = "gongkai.common.net.client_ip"
# Per account, across all addresses: after N failures the account waits, doubling each time up to the cap,
# and the sysadmins of its agency are told. Slower than the per-address lockout, so that a crowd behind
# one proxy cannot lock a staff account for long, and a spread attack cannot guess freely.
GONGKAI_ACCOUNT_FAILURE_LIMIT = env_int("GONGKAI_ACCOUNT_FAILURE_LIMIT", 10, minimum=1)
GONGKAI_ACCOUNT_BACKOFF_SECONDS = env_int("GONGKAI_ACCOUNT_BACKOFF_SECONDS", 60, minimum=1)
GONGKAI_ACCOUNT_BACKOFF_MAX_SECONDS = env_int("GONGKAI_ACCOUNT_BACKOFF_MAX_SECONDS", 6 * 3600, minimum=1)

# Two-factor login (等保 2.0 三级): the roles (Role values, comma-separated; "*" for every staff
# member) that must sign in with a TOTP code after the password. Staff who enrolled anyway are
# asked too. "sysadmin" also covers superusers; "none" requires it of nobody.
GONGKAI_2FA_ROLES = frozenset(env_list("GONGKAI_2FA_ROLES", ["sysadmin", "supervisor"])) - {"none"}
_KNOWN_ROLES = {
    "clerk",
    "reviewer",
    "signer",
    "secrecy_reviewer",
    "responder",
    "opinion_analyst",
    "spokesperson",
    "supervisor",
    "sysadmin",
    "*",
    "none",
}  # fmt: skip  (agencies.models.Role)
if GONGKAI_2FA_ROLES - _KNOWN_ROLES:
    raise ImproperlyConfigured(
        f"GONGKAI_2FA_ROLES names unknown roles: {', '.join(sorted(GONGKAI_2FA_ROLES - _KNOWN_ROLES))}"
    )
OTP_TOTP_THROTTLE_FACTOR = 1  # django-otp: 1 s, 2 s, 4 s ... between failed codes

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = DEBUG  # runserver and tests serve app static files without collectstatic
# Uploaded and generated files (attachments, applicants' files, notices). Several app servers need one shared
# place: a shared filesystem mounted at the same path on each (GONGKAI_MEDIA_ROOT), or an S3-compatible
# object store (GONGKAI_S3_BUCKET, needs `pip install "gongkai[s3]"`). Never served as a directory: every
# file goes out through a view that checks who may have it.
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT") or VAR_DIR / "media")
GONGKAI_S3_BUCKET = os.environ.get("GONGKAI_S3_BUCKET", "")
if GONGKAI_S3_BUCKET:
    import importlib.util

    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured('GONGKAI_S3_BUCKET needs django-storages: pip install "gongkai[s3]"')
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": GONGKAI_S3_BUCKET,
            "endpoint_url": os.environ.get("GONGKAI_S3_ENDPOINT_URL") or None,  # MinIO, 对象存储 of a 政务云
            "region_name": os.environ.get("GONGKAI_S3_REGION") or None,
            "access_key": env_secret("GONGKAI_S3_ACCESS_KEY") or None,
            "secret_key": env_secret("GONGKAI_S3_SECRET_KEY") or None,
            "location": os.environ.get("GONGKAI_S3_PREFIX", ""),
            "default_acl": "private",  # applicants' files: never a public object
            "querystring_auth": True,
            "file_overwrite": False,  # the same name twice gets a new name, as on a filesystem
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Behind deploy/nginx.conf: downloads are sent by nginx from the shared store (common/files.py).
GONGKAI_ACCEL_REDIRECT = env_bool("GONGKAI_ACCEL_REDIRECT", False)
STORAGES = {
    "default": _default_storage,
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

# Text messages to citizens (gongkai.common.sms): a dotted path to an SmsBackend subclass. The
# console backend prints; `gongkai.common.sms.HttpJsonBackend` posts to a JSON gateway; a deployment
# may name its own adapter.
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "gongkai.common.sms.ConsoleBackend")
GONGKAI_SMS_GATEWAY_URL = os.environ.get("GONGKAI_SMS_GATEWAY_URL", "")
GONGKAI_SMS_GATEWAY_TOKEN = env_secret("GONGKAI_SMS_GATEWAY_TOKEN")
GONGKAI_SMS_SIGNATURE = os.environ.get("GONGKAI_SMS_SIGNATURE", f"【{GONGKAI_SITE_NAME}】")
if GONGKAI_SMS_BACKEND.endswith("HttpJsonBackend") and not GONGKAI_SMS_GATEWAY_URL.startswith("https://"):
    raise ImproperlyConfigured("GONGKAI_SMS_GATEWAY_URL must be an https:// URL for HttpJsonBackend")

# Public messages (留言) portal: limits a writer sees stated on the form, and the spam guards.
GONGKAI_MESSAGE_SUBJECT_MAX = env_int("GONGKAI_MESSAGE_SUBJECT_MAX", 50, minimum=10)
GONGKAI_MESSAGE_BODY_MIN = env_int("GONGKAI_MESSAGE_BODY_MIN", 10, minimum=1)
GONGKAI_MESSAGE_BODY_MAX = env_int("GONGKAI_MESSAGE_BODY_MAX", 2000, minimum=100)
GONGKAI_MESSAGE_ATTACHMENT_MAX_MB = env_int("GONGKAI_MESSAGE_ATTACHMENT_MAX_MB", 5, minimum=1)
GONGKAI_MESSAGE_MAX_FILES = env_int("GONGKAI_MESSAGE_MAX_FILES", 3, minimum=0)
GONGKAI_MESSAGES_PER_IP_PER_HOUR = env_int("GONGKAI_MESSAGES_PER_IP_PER_HOUR", 10, minimum=1)
GONGKAI_MESSAGES_PER_PHONE_PER_DAY = env_int("GONGKAI_MESSAGES_PER_PHONE_PER_DAY", 5, minimum=1)
GONGKAI_MESSAGE_LOOKUPS_PER_HOUR = env_int("GONGKAI_MESSAGE_LOOKUPS_PER_HOUR", 20, minimum=1)
# The same message typed again within this window (a reloaded form) finds the first one; 0 = off.
GONGKAI_MESSAGE_RESUBMIT_MINUTES = env_int("GONGKAI_MESSAGE_RESUBMIT_MINUTES", 30, minimum=0)
GONGKAI_MESSAGE_RATING_LINK_DAYS = env_int("GONGKAI_MESSAGE_RATING_LINK_DAYS", 15, minimum=1)
# Online surveys (网上调查): new responses per client address and hour under the one-per-browser rule;
# SMS codes per phone and per address and hour under the phone rule; how long a code stays valid.
GONGKAI_SURVEY_RESPONSES_PER_IP_PER_HOUR = env_int("GONGKAI_SURVEY_RESPONSES_PER_IP_PER_HOUR", 20, minimum=1)
GONGKAI_SURVEY_CODES_PER_PHONE_PER_HOUR = env_int("GONGKAI_SURVEY_CODES_PER_PHONE_PER_HOUR", 3, minimum=1)
GONGKAI_SURVEY_CODES_PER_IP_PER_HOUR = env_int("GONGKAI_SURVEY_CODES_PER_IP_PER_HOUR", 20, minimum=1)
GONGKAI_SURVEY_CODE_MINUTES = env_int("GONGKAI_SURVEY_CODE_MINUTES", 10, minimum=1)
# The portal's public address, for links that leave the site (the rating link in a text message).
GONGKAI_PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL", "http://127.0.0.1:8000")
if not GONGKAI_PUBLIC_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("GONGKAI_PUBLIC_URL must start with http:// or https://")

# 征求意见 (consultation, RULES.md §7): the default and minimum window in calendar days (a shorter one needs a
# recorded reason), the comment length, the spam guards, and when a closed consultation without its
# adoption report is flagged.
GONGKAI_CONSULTATION_MIN_DAYS = env_int("GONGKAI_CONSULTATION_MIN_DAYS", 30, minimum=1)
GONGKAI_CONSULTATION_COMMENT_MAX = env_int("GONGKAI_CONSULTATION_COMMENT_MAX", 2000, minimum=100)
GONGKAI_CONSULTATION_COMMENTS_PER_IP_PER_HOUR = env_int(
    "GONGKAI_CONSULTATION_COMMENTS_PER_IP_PER_HOUR", 20, minimum=1
)
GONGKAI_CONSULTATION_COMMENTS_PER_PHONE_PER_DAY = env_int(
    "GONGKAI_CONSULTATION_COMMENTS_PER_PHONE_PER_DAY", 10, minimum=1
)
GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS = env_int("GONGKAI_CONSULTATION_REPORT_OVERDUE_DAYS", 30, minimum=1)

# ---- prompt letters and routing suggestions (interaction, mtext) ----
# 民意诉求反馈提示函: the office is alerted when this many near-duplicate or same-topic messages about
# one agency arrive within the window (calendar days); near-duplicates share at least this estimated
# Jaccard similarity of their word shingles. Routing suggests the agencies that answered past messages
# at least GONGKAI_ROUTING_SIMILARITY alike, among the last GONGKAI_ROUTING_HISTORY_DAYS days.
GONGKAI_PROMPT_LETTER_MIN_MESSAGES = env_int("GONGKAI_PROMPT_LETTER_MIN_MESSAGES", 5, minimum=2)
GONGKAI_PROMPT_LETTER_WINDOW_DAYS = env_int("GONGKAI_PROMPT_LETTER_WINDOW_DAYS", 30, minimum=1)
GONGKAI_PROMPT_LETTER_SIMILARITY = env_int("GONGKAI_PROMPT_LETTER_SIMILARITY_PERCENT", 50, minimum=10) / 100
GONGKAI_PROMPT_LETTER_FEEDBACK_WORKDAYS = env_int("GONGKAI_PROMPT_LETTER_FEEDBACK_WORKDAYS", 10, minimum=1)
GONGKAI_ROUTING_SIMILARITY = env_int("GONGKAI_ROUTING_SIMILARITY_PERCENT", 30, minimum=10) / 100
GONGKAI_ROUTING_HISTORY_DAYS = env_int("GONGKAI_ROUTING_HISTORY_DAYS", 365, minimum=1)
# ---- end prompt letters and routing suggestions ----

# ---- new-media accounts (newmedia) ----
# 政务新媒体 (国办发〔2018〕123号, RULES.md §8): an active account with no update for this many days is in
# breach; one that offers interaction is in breach when it has answered nothing for this many days or
# answered a message that waited longer. Feeds and release webhooks are fetched with this timeout
# (seconds); a failed outbox item is retried this many times, the n-th retry after base * 2**(n-1)
# minutes.
GONGKAI_NEWMEDIA_STALE_DAYS = env_int("GONGKAI_NEWMEDIA_STALE_DAYS", 14, minimum=1)
GONGKAI_NEWMEDIA_INTERACTION_DAYS = env_int("GONGKAI_NEWMEDIA_INTERACTION_DAYS", 90, minimum=1)
GONGKAI_NEWMEDIA_FETCH_TIMEOUT = env_int("GONGKAI_NEWMEDIA_FETCH_TIMEOUT", 10, minimum=1)
GONGKAI_NEWMEDIA_MAX_ATTEMPTS = env_int("GONGKAI_NEWMEDIA_MAX_ATTEMPTS", 6, minimum=1)
GONGKAI_NEWMEDIA_RETRY_BASE_MINUTES = env_int("GONGKAI_NEWMEDIA_RETRY_BASE_MINUTES", 5, minimum=1)
# ---- end new-media accounts ----

# ---- 舆情 handling (opinion: grading, hour deadlines, escalation) ----
# RULES.md §7, wall-clock hours from the event's first appearance: authoritative information on a
# major event (特别重大、重大) within 5 hours and a press conference within 24; any other
# government-related event answered within 48 hours (国办发〔2016〕80号、61号).
GONGKAI_OPINION_MAJOR_RESPONSE_HOURS = env_int("GONGKAI_OPINION_MAJOR_RESPONSE_HOURS", 5, minimum=1)
GONGKAI_OPINION_CONFERENCE_HOURS = env_int("GONGKAI_OPINION_CONFERENCE_HOURS", 24, minimum=1)
GONGKAI_OPINION_RESPONSE_HOURS = env_int("GONGKAI_OPINION_RESPONSE_HOURS", 48, minimum=1)
# The grade proposal (opinion/grading.py): points per signal, summed, then the grade of the first
# threshold the sum reaches (特别重大 "1", 重大 "2", 较大 "3"; below all of them 一般 "4").
GONGKAI_OPINION_GRADE_POINTS = {
    "heat_percentile": [(99.0, 3), (90.0, 2), (75.0, 1)],
    "growth": [(5.0, 2), (2.0, 1)],
    "negative_share": [(0.6, 2), (0.4, 1)],
    "level": {"province": 3, "city": 2, "county": 1, "township": 0},
    "sensitive_max": 5,
}
GONGKAI_OPINION_GRADE_THRESHOLDS = [(10, "1"), (7, "2"), (4, "3")]
# Sensitive categories: points and the words that hit them (in the title, keywords and posts' titles).
GONGKAI_OPINION_SENSITIVE = {
    "伤亡": (3, ["伤亡", "死亡", "遇难", "身亡", "受伤", "坠亡"]),
    "群体": (2, ["群体", "聚集", "围堵", "集体上访", "维权"]),
    "食品安全": (2, ["食品安全", "食物中毒", "变质", "过期食品", "地沟油"]),
    "校园": (2, ["校园", "学校", "学生", "幼儿园"]),
    "环境污染": (2, ["环境污染", "污染", "排污", "黑臭", "异味"]),
    "拖欠工资": (2, ["拖欠工资", "欠薪", "讨薪", "农民工工资"]),
    "安全生产": (2, ["安全生产", "爆炸", "火灾", "坍塌", "泄漏"]),
}
# ---- end 舆情 handling ----
# ---- services (权责清单, 行政执法公示, 办事指南, 办件查询) ----
# 行政执法公示 (国办发〔2018〕118号): 行政许可 and 行政处罚 decisions are published within this many working
# days of the decision, other decisions within the second figure. 办件查询 answers at most this many
# lookups per client address and hour.
GONGKAI_ENFORCEMENT_PUBLISH_WORKDAYS = env_int("GONGKAI_ENFORCEMENT_PUBLISH_WORKDAYS", 7, minimum=1)
GONGKAI_ENFORCEMENT_OTHER_PUBLISH_WORKDAYS = env_int(
    "GONGKAI_ENFORCEMENT_OTHER_PUBLISH_WORKDAYS", 20, minimum=1
)
GONGKAI_CASE_LOOKUPS_PER_IP_PER_HOUR = env_int("GONGKAI_CASE_LOOKUPS_PER_IP_PER_HOUR", 20, minimum=1)
# ---- end services ----

# ---- oversight: bulletins and training (#15 E3/E4) ----
# 通报整改: a criticised agency records its rectification within this many working days of publication.
# 特邀监督员: a personal feedback link stays valid this many days. 培训: every staff member with a role in
# disclosure work is to be trained at least once in this many months.
GONGKAI_RECTIFICATION_WORKDAYS = env_int("GONGKAI_RECTIFICATION_WORKDAYS", 20, minimum=1)
GONGKAI_FEEDBACK_LINK_DAYS = env_int("GONGKAI_FEEDBACK_LINK_DAYS", 60, minimum=1)
GONGKAI_TRAINING_ROTATION_MONTHS = env_int("GONGKAI_TRAINING_ROTATION_MONTHS", 12, minimum=1)
# ---- end oversight: bulletins and training ----

# ---- open-data access (opendata) ----
# 有条件开放: the dataset's agency decides an application within this many working days; an approved
# applicant's token serves at most this many rows and calls a day (the agency may set lower figures).
# 需求征集: the agency answers a request within this many working days. Public forms are limited per
# client address and per hour.
GONGKAI_OPENDATA_ACCESS_WORKDAYS = env_int("GONGKAI_OPENDATA_ACCESS_WORKDAYS", 10, minimum=1)
GONGKAI_OPENDATA_TOKEN_DAILY_ROWS = env_int("GONGKAI_OPENDATA_TOKEN_DAILY_ROWS", 100_000, minimum=1)
GONGKAI_OPENDATA_TOKEN_DAILY_CALLS = env_int("GONGKAI_OPENDATA_TOKEN_DAILY_CALLS", 1000, minimum=1)
GONGKAI_OPENDATA_REQUEST_WORKDAYS = env_int("GONGKAI_OPENDATA_REQUEST_WORKDAYS", 10, minimum=1)
GONGKAI_OPENDATA_FORMS_PER_IP_PER_HOUR = env_int("GONGKAI_OPENDATA_FORMS_PER_IP_PER_HOUR", 10, minimum=1)
# ---- end open-data access ----

# ---- opinion events (opinion: clustering, heat, burst) ----
# A post joins the most similar event of its owner agency last seen within the window (hours) when the
# cosine similarity of their weighted terms reaches the threshold, else it opens a new event. The
# nightly merge pass joins events of the last days whose keywords converged to this similarity. An
# hour is a burst with at least BURST_MIN_POSTS posts above the EWMA (smoothing ALPHA) by SIGMAS
# standard deviations, or GROWTH times the mean of the GROWTH_HOURS hours before it.
GONGKAI_OPINION_CLUSTER_SIMILARITY = (
    env_int("GONGKAI_OPINION_CLUSTER_SIMILARITY_PERCENT", 30, minimum=5) / 100
)
GONGKAI_OPINION_EVENT_WINDOW_HOURS = env_int("GONGKAI_OPINION_EVENT_WINDOW_HOURS", 72, minimum=1)
GONGKAI_OPINION_MERGE_SIMILARITY = env_int("GONGKAI_OPINION_MERGE_SIMILARITY_PERCENT", 50, minimum=5) / 100
GONGKAI_OPINION_MERGE_DAYS = env_int("GONGKAI_OPINION_MERGE_DAYS", 7, minimum=1)
GONGKAI_OPINION_BURST_ALPHA = env_int("GONGKAI_OPINION_BURST_ALPHA_PERCENT", 30, minimum=1) / 100
GONGKAI_OPINION_BURST_SIGMAS = env_int("GONGKAI_OPINION_BURST_SIGMAS", 3, minimum=1)
GONGKAI_OPINION_BURST_GROWTH = env_int("GONGKAI_OPINION_BURST_GROWTH", 3, minimum=2)
GONGKAI_OPINION_BURST_GROWTH_HOURS = env_int("GONGKAI_OPINION_BURST_GROWTH_HOURS", 3, minimum=1)
GONGKAI_OPINION_BURST_MIN_POSTS = env_int("GONGKAI_OPINION_BURST_MIN_POSTS", 5, minimum=1)
# ---- end opinion events ----

# ---- 舆情 collection (opinion) ----
# Feeds of 舆情 sources are fetched with this timeout (seconds); near-duplicates are looked for among
# the posts of the last this many hours (the in-process index holds at most NEARDUP_MAX of them).
GONGKAI_OPINION_FETCH_TIMEOUT = env_int("GONGKAI_OPINION_FETCH_TIMEOUT", 10, minimum=1)
GONGKAI_OPINION_NEARDUP_HOURS = env_int("GONGKAI_OPINION_NEARDUP_HOURS", 72, minimum=1)
GONGKAI_OPINION_NEARDUP_MAX = env_int("GONGKAI_OPINION_NEARDUP_MAX", 50_000, minimum=100)
# ---- end 舆情 collection ----

# The working-day clock (RULES.md §1, §2) — configurable per province.
GONGKAI_WORKDAYS_COUNT_START_DAY = env_bool("GONGKAI_WORKDAYS_COUNT_START_DAY", False)
GONGKAI_DUE_SOON_WORKDAYS = env_int("GONGKAI_DUE_SOON_WORKDAYS", 3)
GONGKAI_MAX_EXTENSIONS = env_int("GONGKAI_MAX_EXTENSIONS", 1, minimum=0)

# 依申请公开: applicants' personal data is encrypted with this key (comma-separated: the first
# encrypts, all decrypt). Production refuses to start without it; debug uses a fixed dev key.
_DEV_DATA_KEY = "dev-only-applicant-data-key-do-not-use-in-production"
GONGKAI_DATA_KEY = os.environ.get("GONGKAI_DATA_KEY") or (_DEV_DATA_KEY if DEBUG else "")
if not GONGKAI_DATA_KEY:
    raise ImproperlyConfigured(
        "GONGKAI_DATA_KEY must be set when GONGKAI_DEBUG=0 (applicant data encryption)"
    )
if not DEBUG and len(GONGKAI_DATA_KEY.split(",")[0].strip()) < 32:
    raise ImproperlyConfigured(
        "GONGKAI_DATA_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)"
    )

# The audit chain is keyed (HMAC-SHA256) with this key, held outside the database (comma-separated: the
# first signs new rows, all verify). Production refuses to start without it; debug uses a fixed dev key.
_DEV_AUDIT_KEY = "dev-only-audit-chain-key-do-not-use-in-production"
GONGKAI_AUDIT_KEY = env_secret("GONGKAI_AUDIT_KEY") or (_DEV_AUDIT_KEY if DEBUG else "")
if not GONGKAI_AUDIT_KEY:
    raise ImproperlyConfigured("GONGKAI_AUDIT_KEY must be set when GONGKAI_DEBUG=0 (audit chain key)")
if not DEBUG and len(GONGKAI_AUDIT_KEY.split(",")[0].strip()) < 32:
    raise ImproperlyConfigured(
        "GONGKAI_AUDIT_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)"
    )
# Signed copies of the chain's head (`gongkai audit checkpoint`, daily); keep them off the database server.
GONGKAI_AUDIT_CHECKPOINT_DIR = Path(
    os.environ.get("GONGKAI_AUDIT_CHECKPOINT_DIR", VAR_DIR / "audit-checkpoints")
)
GONGKAI_AUDIT_CHECKPOINT_MAIL = env_list(
    "GONGKAI_AUDIT_CHECKPOINT_MAIL", []
)  # also mail each checkpoint here

GONGKAI_CORRECTION_WORKDAYS = env_int("GONGKAI_CORRECTION_WORKDAYS", 15, minimum=1)
GONGKAI_FEE_PAYMENT_WORKDAYS = env_int("GONGKAI_FEE_PAYMENT_WORKDAYS", 20, minimum=1)
GONGKAI_APPLICATION_ATTACHMENT_MAX_MB = env_int("GONGKAI_APPLICATION_ATTACHMENT_MAX_MB", 10, minimum=1)
GONGKAI_STATUS_LOOKUPS_PER_HOUR = env_int("GONGKAI_STATUS_LOOKUPS_PER_HOUR", 20, minimum=1)
# Calls one integration token (/workbench/api/) may make per minute, counted in the shared cache.
GONGKAI_API_TOKEN_CALLS_PER_MINUTE = env_int("GONGKAI_API_TOKEN_CALLS_PER_MINUTE", 300, minimum=1)
# The same application content submitted online again within this many minutes returns the first
# application and its receipt (Back + resubmit, a second tab); 0 turns the check off.
# 文书编号 of notices where the agency sets no pattern of its own (common/numbering.py).
GONGKAI_NOTICE_NUMBER_PATTERN = os.environ.get(
    "GONGKAI_NOTICE_NUMBER_PATTERN", "{代字}依{类别}〔{年}〕{序号}号"
)
if _pattern_problem := number_pattern_problem(GONGKAI_NOTICE_NUMBER_PATTERN):
    raise ImproperlyConfigured(f"GONGKAI_NOTICE_NUMBER_PATTERN: {_pattern_problem}")
GONGKAI_APPLICATION_RESUBMIT_MINUTES = env_int("GONGKAI_APPLICATION_RESUBMIT_MINUTES", 30, minimum=0)

# 主动公开 (RULES.md §5): publish within N working days of made_on; normative documents of written_on.
GONGKAI_PUBLISH_LIMIT_DAYS = env_int("GONGKAI_PUBLISH_LIMIT_DAYS", 20, minimum=1)
GONGKAI_NORMATIVE_LIMIT_DAYS = env_int("GONGKAI_NORMATIVE_LIMIT_DAYS", 5, minimum=1)
GONGKAI_ATTACHMENT_MAX_MB = env_int("GONGKAI_ATTACHMENT_MAX_MB", 100, minimum=1)
GONGKAI_IMPORT_MAX_MB = env_int("GONGKAI_IMPORT_MAX_MB", 50, minimum=1)
# 数据开放: the largest resource file accepted (a 200 MB file is refused by default), and where the
# query engine's Parquet copies of the resources live (a local or shared filesystem, not an object store).
GONGKAI_OPENDATA_MAX_UPLOAD_MB = env_int("GONGKAI_OPENDATA_MAX_UPLOAD_MB", 100, minimum=1)
GONGKAI_OPENDATA_DIR = Path(os.environ.get("GONGKAI_OPENDATA_DIR") or VAR_DIR / "opendata")

# 政府信息公开工作年度报告 (oversight, #15): the dates of the year after the report's year by which it must be
# published (条例第四十九、五十条 as practised: departments and townships by 1月31日, the consolidated report
# of a county-level or higher government by 3月31日), and the days before a deadline on which the daily
# job `report_reminders` mails the responsible staff.
GONGKAI_ANNUAL_REPORT_DEPARTMENT_DUE = (1, 31)  # (month, day)
GONGKAI_ANNUAL_REPORT_CONSOLIDATED_DUE = (3, 31)
GONGKAI_ANNUAL_REPORT_REMINDER_DAYS = (15, 7, 3)
# 网站检查 (oversight, #15): external links are requested only where the deployment may reach the internet
# (a government intranet may not: they are then listed as unchecked); the crawl's page bound.
GONGKAI_INSPECTION_OUTBOUND = env_bool("GONGKAI_INSPECTION_OUTBOUND", False)
GONGKAI_INSPECTION_MAX_PAGES = env_int("GONGKAI_INSPECTION_MAX_PAGES", 20000, minimum=1)
# Links the crawl follows: list pages whose query carries only these parameters (filters by agency, subject,
# year … would multiply the crawl). The forbidden-phrase list ("" = the one shipped in
# oversight/inspection/data/forbidden_words.txt). Column update classes beyond the defaults (news 2 weeks,
# notices and policies 6 months, yearly 1 year): {"<update class or column slug>": "2w" | "6m" | "1y" | days | None}.
GONGKAI_INSPECTION_QUERY_PARAMS = ("page", "column")
GONGKAI_INSPECTION_WORDS_FILE = os.environ.get("GONGKAI_INSPECTION_WORDS_FILE", "")
GONGKAI_INSPECTION_COLUMN_CLASSES: dict = {}

# Content-Security-Policy (django-csp): every script and style is a static file of this site.
from csp.constants import NONCE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # A nonce only for the one inline script the rich-text editor needs, its import map
        # (`{% load csp_media %}{{ form.media|with_csp_nonce:request }}`); every other script is a static file.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

if os.environ.get("GONGKAI_TESTING"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A test database is thrown away: commits need not wait for the WAL to reach the disk (the many
        # commits of migrations, browser tests and the flushes between them). Never outside tests.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
    GONGKAI_SMS_BACKEND = "gongkai.common.sms.LocmemBackend"
