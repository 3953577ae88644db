"""The portal's allauth adapters: the site's name and address in every e-mail (from settings,
never from the request's Host header), the client's address behind trusted proxies, and the
sign-in limits that an attacker cannot turn against the account's owner (README, Security)."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.urls import reverse
from django.utils.encoding import force_str

from copportal.middleware import client_ip

from .devices import known_device, remember_device


@dataclass(frozen=True)
class Site:
    """What allauth's templates call `current_site`: the configured name and host."""

    name: str
    domain: str


def configured_site() -> Site:
    return Site(name=force_str(settings.SITE_NAME), domain=urlsplit(settings.SITE_URL).netloc)


def site_url(path: str) -> str:
    return settings.SITE_URL + path


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def format_email_subject(self, subject: str) -> str:
        return force_str(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX) + force_str(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {
            "current_site": configured_site(),
            "SITE_URL": settings.SITE_URL,
            "SITE_NAME": force_str(settings.SITE_NAME),
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        # allauth's send_mail puts the request's site in first: the configured one wins.
        context = {**context, "current_site": configured_site()}
        return super().render_mail(template_prefix, email, context, headers=headers)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", key))

    # Sign-in limits ---------------------------------------------------------------------

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        return credentials.get("email", credentials.get("username", "")).strip().lower()

    def pre_authenticate(self, request, **credentials) -> None:
        """Count a sign-in attempt (rolled back when it succeeds), as settings.ACCOUNT_RATE_LIMITS
        says: from a browser that signed in to this account before, against that device only;
        from anywhere else, against the account from this address and from all addresses."""
        login = self._get_login_attempts_cache_key(request, **credentials)
        device = known_device(request, login)
        if device:
            checks = [("login_failed_device", f"{login}:{device}")]
        else:
            checks = [
                ("login_failed", f"{login}:{client_ip(request)}"),
                ("login_failed_account", login),
            ]
        usages = []
        for action, key in checks:
            usage = ratelimit.consume(request, app="allauth.account", action=action, key=key)
            if not usage:
                for earlier in usages:
                    earlier.rollback()
                raise self.validation_error("too_many_login_attempts")
            usages.append(usage)
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(
            usage=[single for usage in usages for single in usage.usage]
        )

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        """After a password reset: the account's own counters start again."""
        login = self._get_login_attempts_cache_key(request, **credentials)
        keys = [
            ("login_failed", f"{login}:{client_ip(request)}"),
            ("login_failed_account", login),
        ]
        device = known_device(request, login)
        if device:
            keys.append(("login_failed_device", f"{login}:{device}"))
        for action, key in keys:
            ratelimit.clear(request, app="allauth.account", action=action, key=key)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        remember_device(request, response, user.email)
        return response


class MfaAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        return force_str(settings.MFA_TOTP_ISSUER)
