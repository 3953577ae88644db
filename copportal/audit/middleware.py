"""The actor of every audit log entry: the signed-in user of the request."""

from auditlog.middleware import AuditlogMiddleware

from copportal.middleware import client_ip


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, with two differences.

    The user is handed over as the request's lazy `request.user`: auditlog looks at it only
    when an entry is written, so a request that writes nothing (most of them, /healthz too)
    loads no session or user for it. An anonymous user is no actor (auditlog's isinstance
    check on the user model fails for AnonymousUser).

    The address is the one the portal believes (copportal.middleware.client_ip: trusted
    proxies only), not the first X-Forwarded-For entry, which any client can write; the port
    from X-Forwarded-Port is never believed.
    """

    @staticmethod
    def _get_actor(request):
        return getattr(request, "user", None)

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        return None
