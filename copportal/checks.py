"""System checks that keep production honest."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register(Tags.caches)
def check_shared_cache(app_configs, **kwargs):
    """allauth's rate limits and the TOTP replay guard count in the cache: it must be shared."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The cache backend {backend} is per-process: rate limits and the TOTP replay "
            "guard would not hold across processes.",
            hint="Set REDIS_URL so that the cache is Redis.",
            id="copportal.E001",
        )
    ]
