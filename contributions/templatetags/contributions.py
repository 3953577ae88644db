from django import template
from django.utils import timezone

from contributions.models import Contribution

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_contribution_count(context, meeting) -> int:
    """How many of the meeting's published contributions the viewer may see (one query)."""
    user = context["request"].user
    return Contribution.objects.listed_for(user).for_meeting(meeting).count()


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


@register.filter
def open_for_submission(meeting) -> bool:
    """Whether the meeting has not ended: contributions (maybe late) are still possible."""
    return meeting.end_date >= timezone.localdate()
