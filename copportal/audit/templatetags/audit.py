"""`{% history_link record %}`: the link to a record's audit history, for officers only."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def history_link(context, record):
    """A link to the record's history of changes when the reader may see the log, else
    nothing. No query: the permission is a role, the address the record's label and id."""
    request = context.get("request")
    if record is None or record.pk is None or request is None:
        return ""
    if not request.user.has_perm("audit.view_log"):
        return ""
    url = reverse("audit:history", args=[record._meta.label_lower, record.pk])
    return format_html('<a href="{}">{}</a>', url, _("History of changes"))
