"""What contributions add to meetings' pages and tell meetings' code (registered in apps.py).

Meetings know nothing of contributions (tests/test_dependencies.py): the meeting's page, a
theme's page (sections, copportal/sections.py) and the agenda (AgendaDocuments,
meetings/providers.py) get a meeting's contributions from here.
"""

from django.db.models import Count, Window
from django.urls import NoReverseMatch, reverse

from meetings.models import Meeting, Theme
from meetings.providers import AgendaDocuments

from .models import Contribution

SAMPLE = 987654321  # a number no contribution has, to split a reversed address around


# --- A meeting's page and a theme's page ------------------------------------------------------
def published_documents(request, meeting: Meeting) -> list[dict]:
    """The meeting's published contributions this reader may see (at most 200), by number,
    each with its address and all with their count (`total`, a window): one query, made once
    per request (the library's record section asks it too, resources/sections.py)."""
    known = request.__dict__.setdefault("_published_documents", {})
    if meeting.pk in known:
        return known[meeting.pk]
    documents = list(
        Contribution.objects.for_meeting(meeting)
        .listed_for(request.user)
        .order_by("number", "pk")
        .values("number", "title", "original_language")
        .annotate(total=Window(Count("pk")))[:200]
    )
    # The documents' addresses: reversed once, then each number filled in (one reverse per
    # row cost more than the rest of the list).
    head, tail = reverse("contributions:detail", args=[meeting.number, SAMPLE]).rsplit(
        str(SAMPLE), 1
    )
    for document in documents:
        document["url"] = f"{head}{document['number']}{tail}" if document["number"] else ""
    known[meeting.pk] = documents
    return documents


def portal_count(request, meeting: Meeting) -> int:
    """How many of the meeting's contributions the reader may see are published."""
    documents = published_documents(request, meeting)
    return documents[0]["total"] if documents else 0


def meeting_documents(request, meeting: Meeting):
    """On a meeting's page: its published contributions, their count and the list's link."""
    documents = published_documents(request, meeting)
    return "contributions/includes/meeting_documents.html", {
        "documents": documents,
        "portal_count": portal_count(request, meeting),
    }


def meeting_submission(request, meeting: Meeting):
    """On a meeting's page while it is open: the submit button and the template's links."""
    if not meeting.is_open_for_submission:
        return None
    return "contributions/includes/meeting_submission.html", {}


def meeting_archives(request, meeting: Meeting):
    """On a meeting's page: its public documents as one ZIP per language."""
    return "contributions/includes/meeting_archives.html", {}


def theme_contributions(request, theme: Theme):
    """On a theme's page: the published contributions tagged with it (one query)."""
    rows = (
        Contribution.objects.filter(themes=theme)
        .listed_for(request.user)
        .order_by("-meeting__number", "number")
        .values("number", "title", "original_language", "meeting__number")[:100]
    )
    return "contributions/includes/theme_contributions.html", {"contributions": rows}


# --- The agenda (meetings/agenda) -------------------------------------------------------------
def _url(meeting_number: int, number: int | None, pk: int) -> str:
    """The contribution's page (its stable address by symbol, else by id)."""
    try:
        if number:
            return reverse("contributions:detail", args=[meeting_number, number])
        return reverse("contributions:detail_by_id", args=[pk])
    except NoReverseMatch:
        return ""


def agenda_listed(meeting: Meeting, statuses: frozenset[str]) -> list[dict]:
    """The meeting's contributions in these statuses, as the agenda reads them (one query)."""
    labels = dict(Contribution.Status.choices)
    rows = (
        Contribution.objects.for_meeting(meeting)
        .filter(status__in=statuses)
        .order_by("number", "pk")
        .values(
            "pk", "number", "title", "original_language", "status", "visibility", "agenda_item_id"
        )
    )
    result = []
    for row in rows:
        row["status_label"] = str(labels.get(row["status"], row["status"]))
        row["members_only"] = row.pop("visibility") == Contribution.Visibility.MEMBERS
        row["url"] = _url(meeting.number, row["number"], row["pk"])
        result.append(row)
    return result


def agenda_allocate(meeting: Meeting, pk: int, item_id: int | None) -> None:
    Contribution.objects.for_meeting(meeting).filter(pk=pk).update(agenda_item_id=item_id)


def agenda_authors(meeting: Meeting) -> set[int]:
    """Who submitted the meeting's contributions allocated to an item (user ids)."""
    rows = Contribution.objects.for_meeting(meeting).filter(agenda_item__isnull=False)
    return set(rows.values_list("submitter", flat=True))


def members_only(meeting: Meeting) -> list[tuple[int | None, str]]:
    """(number, title) of the meeting's members-only contributions, whatever their status."""
    rows = Contribution.objects.for_meeting(meeting).filter(
        visibility=Contribution.Visibility.MEMBERS
    )
    return list(rows.values_list("number", "title"))


def sources(meeting: Meeting) -> list[tuple[int, int]]:
    """(number, organization id) of each numbered contribution's sources, in their order."""
    rows = (
        Contribution.objects.for_meeting(meeting)
        .filter(number__isnull=False, source_links__isnull=False)
        .order_by("number", "source_links__order")
        .values_list("number", "source_links__organization")
    )
    return list(rows)


AGENDA_DOCUMENTS = AgendaDocuments(
    listed=agenda_listed,
    allocate=agenda_allocate,
    authors=agenda_authors,
    members_only=members_only,
    sources=sources,
)
