"""System packages some tests need, as a pytest plugin: ``@pytest.mark.needs("pdftotext")``.

A test marked with a tool that is missing is skipped with the apt package to install,
and the run ends with a loud summary of what did not run; under CI (``CI=true``), where
``.ci/run`` installs every package, a missing tool fails the test instead. A fresh
Debian 12 therefore runs ``./dev test`` without an error for a package not installed.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_MISSING = pytest.StashKey[Counter[str]]()


@dataclass(frozen=True)
class SystemDependency:
    name: str
    packages: str  # what to apt-get install
    present: Callable[[], bool]


def _on_path(program: str) -> Callable[[], bool]:
    return lambda: shutil.which(program) is not None


@functools.cache
def _weasyprint_loads() -> bool:
    # WeasyPrint loads Pango and HarfBuzz when imported; without them the import fails.
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


DEPENDENCIES = {
    dependency.name: dependency
    for dependency in [
        SystemDependency("pdftotext", "poppler-utils", _on_path("pdftotext")),
        SystemDependency("pdftoppm", "poppler-utils", _on_path("pdftoppm")),
        SystemDependency("msgfmt", "gettext", _on_path("msgfmt")),
        SystemDependency("pango", "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0", _weasyprint_loads),
        SystemDependency("dejavu", "fonts-dejavu-core", lambda: (DEJAVU / "DejaVuSerif.ttf").exists()),
        SystemDependency("chromium", "chromium chromium-driver", lambda: Path(CHROMIUM).exists()),
    ]
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(names: Iterable[str]) -> list[SystemDependency]:
    """The dependencies among ``names`` that this machine lacks; an unknown name is an error."""
    unknown = sorted(set(names) - set(DEPENDENCIES))
    if unknown:
        raise pytest.UsageError(
            f"unknown system dependency {unknown} in @pytest.mark.needs; known: {sorted(DEPENDENCIES)}"
        )
    return [DEPENDENCIES[name] for name in dict.fromkeys(names) if not DEPENDENCIES[name].present()]


def reason(lacking: list[SystemDependency]) -> str:
    tools = ", ".join(dependency.name for dependency in lacking)
    packages = " ".join(dict.fromkeys(" ".join(dependency.packages for dependency in lacking).split()))
    return f"missing system dependency: {tools} (apt-get install --no-install-recommends {packages})"


def names_of(item: pytest.Item) -> list[str]:
    return [str(name) for marker in item.iter_markers("needs") for name in marker.args]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(*tools): needs these system tools or libraries (ketnap.core.sysdeps)")
    config.stash[_MISSING] = Counter()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture (or a unittest class's set-up) runs: skip, or fail in CI."""
    lacking = missing(names_of(item))
    if not lacking:
        return
    item.config.stash[_MISSING].update(dependency.name for dependency in lacking)
    if in_ci():
        pytest.fail(f"{reason(lacking)}; CI installs every system package, so this must not happen", pytrace=False)
    pytest.skip(reason(lacking))


def summary_lines(counts: Counter[str]) -> list[str]:
    """The closing warning: which tools were missing, for how many tests, and the fix."""
    lines = [f"{counts[name]} test(s) did NOT run: {name} is missing" for name in sorted(counts)]
    lacking = [DEPENDENCIES[name] for name in sorted(counts)]
    return [*lines, "Install: " + reason(lacking).split("(", 1)[1].rstrip(")")]


def pytest_unconfigure(config: pytest.Config) -> None:
    """After the final tally, so the warning is the last thing on the screen."""
    counts = config.stash.get(_MISSING, Counter())
    terminalreporter = config.pluginmanager.get_plugin("terminalreporter")
    if not counts or terminalreporter is None:
        return
    terminalreporter.write_sep("!", "MISSING SYSTEM PACKAGES: THE RUN IS INCOMPLETE", yellow=True, bold=True)
    for line in summary_lines(counts):
        terminalreporter.write_line(line, yellow=True, bold=True)
    terminalreporter.write_sep("!", yellow=True, bold=True)
