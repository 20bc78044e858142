"""``ketnap check --deploy``: silent under the production environment of the README,
and loud about accounts still using the demonstration password."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from ketnap.core.checks import demo_password_check, two_factor_check
from ketnap.core.testing import make_user
from ketnap.demo.users import PASSWORD

README = Path(settings.BASE_DIR) / "README.md"


def production_environment() -> dict[str, str]:
    """The ``export NAME=value`` lines of the README's production example."""
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- production-environment -->", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    env: dict[str, str] = {}
    for name, value in re.findall(r"^export (\w+)=(.*?)(?:\s+#.*)?$", block, flags=re.MULTILINE):
        env[name] = secrets.token_urlsafe(50) if value.startswith('"$(') else value.strip("'\"")
    return env


def test_the_readme_names_the_production_environment():
    env = production_environment()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"} <= set(env)


def test_the_production_environment_passes_the_deploy_checks(tmp_path):
    # Only the README's variables: the test run's own (DJANGO_ALLOW_ASYNC_UNSAFE…) stay out.
    env = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ} | production_environment()
    # An empty database in place of the PostgreSQL server of the example.
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "KETNAP_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_password_on_an_active_account_is_a_deploy_warning(db):
    user = make_user("tinh.xem")
    user.set_password(PASSWORD)
    user.save()
    inactive = make_user("cu")
    inactive.set_password(PASSWORD)
    inactive.is_active = False
    inactive.save()
    make_user("other")
    messages = demo_password_check()
    assert [message.id for message in messages] == ["ketnap.W010"]
    assert "tinh.xem" in messages[0].msg and "cu" not in messages[0].msg.split(":")[1]


def test_no_warning_once_the_passwords_are_changed(db):
    make_user("tinh.xem")
    assert demo_password_check() == []


@pytest.mark.django_db
def test_demo_password_check_runs_only_under_deploy():
    from django.core.checks import run_checks

    get_user_model().objects.create_user("demo", password=PASSWORD)
    assert "ketnap.W010" not in [m.id for m in run_checks(tags=["security"])]
    assert "ketnap.W010" in [m.id for m in run_checks(tags=["security"], include_deployment_checks=True)]


def test_two_factor_switched_off_is_a_deploy_warning(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert [m.id for m in two_factor_check()] == ["ketnap.W011"]
    settings.TWO_FACTOR_REQUIRED_ROLES = ["approver", "admin"]
    assert two_factor_check() == []
