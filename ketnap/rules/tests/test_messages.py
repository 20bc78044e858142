"""Findings in English: every wording the code can produce has an English template with
the same placeholders, every Vietnamese phrase value and citation article has English,
and ``message`` falls back to the Vietnamese message whenever it cannot do better."""

import ast
import datetime as dt
import re
import string
from pathlib import Path

import pytest

from ketnap.people.status import Status
from ketnap.rules import Citation, Finding, Severity, citation_text, message
from ketnap.rules import admission as a
from ketnap.rules import membership as m
from ketnap.rules import probation as p
from ketnap.rules.editions import DEFAULT, QD294
from ketnap.rules.facts import (
    Body,
    Candidate,
    Education,
    Introduction,
    LeaveReason,
    Readmission,
    RecognitionDossier,
    UpperKind,
)
from ketnap.rules.messages_en import ARTICLES, PHRASES, TEMPLATES

D = dt.date
PACKAGE = Path(__file__).resolve().parents[1]
SOURCES = PACKAGE.parent  # every ``.finding(`` call of the project, the Django layer's included
README = PACKAGE / "README.md"
# Letters only Vietnamese uses: none may be left in an English message built from plain values.
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _finding_calls() -> list[tuple[str, str, str, str]]:
    """(file, template key, code as written, Vietnamese template) of every ``.finding(`` call."""
    calls = []
    for path in sorted(SOURCES.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "finding" or len(node.args) < 4:
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            key_node = keywords.get("wording", node.args[1])
            template = node.args[3]
            where = f"{path.name}:{node.lineno}"
            assert isinstance(template, ast.Constant), f"{where}: the template must be literal"
            assert isinstance(template.value, str), f"{where}: the template must be a string"
            assert isinstance(key_node, ast.Constant), f"{where}: a code not written literally needs a literal wording="
            assert isinstance(key_node.value, str), f"{where}: the template key must be a string"
            calls.append((path.name, key_node.value, ast.unparse(node.args[1]), template.value))
    return calls


CALLS = _finding_calls()
VIETNAMESE_TEMPLATES: dict[str, str] = {key: template for _, key, _, template in CALLS}


def test_the_scan_finds_the_findings_of_every_rules_module():
    files = {name for name, *_ in CALLS}
    assert {"admission.py", "probation.py", "membership.py", "check.py"} <= files
    assert len(CALLS) >= 60


def test_each_template_key_has_one_vietnamese_template():
    by_key: dict[str, set[str]] = {}
    for _, key, _, template in CALLS:
        by_key.setdefault(key, set()).add(template)
    assert {key: templates for key, templates in by_key.items() if len(templates) > 1} == {}


def test_every_template_key_has_an_english_template_and_no_other_is_kept():
    assert sorted(set(VIETNAMESE_TEMPLATES) - set(TEMPLATES)) == []
    assert sorted(set(TEMPLATES) - set(VIETNAMESE_TEMPLATES)) == []


@pytest.mark.parametrize("key", sorted(VIETNAMESE_TEMPLATES))
def test_english_placeholders_match_the_vietnamese_ones(key):
    assert _placeholders(TEMPLATES[key]) == _placeholders(VIETNAMESE_TEMPLATES[key])


def _readme_codes() -> set[str]:
    """The finding codes of the README's table, shorthand expanded: ``.overdue`` after
    ``x.due`` is ``x.overdue``; ``recognition.missing_*`` (a, b) is each of them."""
    codes: set[str] = set()
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = line.split("|")
        if len(cells) < 5 or "`" not in cells[3]:
            continue
        cell, prefix = cells[3], ""
        for token in re.findall(r"`([^`]+)`", cell):
            if token.endswith("_*"):
                listed = re.search(re.escape(f"`{token}`") + r" \(([^)]*)\)", cell)
                assert listed, token
                codes |= {token[:-1] + name.strip() for name in listed.group(1).split(",")}
            elif token.startswith("."):
                codes.add(prefix + token)
            elif "." in token and not token.startswith("ketnap."):
                codes.add(token)
                prefix = token.rsplit(".", 1)[0]
    return codes


def test_the_readme_lists_every_literal_code():
    literal = {ast.literal_eval(code) for _, _, code, _ in CALLS if code.startswith(('"', "'"))}
    assert sorted(literal - _readme_codes()) == []


def test_every_code_of_the_readme_is_worded_in_english():
    """A code is worded by its own key, or by the shared wording of the family it is in."""
    shared = {key for _, key, code, _ in CALLS if not code.startswith(('"', "'")) or key != ast.literal_eval(code)}
    families = {
        "deadline.due": r"\.due$",
        "deadline.overdue": r"\.overdue$",
        "deadline.late": r"\.late$",
        "decision.extension_too_long": r"\.extension_too_long$",
        "decision.extension_without_reason": r"\.extension_without_reason$",
        "education.exception": r"^education\.(hardship|elder)_exception$",
        "history.before_verification": r"^history\..*_before_verification$",
        "comments.missing": r"^comments\..*_missing$",
        "recognition.missing": r"^recognition\.missing_",
        "rights.official_only": r"^rights\.cannot_",
        "ceremony.held_before_decision": r"^ceremony\.before_decision$",
        "deadline.next": r"$^",  # any stored deadline code without a wording of its own
    }
    assert shared == set(families)
    unworded = [
        code
        for code in _readme_codes()
        if code not in TEMPLATES and not any(re.search(pattern, code) for pattern in families.values())
    ]
    assert unworded == []


def test_every_phrase_value_has_english_and_no_other_is_kept():
    phrases = {
        *a.EDUCATION_EXCEPTIONS.values(),
        *a.HISTORY_ACTS.values(),
        *a.COMMENT_ITEMS.values(),
        *a.DEADLINE_ACTS.values(),
        a.UNKNOWN,
        *a.BODY_LABELS.values(),
        *p.ACTIONS.values(),
        *(what for _, _, what in p.DOSSIER_ITEMS),
        p.SELF_REVIEW,
        p.GRASSROOTS_RESOLUTION,
        *m.REASONS.values(),
        *m.TRANSFER_ACTS.values(),
        *m.STATUS_NAMES.values(),
    }
    assert sorted(phrases - set(PHRASES)) == []
    assert sorted(set(PHRASES) - phrases) == []
    assert [english for english in PHRASES.values() if VIETNAMESE.search(english)] == []


def test_every_citation_article_has_english_and_no_other_is_kept():
    articles = {c.article for edition in DEFAULT.editions for c in edition.citations.values()}
    assert sorted(articles - set(ARTICLES)) == []
    assert sorted(set(ARTICLES) - articles) == []


def test_english_wordings_keep_no_vietnamese_word_but_proper_names():
    # Document names (QĐ…, Điều lệ Đảng) and Tết are proper names.
    proper = re.compile(r"QĐ|Điều lệ Đảng|Tết")
    leftovers = {k: v for k, v in {**TEMPLATES, **ARTICLES}.items() if VIETNAMESE.search(proper.sub("", v))}
    assert leftovers == {}


# --- message() ------------------------------------------------------------------------------


def test_message_is_vietnamese_unless_english_is_asked_for():
    finding = a.check_age(Candidate(D(2010, 1, 1), Education.UPPER_SECONDARY), D(2025, 9, 10), QD294)[0]
    assert finding.code == "age.under_18"
    assert finding.params == {"review_on": "10/09/2025", "years": "15", "rest": "8", "turns": "01/01/2028"}
    for language in ("vi", "", None, "fr"):
        assert message(finding, language) == finding.message
    english = (
        "The candidate is not yet 18 (counted in months) on the day of the cell's review (10/09/2025): "
        "15 years 8 months; turns 18 on 01/01/2028."
    )
    assert message(finding, "en") == message(finding, "en-gb") == message(finding, "EN") == english


def test_phrase_values_are_worded_in_english():
    deadline = a.deadline_findings(
        "ceremony", "ceremony", D(2025, 9, 1), None, D(2025, 9, 2), QD294, "tổ chức lễ kết nạp"
    )
    assert message(deadline[0], "en") == "Overdue: the deadline for the admission ceremony was 01/09/2025."
    wrong = a.check_authority(UpperKind.COMMUNE, False, Body.GRASSROOTS_COMMITTEE, QD294)
    assert message(wrong[-1], "en") == (
        "The decision must be issued by the standing committee of the direct upper committee of the grassroots "
        "party organisation, not the authorised grassroots party committee as a whole."
    )
    rights = p.check_member_action("vote", Status.PROBATIONARY, QD294)
    assert message(rights[0], "en") == "Only official party members may vote."


def test_family_findings_come_out_in_english():
    findings = [
        *p.check_recognition_dossier(RecognitionDossier(), D(2024, 9, 1), QD294),
        *m.check_readmission(Readmission(D(2024, 1, 1), LeaveReason.EXPELLED), D(2025, 9, 10), QD294),
        *a.check_comments(None, None, D(2025, 9, 10), QD294),
        *a.check_education(Candidate(D(2000, 1, 1), Education.PRIMARY, hardship_area=True), QD294),
        *a.check_introducers(Introduction(()), None, D(2025, 9, 10), QD294),
    ]
    assert len(findings) >= 10
    vietnamese = [(f.code, message(f, "en")) for f in findings if VIETNAMESE.search(message(f, "en"))]
    assert vietnamese == []


def test_a_stored_finding_is_worded_from_its_code_and_params():
    finding = a.check_certificate(D(2019, 1, 1), D(2025, 9, 10), QD294)[0]
    stored = {"code": finding.code, "message": finding.message, "params": dict(finding.params), "wording": ""}
    assert message(stored, "en").startswith("The party awareness certificate issued on 01/01/2019 is no longer valid")
    assert message(stored, "vi") == finding.message


def test_an_old_stored_finding_without_params_falls_back_to_its_message():
    old = {"code": "certificate.expired", "message": "Giấy chứng nhận … đã hết giá trị."}
    assert message(old, "en") == "Giấy chứng nhận … đã hết giá trị."
    # A wording that needs no value is English even for an old row.
    assert message({"code": "certificate.missing", "message": "Chưa có…"}, "en") == (
        "No certificate of the party awareness class yet."
    )
    unknown = Finding("made.up", Severity.INFO, "Thông báo.", Citation("QĐ 294-QĐ/TW", "x", "D"))
    assert message(unknown, "en") == "Thông báo."


def test_citation_articles_are_worded_in_english_and_documents_kept():
    citation = QD294.cite("age")
    assert citation_text(citation, "vi") == str(citation)
    english = "QĐ 294-QĐ/TW, Article 1, 1.1.1 (from a full 18 to a full 60 years of age, counted in months) [D]"
    assert citation_text(citation, "en") == english
    assert citation_text(str(citation), "en") == english  # the text stored on a step
    assert citation_text("Sổ tay, điều lạ [C]", "en") == "Sổ tay, điều lạ [C]"
