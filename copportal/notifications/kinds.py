"""The kinds of mail the portal sends: each has a template pair under templates/emails/<kind>/
(subject.txt, body.txt, body.html) and a checkbox on the preferences page."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str | Promise
    group: str | Promise


MEETINGS = _("Meetings and deadlines")
CONTRIBUTIONS = _("Your contributions")
LIAISON = _("Liaison notes")
ACCOUNT = _("Your account")

KINDS = {
    kind.slug: kind
    for kind in [
        Kind("deadline-reminder", _("Reminders before a contribution deadline"), MEETINGS),
        Kind("agenda-released", _("A meeting's agenda is released or changed"), MEETINGS),
        Kind(
            "registration-remote-link",
            _("The remote-participation link of a meeting you registered for"),
            MEETINGS,
        ),
        Kind("contribution-received", _("A contribution of yours is received"), CONTRIBUTIONS),
        Kind("contribution-late", _("A contribution of yours is marked late"), CONTRIBUTIONS),
        Kind("contribution-accepted", _("A contribution of yours is accepted"), CONTRIBUTIONS),
        Kind("contribution-published", _("A contribution of yours is published"), CONTRIBUTIONS),
        Kind("contribution-rejected", _("A contribution of yours is rejected"), CONTRIBUTIONS),
        Kind(
            "contribution-carried-over",
            _("A contribution of yours is carried over to the next meeting"),
            CONTRIBUTIONS,
        ),
        Kind("liaison-note-sent", _("A liaison note addressed to you"), LIAISON),
        Kind("liaison-note-notice", _("A liaison note is sent"), LIAISON),
        Kind(
            "liaison-note-reply-due",
            _("A reply to a liaison note is due (secretariat)"),
            LIAISON,
        ),
        Kind("affiliation-decided", _("The secretariat decides on your affiliation"), ACCOUNT),
        Kind(
            "country-entry-decided",
            _("The secretariat decides on an entry you proposed for a country's page"),
            ACCOUNT,
        ),
    ]
}


def get(slug: str) -> Kind:
    """The registered kind; an unknown slug is a programming error (KeyError)."""
    return KINDS[slug]


def grouped() -> list[tuple[str, list[Kind]]]:
    """Kinds by group, in the order above (for the preferences page)."""
    groups: dict[str, list[Kind]] = {}
    for kind in KINDS.values():
        groups.setdefault(kind.group, []).append(kind)
    return list(groups.items())
