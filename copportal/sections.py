"""Sections a higher app adds to a lower app's page, so that the lower app need not know it.

A page names a slot ("contributions.detail", "meetings.detail"); an app registers, in its
AppConfig.ready, a provider for that slot: a function of (request, obj) that returns a
(template name, context) pair, or None to show nothing. The page renders its slot with
`{% sections "slot" obj %}` (copportal/templatetags/portal.py), each provider in the order
registered. So a contribution's page shows the library's material without the contributions
app naming a resources template, and a meeting's page can show its contributions likewise.
"""

from collections.abc import Callable
from typing import Any

Provider = Callable[[Any, Any], tuple[str, dict] | None]

_providers: dict[str, dict[str, Provider]] = {}


def register(slot: str, name: str, provider: Provider) -> None:
    """Add (or replace, by name: ready() may run twice in tests) a section in a slot."""
    _providers.setdefault(slot, {})[name] = provider


def providers(slot: str) -> list[Provider]:
    return list(_providers.get(slot, {}).values())
