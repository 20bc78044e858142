"""Citations shared by every edition: the Party Charter and the Labour Code.

The Charter (Điều lệ Đảng, XI Congress 2011) did not change between the editions
modelled here; the implementing regulations and guidance around it did.
"""

from __future__ import annotations

from ketnap.rules.base import Citation

CHARTER = "Điều lệ Đảng"

COMMON_CITATIONS: dict[str, Citation] = {
    "dossier_items": Citation(CHARTER, "Điều 4.1 (đơn tự nguyện, lý lịch trung thực, hai đảng viên giới thiệu)", "C"),
    "introducer_count": Citation(
        CHARTER, "Điều 4.1 (hai đảng viên chính thức; đoàn viên: BCH Đoàn cơ sở và một đảng viên)", "C"
    ),
    "helper": Citation(CHARTER, "Điều 5.1 (chi bộ phân công đảng viên chính thức giúp đỡ)", "C"),
    "failure_path": Citation(CHARTER, "Điều 5.2 (không đủ điều kiện thì đề nghị xóa tên)", "C"),
    "probationary_rights": Citation(CHARTER, "Điều 3.4 (đảng viên dự bị không biểu quyết, ứng cử, bầu cử)", "D"),
    # Which status allows which ledger event: membership ends by removal, expulsion, leaving
    # or death (Charter art. 8–10); exemption by cell resolution (QĐ 24 7.1, HD 12 2022 IV.1).
    "membership_events": Citation(CHARTER, "Điều 7–10 (miễn sinh hoạt, xóa tên, khai trừ, ra khỏi Đảng)", "C"),
    "standing_vote": Citation(
        CHARTER, "Điều 10.5 (nghị quyết có giá trị khi hơn một nửa số thành viên cơ quan đó tán thành)", "C"
    ),
    "working_days": Citation("Bộ luật Lao động 2019", "Điều 112 (nghỉ lễ, tết)", "A"),
}
