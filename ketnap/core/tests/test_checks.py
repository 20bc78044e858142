"""Configuration system checks."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import run_checks
from django.test import SimpleTestCase, override_settings

from ketnap.core.checks import DEVELOPMENT_SECRET_KEY, language_code_check, secret_key_messages

PG = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


class SecretKeyCheckTests(SimpleTestCase):
    def ids(self, **kwargs) -> list[str | None]:
        return [message.id for message in secret_key_messages(**kwargs)]

    def test_warns_on_development_key_in_production_looking_setup(self) -> None:
        assert self.ids(secret_key=DEVELOPMENT_SECRET_KEY, debug=False, engine=PG) == ["ketnap.W001"]

    def test_silent_with_a_real_key(self) -> None:
        assert self.ids(secret_key="x" * 50, debug=False, engine=PG) == []

    def test_silent_in_debug(self) -> None:
        assert self.ids(secret_key=DEVELOPMENT_SECRET_KEY, debug=True, engine=PG) == []

    def test_silent_on_sqlite(self) -> None:
        assert self.ids(secret_key=DEVELOPMENT_SECRET_KEY, debug=False, engine=SQLITE) == []

    def test_constant_matches_the_settings_fallback(self) -> None:
        source = (Path(settings.BASE_DIR) / "config" / "settings.py").read_text(encoding="utf-8")
        assert f'"{DEVELOPMENT_SECRET_KEY}"' in source

    @override_settings(SECRET_KEY=DEVELOPMENT_SECRET_KEY, DEBUG=False)
    def test_is_registered_with_django(self) -> None:
        ids = [message.id for message in run_checks(tags=["security"])]
        expected = "postgresql" in settings.DATABASES["default"]["ENGINE"]
        assert ("ketnap.W001" in ids) is expected


class LanguageCodeCheckTests(SimpleTestCase):
    @override_settings(LANGUAGE_CODE="fr")
    def test_errors_when_language_code_is_not_offered(self) -> None:
        assert [message.id for message in language_code_check()] == ["ketnap.E001"]
        assert "ketnap.E001" in [message.id for message in run_checks(tags=["translation"])]

    @override_settings(LANGUAGE_CODE="en-us")
    def test_errors_for_a_variant_not_listed_even_where_django_allows_it(self) -> None:
        assert [message.id for message in language_code_check()] == ["ketnap.E001"]

    def test_default_vietnamese_passes(self) -> None:
        assert settings.LANGUAGE_CODE == "vi"
        assert language_code_check() == []
