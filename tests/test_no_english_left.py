"""No English interface text on the pages of the other five languages.

Each page is fetched in English and in the other language. A text (a text node, or an
attribute a person hears or reads: aria-label, title, placeholder, alt, a button's value) left
in English is one that is on the English page too, is not inside an element marked with
another language (an English fallback of content carries lang="en"), and has an English word
in it: proper names and symbols (CWG-COP-20/5, ITU-D SG2, PDF, the people's and
organizations' names of the seeds) aside.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real
from lxml import html as lxml_html

from copportal.accounts.models import CHAIR_GROUP, SECRETARIAT_GROUP, Organization
from resources.countries.services import country_entry_act, country_entry_create

from .factories import AffiliationFactory, UserFactory

LANGUAGES = ["fr", "es", "ru", "ar", "zh-hans"]
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]|%[sd]")
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|\S+\.(?:pdf|docx?|xlsx?|pptx?|odt|txt)\b", re.I)
# Words that are the same in every language: names, acronyms, symbols, formats.
# ("Question" as in "ITU-D SG2 Question 3/2"; "Person" is how the factories name people.)
NAMES = {
    *("cwg", "cop", "itu", "sg2", "sg17", "pdf", "docx", "xlsx", "pptx", "odt", "html", "zip"),
    *("csv", "json", "api"),
    *("icalendar", "atom", "url", "totp", "rev", "word", "question", "person"),
}
PUBLIC = [
    "/",
    "/meetings/",
    "/meetings/20/",
    "/meetings/99/",
    "/meetings/99/agenda/",
    "/roadmap/",
    "/contributions/",
    "/contributions/99-1/",
    "/resources/",
    "/resources/?q=grooming",
    "/helplines/",
    "/countries/",
    "/countries/phl/",
    "/liaison-notes/",
    "/statistics/",
    "/data/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/this-page-does-not-exist/",
]
DELEGATE = [
    "/accounts/me/",
    "/contributions/submit/",
    "/notifications/",
    "/countries/phl/entries/new/",
]
CHAIR = ["/data/", "/meetings/99/edit/", "/meetings/99/agenda/edit/", "/meetings/new/"]
SECRETARIAT = [
    "/contributions/desk/",
    "/liaison-notes/new/",
    "/notifications/log/",
    "/countries/entries/",
    "/countries/phl/",
]


def texts(page: bytes, language: str) -> set[str]:
    """The page's texts that are in `language` as far as the markup says: text nodes and
    spoken attributes, whitespace squeezed, outside any element whose lang is another."""
    tree = lxml_html.fromstring(page)
    found = set()

    def own_language(element) -> bool:
        node = element
        while node is not None:
            lang = node.get("lang") if hasattr(node, "get") else None
            if lang:
                return lang.lower() == language
            node = node.getparent()
        return True

    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "template"):
            continue
        in_language = own_language(element)
        parent = element.getparent()
        if in_language and element.text:
            found.add(" ".join(element.text.split()))
        if element.tail and parent is not None and own_language(parent):
            found.add(" ".join(element.tail.split()))
        if in_language:
            for name in SPOKEN_ATTRIBUTES:
                if element.get(name):
                    found.add(" ".join(element.get(name).split()))
            if element.tag == "input" and element.get("type") in ("submit", "button"):
                found.add(" ".join((element.get("value") or "").split()))
    return {text for text in found if text}


def english_words(text: str) -> list[str]:
    text = ADDRESS.sub(" ", text)
    return [word for word in LATIN_WORD.findall(text) if word.lower() not in NAMES]


def the_same_in(language: str) -> re.Pattern:
    """What is written the same in English and in `language` on purpose: the catalogue's
    translations ("Contributions" in French; "%(n)s contribution" as "1 contribution") and
    the organizations' names in that language ("Angola")."""
    catalogue = trans_real.translation(trans_real.to_locale(language))._catalog
    patterns = set()
    for _key, text in catalogue.items():
        text = " ".join(str(text).split())
        if re.sub(PLACEHOLDER, "", text).strip() and LATIN_WORD.search(PLACEHOLDER.sub("", text)):
            parts = PLACEHOLDER.split(text)
            pattern = ".+?".join(re.escape(part) for part in parts)
            patterns.add(pattern)
            patterns.add(pattern[:1].upper() + pattern[1:])  # a label as a form writes it
    with translation.override(language):
        patterns |= {re.escape(str(organization)) for organization in Organization.objects.all()}
    return re.compile("|".join(sorted(patterns, key=len, reverse=True)))


def left_in_english(client, path: str, language: str, same: re.Pattern) -> list[str]:
    english = client.get(path, follow=True)
    other = client.get(f"/{language}{path}", follow=True)
    assert other.status_code in (200, 404), (path, other.status_code)
    common = texts(other.content, language) & texts(english.content, "en")
    return sorted(text for text in common if english_words(text) and not same.fullmatch(text))


PAGES = {None: PUBLIC, "delegate": DELEGATE, "chair": CHAIR, "secretariat": SECRETARIAT}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_interface_text_is_left_in_english(client, language):
    call_command("load_seeds", verbosity=0)
    philippines = Organization.objects.get(iso_code="PHL")
    people = {
        None: None,
        "delegate": AffiliationFactory(
            organization=philippines, user__email="crawl-delegate@example.org"
        ).user,
        "chair": UserFactory(email="crawl-chair@example.org", roles=[CHAIR_GROUP]),
        "secretariat": UserFactory(
            email="crawl-secretariat@example.org", roles=[SECRETARIAT_GROUP]
        ),
    }
    # A rejected entry: its page and its edit form, as its delegate and the secretariat see them.
    entry = country_entry_create(
        by=people["delegate"], organization=philippines, kind="strategy", title_en="Strategy",
        source_url="https://example.org/s", date_checked=datetime.date(2025, 5, 2),
    )  # fmt: skip
    country_entry_act(entry_id=entry.pk, action="reject", by=people["secretariat"], note="X")
    entry_pages = [f"/countries/entries/{entry.pk}/", f"/countries/entries/{entry.pk}/edit/"]
    pages = {**PAGES, "delegate": [*DELEGATE, *entry_pages]}
    pages["secretariat"] = [*SECRETARIAT, *entry_pages]
    same, left = the_same_in(language), {}
    for role, paths in pages.items():
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        for path in paths:
            if found := left_in_english(client, path, language, same):
                left[f"{role or 'public'} {path}"] = found
    assert not left, "\n".join(f"{page}: {found}" for page, found in left.items())
