from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from resources.home import home

from . import health
from .pagecache import public

urlpatterns = [
    path("livez", health.livez, name="livez"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The JSON API, outside the language prefixes: every translated field in all six
    # languages (resources/api/).
    path("api/", include("resources.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", public(home), name="home"),
    path("", include("copportal.accounts.urls")),
    path("", include("meetings.urls")),
    path("", include("contributions.urls")),
    path("", include("copportal.notifications.urls")),
    path("", include("contributions.feed_urls")),
    path("", include("resources.urls")),
    path("", include("copportal.audit.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler400 = "copportal.views.bad_request"
handler403 = "copportal.views.permission_denied"
handler404 = "copportal.views.page_not_found"
handler500 = "copportal.views.server_error"
