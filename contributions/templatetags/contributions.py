from django import template

from contributions.models import Contribution

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
