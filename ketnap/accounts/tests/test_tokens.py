"""Token services and the ``token`` command: the raw value is shown once, only its hash kept."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone, translation

from ketnap.accounts.models import ApiToken, hash_token
from ketnap.accounts.tokens import token_create, token_revoke, token_user
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import PermissionDenied, ValidationFailed
from ketnap.core.testing import make_user


class TokenServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.alice = make_user("alice")
        cls.bob = make_user("bob")
        cls.root = make_user("root", superuser=True)

    def test_create_stores_only_the_hash_and_returns_the_raw_value(self):
        token, raw = token_create(actor=self.alice, user=self.alice, label="script")
        token.refresh_from_db()
        self.assertEqual(token.digest, hash_token(raw))
        self.assertEqual(token.prefix, raw[:8])
        stored = [str(value) for value in ApiToken.objects.values_list(named=False).get(pk=token.pk)]
        self.assertNotIn(raw, stored)

    def test_create_is_audited_without_the_raw_value(self):
        token, raw = token_create(actor=None, user=self.alice, label="script")
        entry = AuditEntry.objects.get(action="token.create", object_id=str(token.pk))
        self.assertEqual(entry.after["user"], "alice")
        self.assertNotIn(raw, str(entry.after))
        self.assertNotIn(token.digest, str(entry.after))

    def test_token_user_finds_the_active_owner(self):
        _, raw = token_create(actor=None, user=self.alice, label="script")
        self.assertEqual(token_user(raw), self.alice)
        self.assertIsNone(token_user(raw + "x"))
        self.assertIsNone(token_user(""))

    def test_revoked_expired_and_inactive_tokens_authenticate_nobody(self):
        token, raw = token_create(actor=None, user=self.alice, label="script")
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
        self.assertIsNone(token_user(raw))
        ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
        self.alice.is_active = False
        self.alice.save()
        self.assertIsNone(token_user(raw))
        self.alice.is_active = True
        self.alice.save()
        token_revoke(actor=None, token=token)
        self.assertIsNone(token_user(raw))

    def test_revoke_is_audited_once_and_idempotent(self):
        token, _ = token_create(actor=None, user=self.alice, label="script")
        first = token_revoke(actor=self.alice, token=token).revoked_at
        second = token_revoke(actor=self.alice, token=token).revoked_at
        self.assertIsNotNone(first)
        self.assertEqual(first, second)
        self.assertEqual(AuditEntry.objects.filter(action="token.revoke", object_id=str(token.pk)).count(), 1)

    def test_a_user_manages_only_their_own_tokens_unless_superuser(self):
        with self.assertRaises(PermissionDenied):
            token_create(actor=self.bob, user=self.alice, label="not mine")
        token, _ = token_create(actor=self.root, user=self.alice, label="issued")
        with self.assertRaises(PermissionDenied):
            token_revoke(actor=self.bob, token=token)
        self.assertIsNotNone(token_revoke(actor=self.root, token=token).revoked_at)

    def test_expiry_in_the_past_is_refused(self):
        with self.assertRaises(ValidationFailed):
            token_create(actor=None, user=self.alice, label="late", expires_at=timezone.now() - dt.timedelta(days=1))


class TokenCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.alice = make_user("alice")

    def run_command(self, *args: str) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        call_command("token", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_create_prints_the_raw_token_once_and_stores_its_hash(self):
        out, err = self.run_command("create", "--user", "alice", "--label", "nightly export")
        raw = out.strip()
        self.assertEqual(out.count(raw), 1)
        self.assertEqual(len(out.strip().splitlines()), 1)
        token = ApiToken.objects.get(user=self.alice)
        self.assertEqual((token.digest, token.label), (hash_token(raw), "nightly export"))
        # Without --expires-days the token lasts API_TOKEN_DAYS (90 by default).
        assert token.expires_at is not None
        self.assertAlmostEqual(token.expires_at, timezone.now() + dt.timedelta(days=90), delta=dt.timedelta(minutes=1))
        self.assertNotIn(raw, err)
        listing, _ = self.run_command("list")
        self.assertNotIn(raw, listing)
        self.assertIn(token.prefix, listing)

    def test_create_with_expiry(self):
        self.run_command("create", "--user", "alice", "--label", "short", "--expires-days", "7")
        token = ApiToken.objects.get(user=self.alice)
        assert token.expires_at is not None
        self.assertAlmostEqual(token.expires_at, timezone.now() + dt.timedelta(days=7), delta=dt.timedelta(minutes=1))

    def test_create_for_an_unknown_user_fails(self):
        with self.assertRaises(CommandError):
            self.run_command("create", "--user", "nobody-here", "--label", "x")

    def test_revoke_by_prefix_and_again_is_harmless(self):
        out, _ = self.run_command("create", "--user", "alice", "--label", "x")
        prefix = out.strip()[:8]
        revoked, _ = self.run_command("revoke", prefix)
        self.assertIn(prefix, revoked)
        self.assertIsNotNone(ApiToken.objects.get(prefix=prefix).revoked_at)
        again, _ = self.run_command("revoke", prefix)
        self.assertIn("đã bị thu hồi trước đó", again)
        self.assertEqual(AuditEntry.objects.filter(action="token.revoke").count(), 1)

    def test_revoke_unknown_prefix_fails(self):
        with self.assertRaises(CommandError):
            self.run_command("revoke", "kn_nope")

    def test_messages_are_vietnamese(self):
        with self.assertRaisesMessage(CommandError, "Không có người dùng tên 'nobody-here'."):
            self.run_command("create", "--user", "nobody-here", "--label", "x")
        with self.assertRaisesMessage(CommandError, "Không có khóa nào có tiền tố 'kn_nope'."):
            self.run_command("revoke", "kn_nope")
        _out, err = self.run_command("create", "--user", "alice", "--label", "x")
        self.assertIn("Hãy lưu khóa này ngay", err)
        listing, _err = self.run_command("list")
        self.assertIn("đang dùng", listing)

    def test_expiry_message_is_translated(self):
        past = timezone.now() - dt.timedelta(days=1)
        with self.assertRaises(ValidationFailed) as error:
            token_create(actor=None, user=self.alice, label="x", expires_at=past)
        self.assertEqual(error.exception.errors["expires_at"], ["Thời hạn của khóa phải ở tương lai."])
        with translation.override("en"), self.assertRaises(ValidationFailed) as error:
            token_create(actor=None, user=self.alice, label="x", expires_at=past)
        self.assertEqual(error.exception.errors["expires_at"], ["The expiry of the token must be in the future."])
