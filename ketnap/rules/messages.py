"""A finding in the reader's language: Vietnamese by default, English when asked.

Pure Python, no Django: the caller passes the language code (the Django layer passes
``get_language()``). The Vietnamese ``message`` a rule built is the default and the
fallback; the English wording comes from :mod:`.messages_en` by the finding's template
key (``wording``, else ``code``), filled with the finding's ``params``. A finding stored
before it kept its params (a step recorded earlier) is worded in English only when its
template needs no value; otherwise its stored Vietnamese message is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ketnap.rules.base import Citation, Finding
from ketnap.rules.messages_en import ARTICLES, PHRASES, TEMPLATES


def english(language: str | None) -> bool:
    """Whether ``language`` (a code such as "en", "en-gb" or "vi") asks for English."""
    return bool(language) and str(language).lower().startswith("en")


def message(finding: Finding | Mapping[str, Any], language: str | None) -> str:
    """The finding's message in ``language``: English when the language starts with "en"
    and the template key has an English wording whose values the finding carries, else
    the Vietnamese message. ``finding`` may also be a finding as stored on a step (a
    mapping with ``code``, ``message`` and, for newer rows, ``params`` and ``wording``)."""
    if isinstance(finding, Finding):
        code, vietnamese, params, wording = finding.code, finding.message, finding.params, finding.wording
    else:
        code = str(finding.get("code", ""))
        vietnamese = str(finding.get("message", ""))
        params = finding.get("params") or {}
        wording = str(finding.get("wording") or "")
    if not english(language):
        return vietnamese
    template = TEMPLATES.get(wording or code)
    if template is None or not isinstance(params, Mapping):
        return vietnamese
    values = {str(name): PHRASES.get(str(value), str(value)) for name, value in params.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):  # an older row without the values this wording needs
        return vietnamese


def citation_text(citation: Citation | str, language: str | None) -> str:
    """A citation as shown: "document, article [tag]", the article worded in English when
    ``language`` asks for it and the article is known. Document names are proper names
    and stay as they are. Also takes the text form stored on a step."""
    if isinstance(citation, Citation):
        if english(language) and citation.article in ARTICLES:
            return str(Citation(citation.document, ARTICLES[citation.article], citation.tag))
        return str(citation)
    if not english(language) or not citation.endswith("]"):
        return citation
    # "document, article [tag]": either part may hold ", ", so try each split.
    head, _, tag = citation.rpartition(" [")
    start = head.find(", ")
    while start != -1:
        document, article = head[:start], head[start + 2 :]
        if article in ARTICLES:
            return f"{document}, {ARTICLES[article]} [{tag}"
        start = head.find(", ", start + 1)
    return citation
