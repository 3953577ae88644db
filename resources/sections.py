"""What the library adds to other apps' pages (registered in apps.py, see copportal/sections.py)."""


def contribution_resources(request, contribution):
    """On a contribution's page: its material in the library, and the secretariat's link."""
    return "resources/includes/contribution_resources.html", {"contribution": contribution}
