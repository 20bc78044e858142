"""The English catalogue is complete: every message has a translation that is not
fuzzy (gettext skips fuzzy entries, so the page would show the Vietnamese), and the
compiled django.mo matches django.po.

After adding or changing a message:

    python manage.py makemessages -l en --no-wrap --ignore=.venv --ignore=var --ignore=bench
    (translate the new and fuzzy entries of ketnap/locale/en/LC_MESSAGES/django.po)
    msgfmt --check -o ketnap/locale/en/LC_MESSAGES/django.mo ketnap/locale/en/LC_MESSAGES/django.po
"""

from __future__ import annotations

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "ketnap" / "locale" / "en" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)  # msgctxt, msgid, msgid_plural, msgstr, msgstr[0]…

    @property
    def translations(self) -> dict[str, str]:
        return {key: value for key, value in self.fields.items() if key.startswith("msgstr")}

    def describe(self) -> str:
        context = f"[{self.fields['msgctxt']}] " if "msgctxt" in self.fields else ""
        return f"django.po:{self.line}: {context}{self.fields['msgid']!r}"


def po_entries(path: Path = PO) -> list[Entry]:
    """The entries of a .po file, without the header and obsolete (#~) entries."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            entry = None
            continue
        if entry is None:
            entry = Entry(number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[key] += ast.literal_eval(line)
        else:
            key, _space, text = line.partition(" ")
            entry.fields[key] = ast.literal_eval(text)
    return [e for e in entries if e.fields.get("msgid")]


def test_the_po_file_is_read():
    entries = po_entries()
    assert len(entries) > 500
    assert all("msgid" in e.fields and e.translations for e in entries)


def test_every_message_has_an_english_translation():
    untranslated = [e.describe() for e in po_entries() if not all(e.translations.values())]
    assert untranslated == [], "translate these in django.po, then compile it"


def test_no_translation_is_fuzzy():
    fuzzy = [e.describe() for e in po_entries() if "fuzzy" in e.flags]
    assert fuzzy == [], "check these translations in django.po and remove the fuzzy flag, then compile it"


def test_the_compiled_catalogue_matches_the_po_file():
    with PO.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for e in po_entries():
        context, msgid = e.fields.get("msgctxt"), e.fields["msgid"]
        if "msgid_plural" in e.fields:
            plural = e.fields["msgid_plural"]
            found = {
                f"msgstr[{index}]": catalogue.npgettext(context, msgid, plural, n)
                if context
                else catalogue.ngettext(msgid, plural, n)
                for index, n in ((0, 1), (1, 2))
            }
        else:
            found = {"msgstr": catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)}
        if found != e.translations:
            stale.append(e.describe())
    assert stale == [], "django.mo is older than django.po: compile it with msgfmt"
