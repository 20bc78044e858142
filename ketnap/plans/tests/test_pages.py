from __future__ import annotations

from typing import Any

from django.test import Client

from ketnap.audit.models import AuditEntry
from ketnap.plans import services
from ketnap.plans.models import Target
from ketnap.plans.tests.conftest import D, Plans, admit


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(prefix: str = "con", **values: Any) -> dict[str, Any]:
    data = {f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-INITIAL_FORMS": "2", "nam": "2026", "ngay_giao": "10/01/2026"}
    data |= {f"{prefix}-0-code": "chi-bo-a", f"{prefix}-1-code": "chi-bo-a2"}
    return data | values


def test_board_allocates_and_sees_the_warning(plans: Plans) -> None:
    w = plans.w
    services.target_set(
        actor=w.editor_a, organization=w.commune_a, first_year=2026, last_year=2026, total=10, set_on=D(2026, 1, 5)
    )
    client = client_for(plans.board)
    assert client.get("/ke-hoach/to-chuc/xa-a/phan-bo/?nam=2026").status_code == 200
    response = client.post(
        "/ke-hoach/to-chuc/xa-a/phan-bo/?nam=2026", _rows(**{"con-0-total": "4", "con-1-total": "5"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(Target.objects.filter(first_year=2026).values_list("total", flat=True)) == [4, 5, 10]
    admit(w.cell_a, D(2026, 2, 3))
    page = client.get(response["Location"]).content.decode()
    assert "khác chỉ tiêu của cấp trên" in page
    assert "25%" in page  # 1 of 4
    assert "2.026" not in page and "năm 2026" in page  # a year is never grouped like a count


def test_bad_number_is_shown_on_the_field_and_nothing_is_saved(plans: Plans) -> None:
    client = client_for(plans.board)
    response = client.post(
        "/ke-hoach/to-chuc/xa-a/phan-bo/?nam=2026", _rows(**{"con-0-total": "-3", "con-0-women": "x"})
    )
    assert response.status_code == 200
    assert not Target.objects.exists()
    assert 'class="error"' in response.content.decode()


def test_copy_last_year_fills_the_form(plans: Plans) -> None:
    services.target_set(
        actor=plans.board, organization=plans.w.cell_a, first_year=2025, last_year=2025, total=7, set_on=D(2025, 1, 5)
    )
    page = client_for(plans.board).get("/ke-hoach/to-chuc/xa-a/phan-bo/?nam=2026&sao_chep=1").content.decode()
    assert 'name="con-0-total" value="7"' in page


def test_plan_page_and_xlsx_are_scoped(plans: Plans) -> None:
    w = plans.w
    assert client_for(w.viewer_commune_a).get("/ke-hoach/to-chuc/xa-a/?nam=2026").status_code == 200
    assert client_for(w.outsider_b).get("/ke-hoach/to-chuc/xa-a/?nam=2026").status_code == 404
    assert client_for(w.viewer_commune_a).get("/ke-hoach/to-chuc/xa-a/phan-bo/").status_code == 403
    assert client_for(plans.cell_secretary).get("/ke-hoach/to-chuc/xa-a/phan-bo/").status_code == 404
    response = client_for(w.viewer_commune_a).get("/ke-hoach/to-chuc/xa-a/xlsx/?nam=2026&ngay=2026-07-31")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(action="file.download").exists()


def test_bad_year_or_date_is_a_400_not_a_500(plans: Plans) -> None:
    client = client_for(plans.w.viewer_commune_a)
    assert client.get("/ke-hoach/to-chuc/xa-a/?nam=abc").status_code == 400
    assert client.get("/ke-hoach/to-chuc/xa-a/?nam=99999").status_code == 400
    assert client.get("/ke-hoach/to-chuc/xa-a/?ngay=31/02/2026").status_code == 400


def test_panel_on_the_organization_page(plans: Plans) -> None:
    page = client_for(plans.board).get("/to-chuc/xa-a/").content.decode()
    assert "Kế hoạch kết nạp năm 2026" in page
    assert "/ke-hoach/to-chuc/xa-a/phan-bo/" in page
