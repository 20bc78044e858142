"""The pages that keep the tree: who may use them, what they refuse and what they write.

Personas (``build_world``): an administrator of province A is added; the editor of A
and the viewer of a commune in A are in scope without the administrator role (403);
the administrator of province B holds a role on a sibling (404), ``nobody`` none (404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketnap.admission.models import AuthoritySetting
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import World, build_world, make_member, make_org, make_person, make_user
from ketnap.organizations.models import Locality, LocalityCell, Organization, OrgKind, Reorganization, Sector
from ketnap.organizations.services import locality_create
from ketnap.reports.selectors import organization_statistics

ON = dt.date(2025, 7, 1)
EVE = ON - dt.timedelta(days=1)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def admin_a(world: World):
    return make_user("admin_a", (world.province_a, "admin"))


def url(name: str, *args: str) -> str:
    return reverse(f"organizations:{name}", args=args)


# --- Who may use them ---------------------------------------------------------------------------


PAGES = [
    ("add", ("xa-a",)),
    ("rename", ("chi-bo-a",)),
    ("reorganize", ("xa-a",)),
    ("authority", ("xa-a",)),
    ("locality_add", ("xa-a",)),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_forms_need_administer_in_scope(world, admin_a, name, args):
    target = url(name, *args)
    assert client_for(admin_a).get(target).status_code == 200
    assert client_for(world.admin).get(target).status_code == 200
    assert client_for(world.editor_a).get(target).status_code == 403
    assert client_for(world.viewer_commune_a).get(target).status_code == 403
    assert client_for(world.outsider_b).get(target).status_code == 404
    assert client_for(world.nobody).get(target).status_code == 404


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_posts_by_a_sibling_administrator_write_nothing(world, name, args):
    entries = AuditEntry.objects.count()
    data = {"name": "X", "code": "x", "kind": "subordinate_cell", "sector": "village", "valid_from": "01/07/2025"}
    assert client_for(world.outsider_b).post(url(name, *args), data).status_code == 404
    assert client_for(world.editor_a).post(url(name, *args), data).status_code == 403
    assert AuditEntry.objects.count() == entries


def test_anonymous_is_sent_to_login(world):
    response = Client().get(url("add", "xa-a"))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_organization_page_shows_the_actions_only_to_administrators(world, admin_a):
    page = reverse("organization", args=["xa-a"])
    assert url("reorganize", "xa-a") in client_for(admin_a).get(page).content.decode()
    html = client_for(world.editor_a).get(page).content.decode()
    assert url("reorganize", "xa-a") not in html
    assert url("localities", "xa-a") in html


# --- Opening and renaming -----------------------------------------------------------------------


def test_administrator_opens_a_cell_with_a_vietnamese_date(world, admin_a):
    data = {"name": "Chi bộ bản Mới", "code": "chi-bo-ban-moi", "kind": "subordinate_cell", "sector": "village"}
    response = client_for(admin_a).post(url("add", "xa-a"), data | {"valid_from": "01/07/2025"})
    assert response.status_code == 302
    cell = Organization.objects.get(code="chi-bo-ban-moi")
    assert (cell.valid_from, Organization.objects.get_parent(cell), cell.name) == (
        ON,
        world.commune_a,
        "Chi bộ bản Mới",
    )
    assert response["Location"] == reverse("organization", args=["chi-bo-ban-moi"]) + "?ngay=2025-07-01"


def test_a_commune_and_a_ward_are_offered_apart(world, admin_a):
    html = client_for(admin_a).get(url("add", "huyen-a")).content.decode()
    assert '<option value="commune">Xã</option>' in html
    assert '<option value="ward">Phường, thị trấn</option>' in html


def test_kinds_offered_are_those_allowed_below_the_parent(world, admin_a):
    html = client_for(admin_a).get(url("add", "xa-a")).content.decode()
    assert 'value="subordinate_cell"' in html
    assert 'value="provincial"' not in html
    data = {"name": "Sai", "code": "sai", "kind": "provincial", "sector": "other", "valid_from": "01/07/2025"}
    response = client_for(admin_a).post(url("add", "xa-a"), data)
    assert response.status_code == 400
    assert "Loại tổ chức: chọn một giá trị trong danh sách." in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("valid_from", "31/02/2025", "Ngày thành lập: Ngày 31/02/2025 không tồn tại"),
        ("valid_from", "", "Ngày thành lập: cần nhập."),
        ("name", "", "Tên tổ chức: cần nhập."),
        ("code", "Mã có dấu", "Mã: chỉ gồm chữ không dấu"),
        ("code", "chi-bo-a", "đã tồn tại"),
    ],
)
def test_invalid_input_is_refused_naming_the_field(world, admin_a, field, value, message):
    data = {"name": "Chi bộ", "code": "chi-bo-moi", "kind": "subordinate_cell", "sector": "village"}
    data |= {"valid_from": "01/07/2025", field: value}
    count = Organization.objects.count()
    response = client_for(admin_a).post(url("add", "xa-a"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Organization.objects.count() == count


def test_a_date_before_the_parent_opened_is_a_form_error(world, admin_a):
    data = {"name": "Cũ", "code": "cu", "kind": "subordinate_cell", "sector": "village", "valid_from": "01/01/1990"}
    response = client_for(admin_a).post(url("add", "xa-a"), data)
    assert response.status_code == 400
    assert "Tổ chức cấp trên không còn hiệu lực vào ngày này." in response.content.decode()


def test_rename_opens_the_new_name_and_moves_members_and_localities(world, admin_a):
    member = make_member(world.cell_a, given="Đức")
    place = locality_create(
        actor=world.admin,
        commune=world.commune_a,
        code="ban-a",
        name="Bản A",
        kind="hamlet",
        valid_from=ON.replace(year=2000),
    )
    LocalityCell.objects.create(locality=place, cell=world.cell_a, valid_from=dt.date(2001, 1, 1))
    data = {"name": "Chi bộ bản A Mới", "code": "chi-bo-a-moi", "on": "01/07/2025", "document_number": "12-QĐ/ĐU"}
    response = client_for(admin_a).post(url("rename", "chi-bo-a"), data)
    assert response.status_code == 302, response.content.decode()
    renamed = Organization.objects.get(code="chi-bo-a-moi")
    assert (renamed.kind, renamed.sector, Organization.objects.get_parent(renamed)) == (
        OrgKind.SUBORDINATE_CELL,
        Sector.VILLAGE,
        world.commune_a,
    )
    assert Organization.objects.get(pk=world.cell_a.pk).valid_to == ON
    assert organization_statistics(renamed, ON).members == 1
    assert organization_statistics(world.cell_a, EVE).members == 1
    member.refresh_from_db()
    assert member.organization_id == renamed.pk
    assert LocalityCell.objects.as_of(ON).get(locality=place).cell == renamed
    assert Reorganization.objects.get().kind == "rename"


def test_a_commune_renamed_as_a_ward_changes_sector_from_the_date_only(world, admin_a):
    commune = make_org(world.district_a, "xa-c", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã C")
    form = client_for(admin_a).get(url("rename", "xa-c")).content.decode()
    assert 'value="commune" selected' in form and 'value="ward"' in form
    data = {"name": "Đảng bộ phường C", "code": "phuong-c", "on": "01/07/2025", "sector": "ward"}
    assert client_for(admin_a).post(url("rename", "xa-c"), data).status_code == 302
    assert Organization.objects.get(code="phuong-c").sector == Sector.WARD
    assert Organization.objects.get(pk=commune.pk).sector == Sector.COMMUNE  # the commune it was, until the date
    data = {"name": "Đảng bộ phường D", "code": "phuong-d", "on": "01/07/2025", "sector": "thanh-pho"}
    response = client_for(admin_a).post(url("rename", "phuong-c"), data)
    assert response.status_code == 400
    assert "Khối: chọn một giá trị trong danh sách." in response.content.decode()


def test_rename_of_a_committee_with_units_is_refused_on_the_name(world, admin_a):
    data = {"name": "Xã Mới", "code": "xa-moi", "on": "01/07/2025"}
    response = client_for(admin_a).post(url("rename", "xa-a"), data)
    assert response.status_code == 400
    assert "Tổ chức còn tổ chức trực thuộc" in response.content.decode()
    assert not Organization.objects.filter(code="xa-moi").exists()


# --- Merge, split, dissolve ---------------------------------------------------------------------


@pytest.fixture
def merger(world):
    """Commune A's cell and a second cell, with members; a new cell opened on the date."""
    second = make_org(world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL, name="Chi bộ thôn A2")
    members = [make_member(world.cell_a, given=name) for name in ("Một", "Hai", "Ba")]
    members.append(make_member(second, given="Bốn"))
    merged = make_org(
        world.commune_a, "chi-bo-hop-nhat", OrgKind.SUBORDINATE_CELL, name="Chi bộ hợp nhất", valid_from=ON
    )
    return second, members, merged


