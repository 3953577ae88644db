"""Asking for a permission in a view: the permissions themselves live in the rules.py files."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def permission_required(permission: str, fn=None):
    """Let a view through for users having `permission` (on the object `fn` returns, if any).

    `fn(request, *args, **kwargs)` returns the object the permission is asked on. Anonymous
    users are sent to the login page; signed-in users without the permission get 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            target = fn(request, *args, **kwargs) if fn else None
            if request.user.has_perm(permission, target):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator
