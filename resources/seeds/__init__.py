"""The library's seeds: the material the source documents name (seeds/ beside DESIGN.md).

Titles are those of the documents, in the languages we have them in: the French ones as the
chair's report and Resolution 67 (Rev. Kigali, 2022) write them; English ones only where the
title is certain.

Each entry can be opened. The two source documents themselves (seed_documents/, copied
from seeds/) are the files of their entries: the chair's report and Resolution 67, as DOCX
made from their text, stored and searched as any uploaded file. An address is seeded only
where a source states it (the Girls in ICT portal: the chair's report, annex, footnote 2)
or where it was read in stored public material, noted beside it. Every other entry names
the document and the part that cite it (`cited_in`, `cited_section`), and its page says
that only the citing document is at hand.

Demonstration resources (demo=True only) are marked "(demonstration)" and `is_demo`.
Safe to run again: resources are found by their slug, and only what is still empty is
filled in (a title, a link or a file the secretariat edited in the portal stays theirs).

source_documents.py seeds the entries of the source documents, demo.py the demonstration
ones, both through upsert.py (create, or fill in what is still empty).
"""

from copportal import seed_translations

from .. import search
from ..models import Resource
from .demo import load_demo
from .source_documents import link_records, load_real


def _translate() -> None:
    """The resources' texts in the six languages (copportal/seed_translations.py), written
    after the services saved them, by UPDATE: their Chinese is cut again for the vector."""
    changed = seed_translations.fill([Resource]).get(Resource, set())
    if changed:
        search.fill_stored(Resource.objects.filter(pk__in=changed))


def load(*, demo: bool) -> list[str]:
    """Load the library's seeds; returns the summary line for load_seeds."""
    real = load_real()
    link_records()
    shown = load_demo() if demo else 0
    _translate()
    if not demo:
        return [f"Library: {real} resources from the source documents."]
    return [f"Library: {real} resources from the source documents and {shown} demonstration ones."]