def preview_query(**values: str) -> dict[str, str]:
    return {"kind": "merge", "on": "01/07/2025", "document_number": "5-QĐ/ĐU", **values}


def test_preview_lists_each_member_and_destination(world, admin_a, merger):
    _second, _members, _merged = merger
    response = client_for(admin_a).get(url("reorganize", "chi-bo-a"), preview_query(target="chi-bo-hop-nhat"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Nguyễn Văn Một", "Nguyễn Văn Hai", "Nguyễn Văn Ba"):
        assert name in html
    assert "Nguyễn Văn Bốn" not in html  # in the other cell, not closing
    assert "Chi bộ hợp nhất" in html
    assert "Xác nhận và thực hiện" in html
    assert not Reorganization.objects.exists()  # a preview writes nothing


def test_preview_counts_the_people_who_follow_without_a_transfer(world, admin_a, merger):
    make_person(world.cell_a, given="Nguồn")
    html = (
        client_for(admin_a).get(url("reorganize", "chi-bo-a"), preview_query(target="chi-bo-hop-nhat")).content.decode()
    )
    assert "1 người khác ghi ở đây (chưa là đảng viên) chuyển theo" in html


def test_preview_without_a_destination_says_who_has_none_and_offers_no_confirm(world, admin_a, merger):
    elsewhere = make_org(world.district_a, "xa-nhan", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã Nhận")
    query = preview_query(kind="split", **{f"to_{merger[0].pk}": elsewhere.code})
    html = client_for(admin_a).get(url("reorganize", "xa-a"), query).content.decode()
    assert "3 đảng viên chưa có nơi nhận" in html
    assert "Chưa có nơi nhận" in html  # on the group of the cell without a destination
    assert "Xác nhận và thực hiện" not in html


def test_preview_of_a_big_unit_is_paginated(world, admin_a, merger):
    for index in range(50):
        make_member(world.cell_a, given=f"Thêm {index:02d}")
    client = client_for(admin_a)
    html = client.get(url("reorganize", "chi-bo-a"), preview_query(target="chi-bo-hop-nhat")).content.decode()
    assert "Trang 1/2" in html
    assert '<td class="num">53</td>' in html  # the group counts every member, not only the page
    second = client.get(url("reorganize", "chi-bo-a"), preview_query(target="chi-bo-hop-nhat", trang="2"))
    assert "Trang 2/2" in second.content.decode()


def test_merge_through_the_page_moves_members_and_statistics_agree(world, admin_a, merger):
    second, _members, merged = merger
    before = organization_statistics(world.commune_a, EVE)
    query = preview_query(target="chi-bo-hop-nhat", **{f"to_{second.pk}": ""})
    response = client_for(admin_a).post(url("reorganize", "chi-bo-a"), query)
    assert response.status_code == 302, response.content.decode()
    assert Organization.objects.get(pk=world.cell_a.pk).valid_to == ON
    assert organization_statistics(merged, ON).members == 3
    assert organization_statistics(world.cell_a, EVE).members == 3
    after = organization_statistics(world.commune_a, ON)
    assert (after.members, after.official) == (before.members, before.official)
    record = Reorganization.objects.get()
    assert (record.kind, record.document_number) == ("merge", "5-QĐ/ĐU")
    assert list(record.opened.all()) == [merged]


def test_split_sends_each_unit_to_its_destination(world, admin_a):
    second = make_org(world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL, name="Chi bộ thôn A2")
    for name, cell in (("Một", world.cell_a), ("Hai", world.cell_a), ("Ba", world.cell_a), ("Bốn", second)):
        make_member(cell, given=name)
    east = make_org(world.district_a, "xa-dong", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã Đông", valid_from=ON)
    west = make_org(world.district_a, "xa-tay", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã Tây", valid_from=ON)
    moves = {f"to_{world.cell_a.pk}": "xa-dong", f"to_{second.pk}": "xa-tay"}
    response = client_for(admin_a).post(url("reorganize", "xa-a"), preview_query(kind="split", **moves))
    assert response.status_code == 302, response.content.decode()
    assert (organization_statistics(east, ON).members, organization_statistics(west, ON).members) == (3, 1)
    assert Organization.objects.get(pk=world.commune_a.pk).valid_to == ON
    assert set(Reorganization.objects.get().opened.all()) == {east, west}


def test_reorganize_refusals_are_form_errors_and_write_nothing(world, admin_a, merger):
    client = client_for(admin_a)
    events = AuditEntry.objects.count()
    cases = [
        (preview_query(target="khong-co"), "Chuyển tất cả đến (mã tổ chức): không tìm thấy tổ chức có mã này."),
        (preview_query(target="chi-bo-b"), "không tìm thấy tổ chức có mã này."),  # outside the user's view
        (preview_query(target="chi-bo-a"), "không được nằm trong tổ chức bị chấm dứt."),
        (preview_query(on="2025-13-01", target="chi-bo-hop-nhat"), "Ngày hiệu lực: "),
        (preview_query(), "Chưa chỉ định nơi chuyển đến"),
    ]
    for data, message in cases:
        response = client.post(url("reorganize", "chi-bo-a"), data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert AuditEntry.objects.count() == events
    assert Organization.objects.get(pk=world.cell_a.pk).valid_to is None


def test_dissolving_an_empty_cell_needs_no_destination(world, admin_a):
    make_org(world.commune_a, "chi-bo-trong", OrgKind.SUBORDINATE_CELL)
    response = client_for(admin_a).post(url("reorganize", "chi-bo-trong"), preview_query(kind="dissolve"))
    assert response.status_code == 302
    assert Organization.objects.get(code="chi-bo-trong").valid_to == ON


# --- The deciding authority ---------------------------------------------------------------------


def test_authority_is_set_from_a_date_and_shown_with_its_history(world, admin_a):
    client = client_for(admin_a)
    data = {"body": "upper_standing_committee", "deciding_organization": "huyen-a", "upper_kind": "district"}
    assert client.post(url("authority", "xa-a"), data | {"valid_from": "01/01/2020"}).status_code == 302
    later = data | {"body": "grassroots_committee", "grassroots_authorised": "on", "deciding_organization": "xa-a"}
    assert client.post(url("authority", "xa-a"), later | {"valid_from": "01/07/2025"}).status_code == 302
    first, second = AuthoritySetting.objects.filter(organization=world.commune_a).order_by("valid_from")
    assert (first.valid_to, second.valid_from, second.grassroots_authorised) == (ON, ON, True)
    html = client.get(url("authority", "xa-a")).content.decode()
    assert "01/01/2020" in html and "01/07/2025" in html
    assert "Tập thể đảng ủy cơ sở được ủy quyền" in html


def test_authority_refuses_an_unknown_body_and_a_deciding_organization_out_of_view(world, admin_a):
    client = client_for(admin_a)
    data = {"body": "king", "deciding_organization": "tinh-b", "upper_kind": "district", "valid_from": "01/07/2025"}
    html = client.post(url("authority", "xa-a"), data).content.decode()
    assert "Cơ quan quyết định: chọn một giá trị trong danh sách." in html
    assert "Cấp ủy quyết định (mã tổ chức): không tìm thấy tổ chức có mã này." in html
    assert not AuthoritySetting.objects.exists()


# --- Localities ---------------------------------------------------------------------------------


def test_locality_created_then_served_by_a_cell_then_headed(world, admin_a):
    client = client_for(admin_a)
    data = {"name": "Bản Nà", "code": "ban-na", "kind": "hamlet", "hardship_area": "on", "valid_from": "01/01/2020"}
    response = client.post(url("locality_add", "xa-a"), data)
    assert response.status_code == 302
    place = Locality.objects.get(code="ban-na")
    assert response["Location"] == url("locality", "xa-a", "ban-na")
    assert place.hardship_area
    for cell, date in (
        (world.cell_a, "01/01/2020"),
        (make_org(world.commune_a, "chi-bo-ghep", OrgKind.SUBORDINATE_CELL, name="Chi bộ ghép"), "01/07/2025"),
    ):
        assert (
            client.post(url("locality_cell", "xa-a", "ban-na"), {"cell": cell.pk, "valid_from": date}).status_code
            == 302
        )
    head = make_person(world.cell_a, given="Trưởng")
    assert (
        client.post(url("locality_head", "xa-a", "ban-na"), {"person": head.pk, "valid_from": "01/02/2020"}).status_code
        == 302
    )
    html = client.get(url("locality", "xa-a", "ban-na")).content.decode()
    assert "Chi bộ thôn A" in html and "Chi bộ ghép" in html and "Nguyễn Văn Trưởng" in html
    assert html.count("01/07/2025") == 2  # the first cell's end and the joint cell's start
    listing = client.get(url("localities", "xa-a")).content.decode()
    assert "Bản Nà" in listing and "Chi bộ ghép" in listing


def test_locality_pickers_offer_only_what_is_in_scope(world, admin_a):
    locality_create(
        actor=world.admin,
        commune=world.commune_a,
        code="ban-b",
        name="Bản B",
        kind="hamlet",
        valid_from=dt.date(2000, 1, 1),
    )
    client = client_for(admin_a)
    stranger = make_person(world.cell_b, given="Lạ")
    response = client.post(url("locality_head", "xa-a", "ban-b"), {"person": stranger.pk, "valid_from": "01/07/2025"})
    assert response.status_code == 400
    assert "Trưởng thôn, bản: chọn một mục trong danh sách." in response.content.decode()
    response = client.post(url("locality_cell", "xa-a", "ban-b"), {"cell": world.cell_b.pk, "valid_from": "01/07/2025"})
    assert "Chi bộ: chọn một mục trong danh sách." in response.content.decode()
    assert not LocalityCell.objects.exists()


def test_locality_pages_scope_three_ways(world, admin_a):
    locality_create(
        actor=world.admin,
        commune=world.commune_a,
        code="ban-c",
        name="Bản C",
        kind="hamlet",
        valid_from=dt.date(2000, 1, 1),
    )
    detail, assign = url("locality", "xa-a", "ban-c"), url("locality_cell", "xa-a", "ban-c")
    assert client_for(world.viewer_commune_a).get(detail).status_code == 200
    assert client_for(world.viewer_commune_a).get(assign).status_code == 403
    assert client_for(admin_a).get(assign).status_code == 200
    for user in (world.outsider_b, world.nobody):
        assert client_for(user).get(detail).status_code == 404
        assert client_for(user).get(assign).status_code == 404
    assert client_for(admin_a).get(url("locality", "xa-b", "ban-c")).status_code == 404


# --- English ------------------------------------------------------------------------------------


def test_pages_render_in_english(world, admin_a, merger):
    client = client_for(admin_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url("reorganize", "chi-bo-a"), preview_query(target="chi-bo-hop-nhat")).content.decode()
    assert "Preview" in html and "Confirm" in html
    html = client.post(url("add", "xa-a"), {"valid_from": "99/99/2025"}).content.decode()
    assert "Founding date: The date 99/99/2025 does not exist in the calendar." in html
    for name in ("authority", "locality_add", "rename"):
        assert client.get(url(name, "xa-a" if name != "rename" else "chi-bo-a")).status_code == 200


def test_a_destination_the_user_may_not_edit_is_a_form_error(world, admin_a, merger):
    both = make_user("both", (world.province_a, "admin"), (world.province_b, "viewer"))
    response = client_for(both).get(url("reorganize", "chi-bo-a"), preview_query(target="chi-bo-b"))
    assert response.status_code == 400
    assert "bạn không có quyền chuyển người đến tổ chức này." in response.content.decode()


def test_an_organization_already_closed_cannot_be_reorganized_again(world, admin_a):
    make_org(world.commune_a, "chi-bo-da-dong", OrgKind.SUBORDINATE_CELL, valid_to=dt.date(2020, 1, 1))
    response = client_for(admin_a).post(url("reorganize", "chi-bo-da-dong"), preview_query(kind="dissolve"))
    assert response.status_code == 400
    assert "không có hiệu lực vào ngày này" in response.content.decode()
    assert not Reorganization.objects.exists()


def test_the_localities_list_costs_the_same_queries_however_many_rows(world, admin_a, django_assert_max_num_queries):
    client = client_for(admin_a)
    for index in range(3):
        place = locality_create(
            actor=world.admin, commune=world.commune_a, code=f"ban-{index}", name=f"Bản {index}", kind="hamlet",
            valid_from=dt.date(2000, 1, 1),
        )  # fmt: skip
        LocalityCell.objects.create(locality=place, cell=world.cell_a, valid_from=dt.date(2001, 1, 1))
    with CaptureQueriesContext(connection) as few:
        client.get(url("localities", "xa-a"))
    for index in range(3, 9):
        place = locality_create(
            actor=world.admin, commune=world.commune_a, code=f"ban-{index}", name=f"Bản {index}", kind="hamlet",
            valid_from=dt.date(2000, 1, 1),
        )  # fmt: skip
        LocalityCell.objects.create(locality=place, cell=world.cell_a, valid_from=dt.date(2001, 1, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Bản 8" in client.get(url("localities", "xa-a")).content.decode()
