"""The language of parts (WCAG 3.1.2, issue 17 part 5): on an Arabic or a Chinese page, text
that exists only in English sits inside an element with lang="en".

The data has English only (no original in another language), so whatever the fallback order
(the reader's language, then English, then the original) the pages show the English text."""

import datetime
from html.parser import HTMLParser

import pytest

from meetings.agenda import services
from meetings.models import Agenda, Session

from .factories import MeetingFactory, PublishedContributionFactory

SUMMARY = "The group reviewed the regulatory frameworks"
ITEM = "Opening of the meeting"
SESSION = "From theory to practice"
TITLE = "Girls in ICT Day"
ENGLISH = (SUMMARY, ITEM, SESSION, TITLE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class Texts(HTMLParser):
    """Each text node of the body with the `lang` of its nearest element that has one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        tags = [tag for tag, _lang in self.stack]
        if not data.strip() or "head" in tags or "script" in tags:
            return
        # The nearest lang below <html>: the page's own does not say a part's language.
        langs = [lang for tag, lang in self.stack[1:] if lang]
        self.found.append((data, langs[-1] if langs else None))


def languages_of(page: str, text: str) -> list[str | None]:
    parser = Texts()
    parser.feed(page)
    return [lang for data, lang in parser.found if text in data]


@pytest.fixture
def english_only(db, chair):
    meeting = MeetingFactory(number=20, original_language="en", summary_en=SUMMARY)
    Session.objects.create(meeting=meeting, kind="special", title_en=SESSION)
    version = Agenda.objects.get_or_create(meeting=meeting)[0].version
    item = services.agenda_item_create(
        meeting=meeting, by=chair, version=version, parent=None, title_en=ITEM,
        start_time=datetime.time(9, 30), duration_minutes=15,
    )  # fmt: skip
    PublishedContributionFactory(
        meeting=meeting, number=5, title=TITLE, original_language="en", agenda_item=item
    )
    services.agenda_release(
        meeting=meeting, by=chair, note="", version=Agenda.objects.get().version
    )
    return meeting


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "zh-hans"])
@pytest.mark.parametrize(
    ("path", "texts"),
    [
        ("/meetings/20/", (SUMMARY, SESSION, TITLE)),
        ("/meetings/20/agenda/", (ITEM, TITLE)),
        ("/contributions/", (TITLE,)),
        ("/contributions/20-5/", (TITLE,)),
    ],
)
def test_english_content_carries_lang_en_on_other_language_pages(
    client, english_only, language, path, texts
):
    page = client.get(f"/{language}{path}").content.decode()
    assert f'<html lang="{language}"' in page
    for text in texts:
        found = languages_of(page, text)
        assert found, f"{text!r} is not on {path}"
        assert set(found) == {"en"}, f"{text!r} on /{language}{path}: {found}"


@pytest.mark.django_db
def test_on_english_pages_english_content_needs_no_lang_of_its_own(client, english_only):
    page = client.get("/contributions/").content.decode()
    assert set(languages_of(page, TITLE)) == {None}
