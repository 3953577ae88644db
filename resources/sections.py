"""What the library adds to other apps' pages (registered in apps.py, see copportal/sections.py)."""

from contributions.meeting_parts import portal_count

from .models import Resource


def contribution_resources(request, contribution):
    """On a contribution's page: its material in the library, and the secretariat's link."""
    return "resources/includes/contribution_resources.html", {"contribution": contribution}


def meeting_records_rows(meeting):
    """The library's documents that record a meeting (an OuterRef), through the relation's
    table: the meeting's page query flags `has_records` with them (meetings/providers.py)."""
    return Resource.records.through.objects.filter(meeting=meeting)


def meeting_record(request, meeting):
    """At the top of a meeting's page (`has_records`: no query when there is none): the
    published documents that record it, said as its only source when the portal has neither
    its contributions nor a released agenda."""
    if not meeting.has_records:
        return None
    return "resources/includes/meeting_record.html", {
        "records": Resource.objects.filter(records=meeting).published(),
        "portal_count": portal_count(request, meeting),
    }


def agenda_record(request, meeting):
    """On the agenda page of a meeting without a release: the documents that record it."""
    return "resources/includes/agenda_record.html", {
        "records": Resource.objects.filter(records=meeting).published()
    }


def theme_resources(request, theme):
    """On a theme's page: the published resources tagged with it (one query)."""
    resources = (
        Resource.objects.filter(themes=theme).published().for_listing().order_by("-year", "slug")
    )
    return "resources/includes/theme_resources.html", {"resources": resources[:100]}


def country_entry_queue(request, officer):
    """On the officers' dashboard, for the secretariat: the country entries proposed and
    waiting (one query), with the link to their queue."""
    from .countries.models import CountryEntry

    if request is None or not request.user.has_perm("resources.review_countryentry"):
        return None
    waiting = CountryEntry.objects.waiting().count()
    return "resources/countries/dashboard_link.html", {"country_entries_waiting": waiting}
