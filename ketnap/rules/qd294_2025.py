"""QĐ 294-QĐ/TW (26/5/2025, effective 01/7/2025) with HD 06-HD/TW (09/6/2025).

Most point numbers of QĐ 294 and HD 06 used here were read only through a public quiz
on party procedures (tag D); where a rule's text was not read at all for this edition
the previous edition's wording is assumed and the citation says so. HD 06 is dated
09/6/2025, before QĐ 294 took effect; it implements QĐ 294, so it is paired with it
from 01/7/2025 and the weeks between stay under QĐ 232 with HD 01-HD/TW 2021.
"""

from __future__ import annotations

import datetime as dt

from ketnap.rules.base import RULES, Citation, Edition, Parameters
from ketnap.rules.common import CHARTER, COMMON_CITATIONS

QD = "QĐ 294-QĐ/TW"
HD = "HD 06-HD/TW 2025"

PARAMETERS = Parameters(
    accepts_lower_secondary_equivalent=False,
    introducer_residence_counts=True,
    district_level_exists=False,  # commune/ward/special-zone committees are the direct upper level
)

CITATIONS: dict[str, Citation] = {
    **COMMON_CITATIONS,
    "transfer": Citation(QD, "6.3.1–6.3.2 (60 và 30 ngày làm việc; cấp ủy cấp trên trực tiếp giới thiệu)", "B"),
    "age": Citation(QD, "Điều 1, 1.1.1 (đủ 18 đến đủ 60 tuổi, tính theo tháng)", "D"),
    # HD 06 "Về tuổi đời" was read truncated; the HD 01 2021 conditions are assumed (§12.2).
    "age_over_60": Citation(HD, "1.1 (trên 60 tuổi; giả định giữ điều kiện của HD 01-HD/TW 2021)", "D"),
    "education": Citation(QD, "1.2.1–1.2.2 (bằng tốt nghiệp THCS trở lên; ngoại lệ theo hướng dẫn)", "D"),
    "certificate": Citation(HD, "5.4 (giấy chứng nhận có giá trị 60 tháng)", "D"),
    "application_order": Citation(HD, "mục 3 (đơn xin vào Đảng trước lý lịch)", "D"),
    "history_verification": Citation(HD, "3.4d (đóng dấu giáp lai trước khi thẩm tra)", "D"),
    "verification_scope": Citation(HD, "3.4 (đối tượng và nội dung thẩm tra)", "D"),
    "introducer_quality": Citation(QD, "Điều 4, 3.2.1–3.2.2 (đảng viên chính thức, cùng 12 tháng)", "D"),
    "comments": Citation("HD 12-HD/BTCTW 2022", "II.1.1a(6) (tổng hợp nhận xét, nơi cư trú)", "C"),
    "cell_vote": Citation(HD, "3.6b; QĐ 294 9.3.2 (2/3 đảng viên chính thức, cách tính)", "D"),
    "committee_vote": Citation(HD, "3.7a (2/3 tổng số cấp ủy viên)", "D"),
    # §12.2: QĐ 294 4.3.1 not read; the 60 + 30 working days of QĐ 232 assumed kept.
    "admission_decision": Citation(QD, "4.3.1 (chưa đọc văn bản; giả định như QĐ 232)", "D"),
    # §12.2: authority wording after the district level was abolished is an inference.
    "authority": Citation(QD, "4.3.2; tổ chức đảng theo cấp xã (suy luận)", "B"),
    "ceremony": Citation(QD, "Điều 5, điểm 4 (30 ngày làm việc tổ chức lễ kết nạp)", "D"),
    "member_history": Citation("HD 12-HD/BTCTW 2022", "2.2 (lý lịch đảng viên trong 30 ngày làm việc)", "D"),
    "probation": Citation(QD, "4.2 (xét công nhận trong 30 ngày làm việc sau 12 tháng)", "D"),
    "recognition_dossier": Citation("HD 12-HD/BTCTW 2022", "Phần II 1.1c (hồ sơ công nhận chính thức)", "C"),
    "recognition_decision": Citation(QD, "4.3.1 (chưa đọc văn bản; giả định như QĐ 232)", "D"),
    "official_date": Citation(QD, "4.2b (giả định như QĐ 24: đủ 12 tháng kể từ ngày kết nạp)", "D"),
    "failure_path": Citation(CHARTER, "Điều 5.2; QĐ 294 4.2c (ba lần biểu quyết không đủ 2/3)", "D"),
    "party_age": Citation(CHARTER, "Điều 5.4; HD 01-HD/TW 2021 (tính từ ngày ký quyết định kết nạp)", "C"),
    "party_card": Citation(HD, "phát và quản lý thẻ đảng viên (chi tiết chưa đọc; như QĐ 29 6.1)", "D"),
    "readmission": Citation(QD, "3.5.1–3.5.2 (điều kiện và trường hợp không kết nạp lại)", "D"),
    "version": Citation(QD, "thay thế QĐ 232-QĐ/TW từ 01/7/2025", "B"),
}

EDITION = Edition(
    code="QD294-2025",
    title="Quy định 294-QĐ/TW ngày 26/5/2025 thi hành Điều lệ Đảng; Hướng dẫn 06-HD/TW ngày 09/6/2025",
    regulation=QD,
    guidance=HD,
    effective_from=dt.date(2025, 7, 1),
    effective_to=None,
    parameters=PARAMETERS,
    citations=CITATIONS,
    rules=RULES,
)
