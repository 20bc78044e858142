"""A missing system package skips the tests that need it, loudly; under CI it fails them."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ketnap.core import sysdeps

SAMPLE = """
import pytest

@pytest.mark.needs("pdftotext")
def test_reads_a_pdf():
    pass

def test_plain():
    pass
"""


@pytest.fixture
def no_pdftotext(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A test file needing pdftotext, run where PATH holds no program at all."""
    pytester.makepyfile(test_sample=SAMPLE)
    monkeypatch.setenv("PATH", str(pytester.mkdir("empty-bin")))
    return pytester


def run(pytester: pytest.Pytester) -> pytest.RunResult:
    # Without Django: the sample needs no settings, only the hooks.
    return pytester.runpytest_subprocess(
        "-p", "no:django", "-p", "ketnap.core.sysdeps", "-p", "no:cacheprovider", "-rs"
    )


def test_missing_tool_skips_with_the_package_and_a_loud_summary(
    no_pdftotext: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "")
    result = run(no_pdftotext)
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(
        [
            "*missing system dependency: pdftotext (apt-get install --no-install-recommends poppler-utils)*",
            "*MISSING SYSTEM PACKAGES: THE RUN IS INCOMPLETE*",
            "*1 test(s) did NOT run: pdftotext is missing*",
        ]
    )
    assert result.ret == 0


def test_missing_tool_fails_under_ci(no_pdftotext: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    result = run(no_pdftotext)
    result.assert_outcomes(passed=1, errors=1)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*missing system dependency: pdftotext*CI installs every system package*"])


def test_present_tool_runs_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sysdeps.shutil, "which", lambda program: f"/usr/bin/{program}")
    assert sysdeps.missing(["pdftotext", "pdftoppm", "msgfmt"]) == []


def test_absent_tools_are_named_once_with_their_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sysdeps.shutil, "which", lambda program: None)
    lacking = sysdeps.missing(["pdftotext", "pdftoppm", "pdftotext"])
    assert [dependency.name for dependency in lacking] == ["pdftotext", "pdftoppm"]
    assert sysdeps.reason(lacking).endswith("(apt-get install --no-install-recommends poppler-utils)")
    assert (
        sysdeps.summary_lines(Counter({"pdftoppm": 1, "pdftotext": 3}))[1]
        == "3 test(s) did NOT run: pdftotext is missing"
    )


def test_unknown_name_is_a_usage_error() -> None:
    with pytest.raises(pytest.UsageError, match="pdftotxt"):
        sysdeps.missing(["pdftotxt"])


def test_ci_installs_every_package_a_marked_test_may_need() -> None:
    from django.conf import settings

    script = (Path(settings.BASE_DIR) / ".ci" / "run").read_text(encoding="utf-8")
    listed = re.search(r"APT_PACKAGES=\(([^)]*)\)", script)
    assert listed is not None
    needed = {package for dependency in sysdeps.DEPENDENCIES.values() for package in dependency.packages.split()}
    assert needed <= set(listed.group(1).split())
