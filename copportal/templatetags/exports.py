"""`{% export_links "meetings" %}`: the list's CSV and JSON addresses, with the page's
query string (its filters and search; not its page number). copportal/exports.py."""

from django import template
from django.urls import reverse

from copportal.exports import TABLES

register = template.Library()


@register.inclusion_tag("copportal/export_links.html", takes_context=True)
def export_links(context, table_name: str):
    table = TABLES[table_name]
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is not None:
        query.pop("page", None)
    tail = f"?{query.urlencode()}" if query else ""
    return {
        "csv_url": reverse(table.url_name, kwargs={"fmt": "csv"}) + tail,
        "json_url": reverse(table.url_name, kwargs={"fmt": "json"}) + tail,
        "signed_in": bool(request and request.user.is_authenticated),
    }
