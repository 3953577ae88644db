"""Settings for the CWG-COP Portal: one module, driven by environment variables.

Development needs nothing set: the embedded PostgreSQL of copportal/devdb/ (`make run`
starts it), e-mail on the console, Celery tasks run eagerly in-process and a per-process
cache. Production sets at least DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
REDIS_URL and EMAIL_URL. A malformed value stops start-up with a message naming the
variable (copportal/settings_env.py reads and checks each).
"""

import datetime
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

from copportal import settings_env as parse
from copportal.devdb import postgres as devdb
from copportal.languages import INTERFACE_LANGUAGES
from copportal.settings_env import from_env

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-only-not-secret-cwg-cop-portal-change-me-in-production"  # noqa: S105


DEBUG = from_env("DEBUG", parse.boolean, True)
SECRET_KEY = from_env("SECRET_KEY", str, DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off: the development key is public. "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
ALLOWED_HOSTS = from_env("ALLOWED_HOSTS", parse.items, ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = from_env("CSRF_TRUSTED_ORIGINS", parse.items, [])
SITE_URL = from_env("SITE_URL", str, "http://127.0.0.1:8000").rstrip("/")
# The site's name in e-mails (subject, greeting) and the TOTP issuer; translated unless set.
SITE_NAME = from_env("SITE_NAME", str, gettext_lazy("CWG-COP Portal"))
# How many reverse proxies in front set X-Forwarded-For (0: none). The client's address is the
# one that many hops from the end (copportal/middleware.py client_ip), which rate limits key
# on; never more than really exist, or an address the client wrote itself would be believed.
TRUSTED_PROXY_COUNT = from_env("TRUSTED_PROXY_COUNT", int, 0)
API_RATE_LIMIT = from_env("API_RATE_LIMIT", int, 120)  # API requests a minute per token
API_ANONYMOUS_RATE_LIMIT = from_env("API_ANONYMOUS_RATE_LIMIT", int, 60)  # per address
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Demo data and demo accounts: never in production.
DEMO_DATA = DEBUG

INSTALLED_APPS = [
    # Translated model fields (a column per language); must come before the admin.
    "modeltranslation",
    # The admin, for superusers only (copportal/admin.py).
    "copportal.admin.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search lookups and pg_trgm (resources/).
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    # The audit log of officers' edits (django-auditlog's LogEntry; copportal/audit/ registers
    # the models and shows the log).
    "auditlog",
    "ninja",  # the API's docs (resources/api/): Swagger UI from ninja's static files, no CDN
    "copportal",
    "copportal.accounts",
    "copportal.notifications",
    "meetings",
    "contributions",
    "resources",
    # After the apps whose models it registers with auditlog.
    "copportal.audit",
]

MIDDLEWARE = [
    # First: the arrival time is taken before anything reads the body (copportal/middleware.py).
    "copportal.middleware.ArrivalStampMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML (with Django's BREACH mitigation); before anything that varies or reads
    # the response body. Static files come compressed from whitenoise (gzip and brotli).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "copportal.accounts.middleware.StaffMfaMiddleware",
    # After authentication: the signed-in user is the actor of every audit log entry.
    "copportal.audit.middleware.AuditActorMiddleware",
]

ROOT_URLCONF = "copportal.urls"
WSGI_APPLICATION = "copportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "copportal.context_processors.portal",
            ],
        },
    },
]

# Database: PostgreSQL, the one DATABASE_URL names, else the embedded development server
# (copportal/devdb/: `make run` and `make test` start it, on a Unix socket in .devdb/).
DATABASES = {"default": from_env("DATABASE_URL", parse.database, None) or devdb.database_settings()}
# Persistent connections (0 closes each after its request; `make test` uses 0 so that the
# live server's threads leave no connection behind), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = from_env("DATABASE_CONN_MAX_AGE", int, 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# An unreachable database host fails in seconds (start-up, /healthz) instead of hanging.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the Celery broker and the shared cache (rate limits, TOTP replay guard).
REDIS_URL = from_env("REDIS_URL", parse.redis, None)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "copportal",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "UTC"
# The one place that declares periodic tasks (celery beat). Schedules in seconds.
CELERY_BEAT_SCHEDULE = {
    # Reminders are not ETA tasks: this sweep finds what is due in the database.
    "send-due-reminders": {"task": "contributions.tasks.send_due_reminders", "schedule": 300.0},
    # The same for the secretariat's reminders before a liaison note's reply-by date.
    "send-reply-reminders": {"task": "meetings.tasks.send_reply_reminders", "schedule": 300.0},
    # The remote-participation link, mailed to a meeting's participants the day before.
    "send-remote-links": {
        "task": "meetings.registration.tasks.send_remote_links",
        "schedule": 300.0,
    },
    "requeue-stalled-deliveries": {
        "task": "copportal.notifications.tasks.requeue_stalled_deliveries",
        "schedule": 300.0,
    },
    # Expired sessions, upload files no row references, delivery rows past their retention.
    "housekeeping": {"task": "copportal.tasks.housekeeping", "schedule": 86400.0},
    "build-public-data": {"task": "resources.tasks.build_public_data", "schedule": crontab(30, 2)},
}

