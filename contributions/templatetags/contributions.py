from django import template
from django.urls import reverse
from django.utils import translation

from contributions.models import Contribution
from copportal.languages import Language

register = template.Library()


@register.inclusion_tag("contributions/includes/latest.html", takes_context=True)
def latest_contributions(context, limit=5):
    """The latest published contributions the viewer may see, for the home page."""
    user = context["request"].user
    contributions = (
        Contribution.objects.listed_for(user)
        .select_related("meeting")
        .order_by("-published_at")[:limit]
    )
    return {"contributions": contributions}


@register.simple_tag
def meeting_archive_links(meeting):
    """The six ZIPs of a meeting's public documents, one per language (no query); for
    contributions/includes/meeting_archives.html, which the meeting's page includes."""
    links = []
    for language in Language:
        info = translation.get_language_info(language.locale)
        links.append(
            {
                "code": language.value,
                "locale": language.locale,
                "name": info["name_local"],
                "url": reverse("contributions:meeting_archive", args=[meeting.number, language]),
            }
        )
    return links
