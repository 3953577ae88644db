"""The shipped catalogs: French complete, every .mo in step with its .po, pages in French.

The .po files are read with a small stdlib parser (no polib), so these tests need no gettext
tools: the project ships compiled catalogs.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOG_LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]
COMPLETE_LANGUAGES = CATALOG_LANGUAGES  # all five: 0 empty, 0 fuzzy
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sd]|%[sd]|%%")


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    def __str__(self) -> str:
        context = f" [{self.msgctxt}]" if self.msgctxt is not None else ""
        return f"line {self.line}: {self.msgid!r}{context}"


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, the header first; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    entry: Entry | None = None
    keyword = None
    keyword_re = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')

    def append(target: Entry, name: str, index: str | None, text: str) -> None:
        if name == "msgstr":
            target.msgstr[0] = target.msgstr.get(0, "") + text
        elif name.startswith("msgstr["):
            target.msgstr[int(index)] = target.msgstr.get(int(index), "") + text
        else:
            setattr(target, name, (getattr(target, name) or "") + text)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:  # entries are separated by blank lines
            entry, keyword = None, None
            continue
        if line.startswith("#~"):
            if entry is not None:  # its comment and flag lines came first: not a message
                entry.obsolete = True
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#"):
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        match = keyword_re.match(line)
        if match:
            name, index, text = match.groups()
            keyword = (name, index)
            if name in ("msgctxt", "msgid", "msgid_plural"):
                setattr(entry, name, "")
            append(entry, name, index, ast.literal_eval(text))
        elif line.startswith('"') and keyword is not None:
            append(entry, *keyword, ast.literal_eval(line))
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    return [entry for entry in entries if not entry.obsolete]


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def header(entries: list[Entry]) -> dict[str, str]:
    assert entries and entries[0].msgid == "", "the catalog must start with its header"
    fields = {}
    for line in entries[0].msgstr[0].splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def nplurals(entries: list[Entry]) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header(entries).get("Plural-Forms", ""))
    assert match, "the header has no Plural-Forms"
    return int(match.group(1))


def messages(entries: list[Entry]) -> list[Entry]:
    return entries[1:]


def test_the_parser_reads_plurals_contexts_and_continuation_lines(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=n > 1;\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid "%(n)s note"\nmsgid_plural "%(n)s notes"\n'
        'msgstr[0] "%(n)s note"\nmsgstr[1] ""\n"%(n)s notes"\n\n'
        'msgctxt "status"\nmsgid "Sent"\nmsgstr "Envoyée"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Ancien"\n\n'
        '#, python-format\n#~ msgid "Old %(n)s"\n#~ msgstr "Ancien %(n)s"\n',
        encoding="utf-8",
    )
    entries = read_po(po)
    assert nplurals(entries) == 2
    plural, contextual = messages(entries)
    assert plural.msgstr == {0: "%(n)s note", 1: "%(n)s notes"}
    assert plural.flags == {"python-format"}
    assert (contextual.key, contextual.msgstr) == ("status\x04Sent", {0: "Envoyée"})


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_catalog_has_a_valid_header(language):
    entries = read_po(po_path(language))
    fields = header(entries)
    assert "fuzzy" not in entries[0].flags, "a fuzzy header is dropped by msgfmt"
    assert fields.get("Content-Type") == "text/plain; charset=UTF-8"
    expected = {"ar": 6, "es": 3, "fr": 3, "ru": 4, "zh_Hans": 1}[language]
    assert nplurals(entries) == expected
    for entry in messages(entries):
        # makemessages writes two empty forms whatever the language; once one form is
        # translated, the entry needs exactly nplurals forms (msgfmt -c rejects it otherwise).
        if entry.msgid_plural is not None and any(entry.msgstr.values()):
            assert sorted(entry.msgstr) == list(range(expected)), f"plural forms of {entry}"


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_complete_catalogs_have_no_untranslated_or_fuzzy_entry(language):
    entries = messages(read_po(po_path(language)))
    assert len(entries) > 200
    untranslated = [str(e) for e in entries if not e.msgstr or not all(e.msgstr.values())]
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_no_catalog_holds_a_guessed_translation(language):
    """Partial catalogues too: a message not yet translated is empty (English is shown), never
    a neighbour's translation that msgmerge guessed and marked fuzzy (makemessages runs
    without fuzzy matching: copportal/management/commands/makemessages.py)."""
    fuzzy = [str(e) for e in messages(read_po(po_path(language))) if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for entry in messages(read_po(po_path(language))):
        last = max(entry.msgstr, default=0)
        for index, text in entry.msgstr.items():
            if not text:
                continue
            found = set(PLACEHOLDER.findall(text))
            if entry.msgid_plural is not None and "python-format" in entry.flags:
                # Plural forms: no placeholder the source lacks; the last form (the general
                # one) keeps all of the plural's. Another form may spell out its number ("one",
                # Arabic's "two"), or need %(count)s where English's singular has none
                # (Russian's "one" form also serves 21, 31 ...).
                allowed = set(PLACEHOLDER.findall(entry.msgid)) | set(
                    PLACEHOLDER.findall(entry.msgid_plural)
                )
                kept = set(PLACEHOLDER.findall(entry.msgid_plural))
                ok = found <= allowed and (index != last or kept <= found)
            else:
                source = (
                    entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
                )
                named = {p for p in PLACEHOLDER.findall(source) if p.startswith("%(")}
                if "python-format" in entry.flags and named:
                    ok = named <= found
                else:
                    ok = sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text))
            if not ok:
                wrong.append(f"{entry} [{index}]: {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_compiled_catalog_matches_its_po(language):
    """The committed .mo says what the .po says: nobody forgot compilemessages."""
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    expected = {}
    for entry in messages(read_po(po_path(language))):
        if "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural is None:
            if entry.msgstr.get(0):
                expected[entry.key] = entry.msgstr[0]
        elif all(entry.msgstr.values()):
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
    compiled = {key: value for key, value in catalog.items() if key != ""}
    missing = {k: v for k, v in expected.items() if compiled.get(k) != v}
    stale = {k: v for k, v in compiled.items() if k not in expected}
    hint = "run: .venv/bin/python manage.py compilemessages --ignore='.venv/*'"
    assert not missing, f"{hint}\nnot (or differently) in the .mo: {missing}"
    assert not stale, f"{hint}\nin the .mo but not in the .po: {stale}"


@pytest.fixture
def seeded(db):
    call_command("load_seeds", "--no-demo", verbosity=0)


@pytest.mark.django_db
def test_french_pages_are_in_french(client, seeded):
    meetings = client.get("/fr/meetings/").content.decode()
    assert '<html lang="fr"' in meetings
    assert ">Réunions</a>" in meetings
    assert "<h1>Réunions</h1>" in meetings
    assert "Réunions passées" in meetings
    assert 'aria-label="Langue"' in meetings

    home = client.get("/fr/").content.decode()
    assert "Portail du GTC-COP" in home
    assert "Groupe de travail du Conseil sur la protection en ligne des enfants" in home
    assert "Feuille de route" in home and "Se connecter" in home and "Créer un compte" in home


@pytest.mark.django_db
def test_english_pages_stay_in_english(client, seeded):
    page = client.get("/meetings/").content.decode()
    assert "<h1>Meetings</h1>" in page and "CWG-COP Portal" in page
    assert "Réunions" not in page and "GTC-COP" not in page


@pytest.mark.django_db
def test_allauth_pages_are_in_french(client):
    page = client.get("/fr/accounts/login/").content.decode()
    assert '<html lang="fr"' in page
    assert "Connexion" in page  # allauth's own French catalog
    assert "Portail du GTC-COP" in page  # and the portal's
    assert "Sign In" not in page


@pytest.mark.django_db
def test_navigation_basics_in_the_other_languages(client, seeded):
    expected = {
        "ar": "الاجتماعات",
        "es": "Reuniones",
        "ru": "Собрания",
        "zh-hans": "会议",
    }
    for prefix, meetings in expected.items():
        page = client.get(f"/{prefix}/roadmap/").content.decode()
        assert f">{meetings}</a>" in page, prefix
