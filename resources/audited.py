"""The library's records the audit log keeps, and their officer pages (copportal/audit)."""

from django.urls import reverse

from copportal.audit.registry import Audited

AUDITED = (
    Audited(
        "resources.resource",
        lambda resource: reverse("resources:edit", args=[resource.slug]),
        # The stored file's name is ours (a random one); file_name is the reader's.
        exclude=("file", "file_text"),
        m2m=("audiences", "themes"),
    ),
    Audited(
        "resources.helplineentry",
        lambda entry: reverse("resources:helpline_edit", args=[entry.pk]),
    ),
    Audited(
        "resources.countryentry",
        lambda entry: reverse("resources:countries:entry", args=[entry.pk]),
    ),
)
