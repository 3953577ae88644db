"""The meeting page's registration block: {% registration_block meeting %} (two queries)."""

from django import template

from ..registration.models import Registration

register = template.Library()


@register.inclusion_tag("meetings/registration/includes/meeting_block.html", takes_context=True)
def registration_block(context, meeting):
    """The public count of registered Member States (never names); the reader's own
    registration, and the remote link if they are registered; the officers' link."""
    user = context["request"].user
    registrations = Registration.objects.for_meeting(meeting)
    mine = registrations.of(user).first()
    return {
        "meeting": meeting,
        "member_states": registrations.member_state_count(),
        "mine": mine,
        "is_open": meeting.is_registration_open(),
        "sees_participants": user.has_perm("meetings.view_participants", meeting),
    }
