"""What the library adds to other apps' pages (registered in apps.py, see copportal/sections.py)."""


def contribution_resources(request, contribution):
    """On a contribution's page: its material in the library, and the secretariat's link."""
    return "resources/includes/contribution_resources.html", {"contribution": contribution}


def country_entry_queue(request, officer):
    """On the officers' dashboard, for the secretariat: the country entries proposed and
    waiting (one query), with the link to their queue."""
    from .countries.models import CountryEntry

    if request is None or not request.user.has_perm("resources.review_countryentry"):
        return None
    waiting = CountryEntry.objects.waiting().count()
    return "resources/countries/dashboard_link.html", {"country_entries_waiting": waiting}
