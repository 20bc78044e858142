"""Numbers that are part of a name, an address or a year are written plainly.

Pages group digits (``USE_THOUSAND_SEPARATOR``: 30.044), so ``{{ person.pk }}`` renders
"145.299" once a database holds that many people: a form field named ``att-145.299``
is never read back, a link with ``trang=1.000`` opens a 400 page, and a heading says
"năm 2.026". Such numbers go through ``|unlocalize``. The test reads every template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ketnap

ROOT = Path(ketnap.__file__).parent
TEMPLATES = sorted(ROOT.glob("*/templates/**/*.html"))

_PLAIN = r"\{\{\s*[\w.]+\s*\}\}"  # a variable with no filter
PATTERNS = {
    "an id in a field name or element id": re.compile(
        r'\b(?:name|id|for|value|data-[\w-]+)="[^"]*\{\{\s*[\w.]*(?:pk|\.id|(?<!auto)_id)\s*\}\}'
    ),
    "a page, year or id in a link parameter": re.compile(r"\b(?:trang|page|nam|year|id)=" + _PLAIN),
    "a year in a sentence": re.compile(r"\bwith\b[^%]*\byear=[\w.]+(?=\s|%)"),
}


def test_templates_are_found() -> None:
    assert len(TEMPLATES) > 100


@pytest.mark.parametrize("name", PATTERNS)
def test_no_grouped_number_where_it_is_read_back(name: str) -> None:
    pattern = PATTERNS[name]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in pattern.finditer(line)
    ]
    assert found == [], f"{name} needs |unlocalize:\n" + "\n".join(found)


def test_the_patterns_catch_what_went_wrong() -> None:
    assert PATTERNS["an id in a field name or element id"].search('<select name="att-{{ line.row.person.pk }}">')
    assert PATTERNS["a page, year or id in a link parameter"].search('href="?trang={{ n }}"')
    assert PATTERNS["a year in a sentence"].search("{% blocktranslate with year=board.plan.year %}")
    assert not PATTERNS["an id in a field name or element id"].search('name="att-{{ row.pk|unlocalize }}"')
    assert not PATTERNS["a year in a sentence"].search("{% blocktranslate with year=year|unlocalize %}")
