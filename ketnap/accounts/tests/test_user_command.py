"""``ketnap user``: the same services and boundaries, for scripts."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ketnap.accounts.models import Account, RoleAssignment
from ketnap.accounts.tests.test_users import STRONG, UsersTestCase
from ketnap.audit.models import AuditEntry


def run(*args: str, stdin: str | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command("user", *args, stdout=out, stderr=err, **extra)
    return out.getvalue(), err.getvalue()


class UserCommandTests(UsersTestCase):
    def test_create_prints_the_one_time_password(self) -> None:
        out, err = run("create", "moi", "--email", "moi@example.org", "--name", "Lò Văn Mới", "--org", "xa-a")
        user = Account.objects.get(user__username="moi").user
        assert user.check_password(out.strip()) and "không thể hiển thị lại" in err

    def test_create_with_a_password_on_stdin_as_an_administrator(self) -> None:
        args = ("create", "moi", "--email", "moi@example.org", "--name", "Mới", "--org", "xa-a", "--password-stdin")
        out, _err = run(*args, "--user", "xa_admin", stdin=STRONG + "\n")
        assert out == ""
        assert Account.objects.get(user__username="moi").user.check_password(STRONG)
        assert AuditEntry.objects.get(action="user.create").actor == self.commune_admin

    def test_refusals_name_the_option_and_exit_non_zero(self) -> None:
        with pytest.raises(CommandError) as error:
            run("create", "peer_a", "--email", "x@example.org", "--name", "X", "--password-stdin", stdin="123\n")
        assert "USERNAME:" in str(error.value) and "--password-stdin:" in str(error.value)
        with pytest.raises(CommandError) as error:
            run("create", "moi", "--email", "x@example.org", "--name", "X", "--org", "tinh-b", "--user", "admin_a")
        assert "Không tìm thấy tổ chức có mã «tinh-b»" in str(error.value)
        with pytest.raises(CommandError) as error:
            run("list", "--user", "khong-ai")
        assert "Không tìm thấy người dùng «khong-ai»" in str(error.value)

    def test_grant_and_revoke_through_the_policy(self) -> None:
        who = ("--user", "xa_admin")
        out, _err = run("grant", "chibo_xem", "--role", "editor", "--org", "chi-bo-a", "--from", "2026-01-05", *who)
        assert "Cập nhật" in out and "05/01/2026" in out
        run("revoke", "chibo_xem", "--role", "editor", "--org", "chi-bo-a", "--on", "2026-02-01", "--user", "xa_admin")
        row = RoleAssignment.objects.get(user=self.cell_viewer, role="editor")
        assert (row.valid_from, row.valid_to) == (dt.date(2026, 1, 5), dt.date(2026, 2, 1))

    def test_grant_on_ones_own_node_is_refused(self) -> None:
        with pytest.raises(CommandError) as error:
            run("grant", "chibo_xem", "--role", "admin", "--org", "xa-a", "--user", "xa_admin")
        assert "không có quyền" in str(error.value)
        with pytest.raises(CommandError):
            run("grant", "chibo_xem", "--role", "viewer", "--org", "tinh-b", "--user", "xa_admin")
        with pytest.raises(CommandError):
            run("grant", "admin_a", "--role", "viewer", "--org", "chi-bo-a", "--user", "xa_admin")

    def test_revoke_without_an_open_role_and_a_bad_date(self) -> None:
        with pytest.raises(CommandError) as error:
            run("revoke", "chibo_xem", "--role", "admin", "--org", "chi-bo-a")
        assert "không có vai trò" in str(error.value)
        with pytest.raises(CommandError) as error:
            run("grant", "chibo_xem", "--role", "viewer", "--org", "xa-a", "--from", "01/02/2026")
        assert "YYYY-MM-DD" in str(error.value)

    def test_list_users_and_access_as_json(self) -> None:
        users = json.loads(run("list", "--format", "json", "--user", "admin_a")[0])
        assert {row["username"] for row in users} == {"viewer_xa_a", "xa_admin", "chibo_xem"}
        access = json.loads(run("list", "--org", "xa-a", "--format", "json")[0])
        assert {(row["username"], row["organization"]) for row in access} >= {("admin", "vn"), ("xa_admin", "xa-a")}
        text = run("list", "--org", "xa-a", "--user", "admin_a")[0]
        assert "viewer_xa_a\tviewer\txa-a" in text
        with pytest.raises(CommandError):
            run("list", "--org", "xa-a", "--user", "viewer_xa_a")

    def test_reset_password_and_deactivate(self) -> None:
        out, _err = run("reset-password", "chibo_xem", "--user", "admin_a")
        self.cell_viewer.refresh_from_db()
        assert self.cell_viewer.check_password(out.strip())
        run("deactivate", "chibo_xem", "--user", "admin_a")
        self.cell_viewer.refresh_from_db()
        assert not self.cell_viewer.is_active
        with pytest.raises(CommandError):
            run("deactivate", "peer_a", "--user", "admin_a")
