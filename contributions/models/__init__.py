"""Contributions to a meeting: their sources, language versions, revisions and history.

A contribution has one original language and may have a version in each of the other ITU
languages (a Document per language); each Document keeps every file it was given (Revision
rows, never overwritten). The secretariat numbers accepted contributions per meeting
(SymbolCounter): CWG-COP-<meeting>/<n>, with (Rev.N) and the language letter on files.
Every change of state is a ContributionEvent.

The models live in one module per noun: contribution.py (with its queryset), status.py,
sources.py, documents.py (language versions and their revisions), symbols.py, events.py and
archives.py (a meeting's documents as ZIPs); all are imported from here.
"""

from .archives import MeetingArchive, archive_upload_to
from .contribution import Contribution, ContributionQuerySet
from .documents import Document, Revision, revision_upload_to
from .events import ContributionEvent
from .sources import ContributionSource
from .status import ContributionStatus
from .symbols import SymbolCounter

__all__ = [
    "Contribution",
    "ContributionEvent",
    "ContributionQuerySet",
    "ContributionSource",
    "ContributionStatus",
    "Document",
    "MeetingArchive",
    "Revision",
    "SymbolCounter",
    "archive_upload_to",
    "revision_upload_to",
]
