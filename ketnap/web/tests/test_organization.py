"""The organization page (its statistics report) and the xlsx download."""

from __future__ import annotations

import datetime as dt
import sys
import types

import pytest
from django.urls import reverse

from ketnap.core.testing import make_member, make_org
from ketnap.organizations.models import OrgKind

from .conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"), [("nobody", 404), ("editor_a", 200), ("viewer_commune_a", 200), ("outsider_b", 404)]
)
def test_organization_page_three_ways(world, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("organization", args=["xa-a"]))
    assert response.status_code == status


def test_visible_but_missing_look_the_same(world):
    client = client_for(world.editor_a)
    hidden = client.get(reverse("organization", args=["tinh-b"]))
    missing = client.get(reverse("organization", args=["khong-co"]))
    assert hidden.status_code == missing.status_code == 404
    assert "Không tìm thấy" in hidden.content.decode()


def test_page_shows_key_figures_children_and_links(world):
    make_member(world.cell_a, gender="female")
    make_member(world.cell_a, given="Bình", ethnicity="thai")
    make_member(world.cell_a, given="Cường", official=False, ceremony=dt.date(2024, 6, 1))
    response = client_for(world.viewer_commune_a).get(reverse("organization", args=["xa-a"]), {"ngay": "2024-12-31"})
    html = response.content.decode()
    assert "Thống kê đến ngày 31/12/2024" in html
    assert "<strong>3</strong>" in html
    assert "(33,33%)" in html  # one woman of three members, Vietnamese decimal comma
    assert "Chi bộ thôn A" in html
    assert reverse("organization_people", args=["xa-a"]) in html
    assert reverse("organization_xlsx", args=["xa-a"]) + "?as_of=2024-12-31" in html


