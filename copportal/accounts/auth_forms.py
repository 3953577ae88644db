"""allauth's sign-up and password-reset forms, made so that their answer takes as long for an
address that has an account as for one that has none (no account enumeration by timing).

Sign-up: hashing the password is the slow part of creating an account, so the other path
hashes it too (and throws the hash away); both then send one e-mail and answer alike.
Password reset: the request only checks the form and queues a task; the task looks the
address up and sends the reset link or the "no account" mail, out of the request for both.

A module of its own: allauth's forms import copportal.accounts.forms (ACCOUNT_SIGNUP_FORM_CLASS).
"""

from allauth.account.adapter import get_adapter
from allauth.account.forms import ResetPasswordForm, SignupForm
from django.contrib.auth.hashers import make_password
from django.utils import translation


class TimingSafeSignupForm(SignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class QueuedResetPasswordForm(ResetPasswordForm):
    def clean_email(self) -> str:
        # No look-up here: whether the address has an account is the task's business.
        self.users = []
        return get_adapter().clean_email(self.cleaned_data["email"].lower())

    def save(self, request, **kwargs) -> str:
        from .tasks import send_password_reset

        email = self.cleaned_data["email"]
        send_password_reset.delay(email=email, language=translation.get_language() or "en")
        return email
