"""Who may do what: the one place that turns roles into access decisions for views."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def role_required(*roles: str):
    """Let a view through for users having one of `roles` ("chair", "secretariat", "delegate").

    Anonymous users are sent to the login page; signed-in users without the role get 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(getattr(user, f"is_{role}") for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


secretariat_required = role_required("secretariat")
