"""The models and the committed migrations agree."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_makemigrations_check_finds_no_model_changes() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # --check exits non-zero when a migration is missing
        pytest.fail(f"makemigrations --check found changes (exit {exit_.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