def test_htmx_date_change_returns_only_the_body(world):
    response = client_for(world.editor_a).get(
        reverse("organization", args=["xa-a"]), {"ngay": "2024-01-01"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Thống kê đến ngày 01/01/2024" in html


def test_date_before_the_organization_existed_is_a_notice(world):
    make_org(
        world.district_a, "xa-moi", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã Mới", valid_from=dt.date(2020, 1, 1)
    )
    response = client_for(world.editor_a).get(reverse("organization", args=["xa-moi"]), {"ngay": "2019-06-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "không tồn tại vào ngày 30/06/2019" in html
    assert "Thống kê đến ngày" not in html


@pytest.fixture
def exporter(monkeypatch):
    """Stands in for ``ketnap.reports.exports`` so the view's contract is tested alone."""
    calls = []
    fake = types.ModuleType("ketnap.reports.exports")

    def statistics_xlsx(stats):
        calls.append(stats)
        return b"PK-fake-xlsx"

    fake.statistics_xlsx = statistics_xlsx
    monkeypatch.setitem(sys.modules, "ketnap.reports.exports", fake)
    return calls


@pytest.mark.parametrize(("persona", "status"), [("nobody", 404), ("editor_a", 200), ("outsider_b", 404)])
def test_xlsx_three_ways(world, exporter, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("organization_xlsx", args=["xa-a"]))
    assert response.status_code == status


def test_xlsx_exports_the_statistics_of_the_date(world, exporter):
    response = client_for(world.editor_a).get(reverse("organization_xlsx", args=["xa-a"]), {"as_of": "2023-07-01"})
    assert response.content == b"PK-fake-xlsx"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="thong-ke-xa-a-2023-07-01.xlsx"' in response["Content-Disposition"]
    (stats,) = exporter
    assert (stats.organization_code, stats.as_of) == ("xa-a", dt.date(2023, 7, 1))


def test_xlsx_download_is_audited_with_who_which_file_and_which_organization(world, exporter):
    from ketnap.audit.models import AuditEntry
    from ketnap.core.downloads import DOWNLOAD_ACTION

    client_for(world.viewer_commune_a).get(reverse("organization_xlsx", args=["xa-a"]), {"as_of": "2023-07-01"})
    entry = AuditEntry.objects.get(action=DOWNLOAD_ACTION)
    assert entry.actor == world.viewer_commune_a
    assert (entry.object_type, entry.object_id) == ("organizations.organization", str(world.commune_a.pk))
    assert entry.after == {"kind": "statistics_xlsx", "file": "thong-ke-xa-a-2023-07-01.xlsx", "as_of": "2023-07-01"}
    assert entry.organization_path == world.commune_a.path


def test_xlsx_with_the_real_exporter_is_a_workbook(world):
    pytest.importorskip("ketnap.reports.exports", reason="the reports exporter is not in this checkout yet")
    import io

    import openpyxl

    response = client_for(world.editor_a).get(reverse("organization_xlsx", args=["xa-a"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any("Đảng bộ xã A" in value for value in cells)


BAD_DATE = "Tính đến ngày: "


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2021-13-01", "Ngày 2021-13-01 không tồn tại trong lịch"),
        ("31/02/2021", "Ngày 31/02/2021 không tồn tại trong lịch"),
        ("hôm qua", "«hôm qua» không phải một ngày"),
        ("20210101", "«20210101» không phải một ngày"),
        ("0001-01-01", "Ngày 01/01/0001 nằm ngoài khoảng ngày được hỗ trợ (01/01/1900–31/12/2199)"),
        ("31/12/9999", "Ngày 31/12/9999 nằm ngoài khoảng ngày được hỗ trợ"),
    ],
)
def test_a_bad_date_is_refused_with_the_form_error_not_replaced_by_today(world, value, said):
    make_member(world.cell_a)
    response = client_for(world.editor_a).get(reverse("organization", args=["xa-a"]), {"ngay": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert BAD_DATE in html
    assert said in html
    assert "Thống kê đến ngày" not in html


def test_a_bad_date_in_an_htmx_swap_shows_the_message_in_the_body(world):
    response = client_for(world.editor_a).get(
        reverse("organization", args=["xa-a"]), {"ngay": "2021-13-01"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert BAD_DATE in response.content.decode()


def test_xlsx_with_a_bad_date_is_a_400_with_the_message(world, exporter):
    response = client_for(world.editor_a).get(reverse("organization_xlsx", args=["xa-a"]), {"ngay": "2021-13-01"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert BAD_DATE in response.content.decode()
    assert exporter == []


def test_xlsx_with_a_bad_date_still_hides_other_provinces(world, exporter):
    response = client_for(world.editor_a).get(reverse("organization_xlsx", args=["tinh-b"]), {"ngay": "2021-13-01"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["home", "people"])
def test_tree_and_people_pages_refuse_a_bad_date(world, name):
    response = client_for(world.editor_a).get(reverse(name), {"ngay": "2021-13-01"})
    assert response.status_code == 400
    assert BAD_DATE in response.content.decode()


def test_kinds_shown_are_only_those_that_can_occur_below(world):
    make_member(world.cell_a)
    response = client_for(world.editor_a).get(reverse("organization", args=["xa-a"]), {"ngay": "2024-12-31"})
    labels = [str(f.label) for s in response.context["sections"][:1] for f in s.figures]
    assert labels == ["Đảng ủy bộ phận", "Chi bộ trực thuộc"]
    assert response.context["stats"].organizations_by_kind["grassroots_committee"] == 0  # the row keeps every kind
    province = client_for(world.editor_a).get(reverse("organization", args=["tinh-a"]), {"ngay": "2024-12-31"})
    shown = [str(f.label) for f in province.context["sections"][0].figures]
    assert "Đảng bộ tỉnh, thành phố" not in shown
    assert "Đảng bộ trực thuộc tỉnh" in shown


def test_a_cell_page_has_no_empty_organizations_section(world):
    response = client_for(world.editor_a).get(reverse("organization", args=["chi-bo-a"]), {"ngay": "2024-12-31"})
    assert str(response.context["sections"][0].title) != "Tổ chức đảng trực thuộc theo loại"


def test_a_closed_organization_links_to_those_that_replaced_it(world):
    from ketnap.organizations.models import Reorganization

    old = make_org(
        world.district_a, "xa-cu", OrgKind.GRASSROOTS_COMMITTEE, name="Đảng bộ xã Cũ", valid_to=dt.date(2025, 7, 1)
    )
    new = make_org(
        world.district_a,
        "xa-moi-2",
        OrgKind.GRASSROOTS_COMMITTEE,
        name="Đảng bộ xã Mới",
        valid_from=dt.date(2025, 7, 1),
    )
    record = Reorganization.objects.create(kind="merge", effective_on=dt.date(2025, 7, 1))
    record.closed.add(old)
    record.opened.add(new)
    html = (
        client_for(world.editor_a).get(reverse("organization", args=["xa-cu"]), {"ngay": "2025-01-01"}).content.decode()
    )
    assert "Được thay bằng:" in html
    assert reverse("organization", args=["xa-moi-2"]) + "?ngay=2025-07-01" in html
    html = client_for(world.editor_a).get(reverse("organization", args=["xa-moi-2"])).content.decode()
    assert "Hình thành từ:" in html and reverse("organization", args=["xa-cu"]) in html
    # An outsider sees neither (the successor is outside their view).
    assert client_for(world.outsider_b).get(reverse("organization", args=["xa-cu"])).status_code == 404


@pytest.mark.parametrize("value", ["1900-01-01", "01/01/1929", "1929-12-31"])
def test_dates_before_1930_are_refused_with_a_clear_message(world, value):
    response = client_for(world.editor_a).get(reverse("organization", args=["xa-a"]), {"ngay": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "không được trước năm 1930" in html
    assert 'value="01/01/1"' not in html


def test_1930_is_accepted(world):
    response = client_for(world.admin).get(reverse("organization", args=["vn"]), {"ngay": "1930-01-01"})
    assert response.status_code == 200


def test_the_page_links_to_the_dashboard_of_the_organization_on_the_same_date(world):
    response = client_for(world.viewer_commune_a).get(reverse("organization", args=["xa-a"]), {"ngay": "31/12/2024"})
    html = response.content.decode()
    dashboard = reverse("dashboard:organization", args=["xa-a"]) + "?ngay=2024-12-31"
    assert f'<a class="button primary" href="{dashboard}">Tổng quan</a>' in html
    assert html.count('id="org-actions"') == 1 and "hx-swap-oob" not in html


def test_an_htmx_date_change_moves_the_links_at_the_top_to_the_new_date(world):
    response = client_for(world.editor_a).get(
        reverse("organization", args=["xa-a"]), {"ngay": "2024-01-01"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="org-actions" hx-swap-oob="true"' in html
    assert reverse("dashboard:organization", args=["xa-a"]) + "?ngay=2024-01-01" in html
    assert reverse("admission:board", args=["xa-a"]) + "?ngay=2024-01-01" in html


def test_a_bad_date_in_an_htmx_swap_leaves_the_links_at_the_top_alone(world):
    response = client_for(world.editor_a).get(
        reverse("organization", args=["xa-a"]), {"ngay": "31/02/2024"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert "org-actions" not in response.content.decode()
