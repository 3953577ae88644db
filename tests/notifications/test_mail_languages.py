"""Every kind of mail in each of the six languages: written in the recipient's language,
with nothing of the English mail left but what people wrote (titles, names, addresses)."""

import re

import pytest
import time_machine

from copportal.notifications import kinds, services
from copportal.notifications.services import Recipient

from .test_templates import CONTEXTS, EVERY_KEY

LANGUAGES = ["fr", "es", "ru", "ar", "zh-hans"]
URL = re.compile(r"https?://\S+")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Identifiers that are the same in every language.
SAME = {"CWG", "COP", "ITU", "UTC", "SG2", "SG17", "pdf"}


def what_people_wrote(context) -> list[str]:
    """The context's own texts (titles, names, notes): a mail quotes them as they are."""
    if isinstance(context, dict):
        return [text for value in context.values() for text in what_people_wrote(value)]
    if isinstance(context, list):
        return [text for value in context for text in what_people_wrote(value)]
    return context.splitlines() if isinstance(context, str) else []


def english_left(line: str, quoted: list[str]) -> list[str]:
    line = URL.sub(" ", line)
    for text in sorted(quoted, key=len, reverse=True):
        line = line.replace(text, " ")
    return [word for word in LATIN_WORD.findall(line) if word not in SAME]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", kinds.KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_kind_of_mail_is_written_in_the_recipients_language(kind, language):
    context = {**EVERY_KEY, **CONTEXTS.get(kind, {})}
    quoted = [*what_people_wrote(context), "ITU-D SG2", "ITU-T SG17"]
    with time_machine.travel("2026-02-20 09:00Z", tick=False):
        english = services._render(kind, Recipient(email="a@itu.example", language="en"), context)
        mail = services._render(kind, Recipient(email="a@itu.example", language=language), context)
    assert mail["language"] == language
    assert mail["subject"] != english["subject"]
    english_lines = {" ".join(line.split()) for line in english["text"].splitlines()}
    left = [
        line
        for line in (" ".join(line.split()) for line in mail["text"].splitlines())
        if line in english_lines and english_left(line, quoted)
    ]
    assert not left, left
    assert f'lang="{language}"' in mail["html"]
    assert f'dir="{"rtl" if language == "ar" else "ltr"}"' in mail["html"]


@pytest.mark.django_db
def test_a_document_language_code_picks_the_interface_language():
    """Liaison notes name a recipient's language as a document does ("zh")."""
    assert Recipient(email="a@itu.example", language="zh").mail_language == "zh-hans"
    assert Recipient(email="a@itu.example", language="ar").mail_language == "ar"
    assert Recipient(email="a@itu.example", language="pt").mail_language == "en"
