from django.conf import settings
from django.shortcuts import redirect


class StaffMfaMiddleware:
    """In production, the chair and the secretariat must set up TOTP before anything else.

    allauth's own pages (sign-in, re-authentication, two-factor set-up, sign-out) stay open,
    so that the officer can do just that.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_STAFF_MFA or view_func.__module__.startswith("allauth."):
            return None
        user = request.user
        if not user.is_authenticated or not (user.is_officer or user.is_superuser):
            return None
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return None
        return redirect("mfa_activate_totp")
