from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class StaffMfaMiddleware:
    """In production, the chair and the secretariat must set up TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_STAFF_MFA and self._needs_mfa(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_mfa(request) -> bool:
        user = request.user
        if not user.is_authenticated or not (user.is_officer or user.is_superuser):
            return False
        allowed = (reverse("mfa_index"), reverse("account_logout"), settings.STATIC_URL)
        if request.path.startswith(allowed) or "/accounts/2fa/" in request.path:
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