# E-mail: the console in development; EMAIL_URL (smtp://user:password@host:587/?tls=True) else
# (an SMTP server's timeout is 30 s unless the URL sets one: copportal/settings_env.py mailer).
_CONSOLE_MAILER = {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}
MAILERS = {"default": from_env("EMAIL_URL", parse.mailer, _CONSOLE_MAILER)}
DEFAULT_FROM_EMAIL = from_env("DEFAULT_FROM_EMAIL", str, "CWG-COP Portal <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Every permission is declared in an app's rules.py (django-rules) and asked with has_perm.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = (
    "contributions:mine"  # the dashboard: a delegate's part, an officer's part, or both
)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "copportal.accounts.forms.SignupForm"
# Signing up or asking a password reset takes as long for an address with an account as for
# one without (no enumeration by timing): copportal/accounts/auth_forms.py.
ACCOUNT_FORMS = {
    "signup": "copportal.accounts.auth_forms.TimingSafeSignupForm",
    "reset_password": "copportal.accounts.auth_forms.QueuedResetPasswordForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "copportal.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "copportal.accounts.adapter.MfaAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = gettext_lazy("[CWG-COP] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's rate limits stay on; they count in the cache, so Redis in production. Failed
# sign-ins (README, Security; copportal/accounts/adapter.py): per address for any account;
# per account from one address (keyed "email:address"), kept below the account-wide limit so
# that one address cannot exhaust it; per account from all addresses; and per known device
# (a browser where the owner signed in before), which the others never block.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key,10/h/key",
    "login_failed_account": "30/h/key",
    "login_failed_device": "10/5m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Chair and secretariat accounts must have TOTP when DEBUG is off.
REQUIRE_STAFF_MFA = from_env("REQUIRE_STAFF_MFA", parse.boolean, not DEBUG)

# Internationalization: the six ITU languages; English is served unprefixed.
LANGUAGE_CODE = "en"
LANGUAGES = INTERFACE_LANGUAGES  # copportal/languages.py: the one list of the six
LANGUAGES_BIDI = ["ar"]
# Translated model fields (copportal/content.py): a column per language, and one rule for
# what a reader gets: their language, else English, else the record's original language, else
# any. Editorial content (TranslatedContent) applies it in shown(), for the {% translated %}
# tag and plain attribute access alike; organizations, whose one name is English, get it from
# modeltranslation's fallback below.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh-hans")
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Date, time and number patterns where Django's locale modules lack CLDR's (Arabic).
FORMAT_MODULE_PATH = ["copportal.formats"]
TIME_ZONE = "UTC"
# Meetings are held in Geneva (IANA zone Europe/Zurich) unless a meeting says otherwise.
MEETING_TIME_ZONE = from_env("MEETING_TIME_ZONE", parse.time_zone, "Europe/Zurich")
# Council Decision 556: documents are due 12 calendar days before the meeting opens.
CONTRIBUTION_DEADLINE_DAYS = from_env("CONTRIBUTION_DEADLINE_DAYS", int, 12)
CONTRIBUTION_DEADLINE_TIME = from_env("CONTRIBUTION_DEADLINE_TIME", str, "23:59")

# Static and uploaded files. Uploads are never served by URL: views check who may see them
# and stream the file (copportal/uploads.py stored_file_response).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (and the meetings' ZIPs) go through Django's storage API: the local folder
# MEDIA_ROOT, or, when AWS_STORAGE_BUCKET_NAME is set, an S3-compatible object store shared by
# every web machine and worker (django-storages; README, Configuration). The bucket stays
# private: no URL of it is ever handed out, downloads stream through the portal's views.
AWS_STORAGE_BUCKET_NAME = from_env("AWS_STORAGE_BUCKET_NAME", str, "")
_default_storage = (
    parse.s3_storage(AWS_STORAGE_BUCKET_NAME)  # reads the other AWS_* variables
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = from_env("MEDIA_ROOT", Path, BASE_DIR / "uploads")
# No URL serves MEDIA_ROOT (no route, no web-server alias); the value only has to be set.
MEDIA_URL = "/uploads-are-not-served/"

# Security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = from_env("SECURE_HSTS_SECONDS", int, 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = from_env("SECURE_SSL_REDIRECT", parse.boolean, not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^(livez|healthz|readyz)$"]
if from_env("USE_X_FORWARDED_PROTO", parse.boolean, False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "copportal.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO" if not DEBUG else "WARNING"},
}

# --- Contributions (issue 3): files people upload ------------------------------------------
# Types are checked by content (copportal/uploads.py); names: pdf, docx, pptx, xlsx, odt.
CONTRIBUTION_FILE_TYPES = from_env(
    "CONTRIBUTION_FILE_TYPES", parse.items, ["pdf", "docx", "pptx", "xlsx", "odt"]
)
CONTRIBUTION_MAX_UPLOAD_BYTES = from_env("CONTRIBUTION_MAX_UPLOAD_BYTES", int, 20 * 1024 * 1024)
# An Office file (a ZIP) may not expand beyond this when opened: zip bombs are refused.
CONTRIBUTION_MAX_UNPACKED_BYTES = from_env(
    "CONTRIBUTION_MAX_UNPACKED_BYTES", int, 200 * 1024 * 1024
)
# Uploads above this go to a temporary file, not memory; form fields stay small.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
# Uploads are stored privately: owner read/write only (the download view serves them).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
FILE_UPLOAD_HANDLERS = [
    "copportal.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Notifications (issue 10): mail, exactly once ------------------------------------------
# A failed send waits BASE seconds, doubling each time, at most MAX; after MAX_ATTEMPTS the
# delivery is marked failed (the log offers to resend it). MAX plus the task's time limit
# must stay below the broker's visibility_timeout (3600 s above), or Redis would hand a
# waiting retry to a second worker (harmless, the claim stops it, but wasteful).
NOTIFICATIONS_RETRY_BASE_SECONDS = from_env("NOTIFICATIONS_RETRY_BASE_SECONDS", int, 60)
NOTIFICATIONS_RETRY_MAX_SECONDS = from_env("NOTIFICATIONS_RETRY_MAX_SECONDS", int, 1800)
NOTIFICATIONS_MAX_ATTEMPTS = from_env("NOTIFICATIONS_MAX_ATTEMPTS", int, 20)
NOTIFICATIONS_TASK_TIME_LIMIT = 120
# Mail goes out in batches: a task takes this many deliveries, claims them in one statement
# and sends them over the worker's one SMTP connection. A batch still sending after
# BATCH_SECONDS hands the rest to a new task (inside the time limit and the stale delay).
NOTIFICATIONS_BATCH_SIZE = from_env("NOTIFICATIONS_BATCH_SIZE", int, 50)
NOTIFICATIONS_BATCH_SECONDS = 60
# A delivery claimed longer ago than this (its worker died) or waiting longer than this
# without being picked up (its message was lost) is queued again by the sweep.
NOTIFICATIONS_STALE_AFTER = datetime.timedelta(
    seconds=from_env("NOTIFICATIONS_STALE_AFTER_SECONDS", int, 600)
)
# Delivery rows (sent, failed, cancelled) are deleted after this many days.
NOTIFICATIONS_RETENTION_DAYS = from_env("NOTIFICATIONS_RETENTION_DAYS", int, 365)
# Reminders go out at this local time (the meeting's time zone), N days before the deadline.
NOTIFICATIONS_REMINDER_TIME = from_env("NOTIFICATIONS_REMINDER_TIME", str, "08:00")
# Every reminder's days before its date, in one place (copportal/notifications/schedule.py):
# delegates before a meeting's deadline (0: on the day; the chair may choose other days for
# one meeting), the secretariat before a liaison note's reply-by date (action), participants
# before a meeting opens (its remote link).
NOTIFICATIONS_REMINDER_DAYS = {
    "deadline": from_env(
        "NOTIFICATIONS_DEADLINE_REMINDER_DAYS", parse.days_or_on_the_day, [14, 7, 2, 0]
    ),
    "reply": from_env("NOTIFICATIONS_REPLY_REMINDER_DAYS", parse.days, [7, 1]),
    "remote-link": from_env("NOTIFICATIONS_REMOTE_LINK_DAYS", parse.days, [1]),
}
# Upload files no row references are deleted once older than this (an upload in progress
# writes its file before its row commits).
UPLOAD_ORPHAN_GRACE_HOURS = from_env("UPLOAD_ORPHAN_GRACE_HOURS", int, 24)

# --- The audit log (issue 21): officers' edits, who, when, what (copportal/audit/) ---------
# django-auditlog records; copportal/audit/registry.py says which models and fields. Changes
# are stored as JSON values (None stays null, numbers stay numbers), a foreign key as the id
# it pointed to (named in the reader's language when the log is shown).
AUDITLOG_STORE_JSON_CHANGES = True
# Rows loaded by the seeds and fixtures (raw saves) are no officer's edit.
AUDITLOG_DISABLE_ON_RAW_SAVE = True
# The client's address is the one copportal.middleware.client_ip believes (trusted proxies
# only), set by copportal.audit.middleware, never auditlog's own reading of X-Forwarded-For.
AUDITLOG_DISABLE_REMOTE_ADDR = False
