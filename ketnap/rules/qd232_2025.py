"""QĐ 232-QĐ/TW (20/01/2025, effective on signing) with HD 01-HD/TW (28/9/2021).

QĐ 232 kept the QĐ 24 rules for admission (age, lower-secondary diploma only,
introducers, 60 + 30 working days for the decision) and changed the political-standard
wording and the readmission bars. The district level still existed.
"""

from __future__ import annotations

import datetime as dt

from ketnap.rules.base import RULES, Citation, Edition, Parameters
from ketnap.rules.common import CHARTER, COMMON_CITATIONS

QD = "QĐ 232-QĐ/TW"
HD = "HD 01-HD/TW 2021"

PARAMETERS = Parameters(
    accepts_lower_secondary_equivalent=False,
    introducer_residence_counts=True,
    district_level_exists=True,
)

CITATIONS: dict[str, Citation] = {
    **COMMON_CITATIONS,
    "transfer": Citation(QD, "6.3.1–6.3.2 (giả định như QĐ 24)", "C"),
    "age": Citation(QD, "1.1.1 (đủ 18 đến đủ 60 tuổi, tính theo tháng)", "A"),
    "age_over_60": Citation(HD, "1.1 (trên 60 tuổi: sức khỏe, uy tín, cơ sở, đồng ý bằng văn bản)", "C"),
    "education": Citation(QD, "1.2.1 (bằng tốt nghiệp THCS trở lên); HD 01-HD/TW 2021 1.2", "A"),
    "certificate": Citation("Hướng dẫn nghiệp vụ công tác đảng viên", "giấy chứng nhận có giá trị 5 năm", "C"),
    "history_verification": Citation(HD, "3.3 (thẩm tra, kết luận trước khi chứng nhận lý lịch)", "C"),
    "verification_scope": Citation(HD, "3.4a–c (đối tượng thẩm tra; trường hợp không phải thẩm tra)", "C"),
    "introducer_quality": Citation("QĐ 24-QĐ/TW", "3.2.1–3.2.2 (giữ nguyên trong QĐ 232)", "C"),
    "comments": Citation("HD 12-HD/BTCTW 2022", "II.1.1a(6) (tổng hợp nhận xét, nơi cư trú)", "C"),
    "cell_vote": Citation(CHARTER, "Điều 5.2 (2/3 số đảng viên chính thức)", "C"),
    "committee_vote": Citation("QĐ 29-QĐ/TW", "4.2c (2/3 số cấp ủy viên; giữ trong QĐ 232)", "A"),
    "admission_decision": Citation(QD, "4.3.1 (60 ngày làm việc, gia hạn không quá 30)", "C"),
    "authority": Citation(QD, "4.3.2 (như QĐ 29 4.3.2)", "C"),
    "ceremony": Citation(QD, "4.1 (30 ngày làm việc tổ chức lễ kết nạp)", "C"),
    "member_history": Citation("HD 12-HD/BTCTW 2022", "2.2 (lý lịch đảng viên trong 30 ngày làm việc)", "D"),
    "probation": Citation(QD, "4.2a (xét công nhận trong 30 ngày làm việc sau 12 tháng)", "C"),
    "recognition_dossier": Citation("HD 12-HD/BTCTW 2022", "Phần II 1.1c (hồ sơ công nhận chính thức)", "C"),
    "recognition_decision": Citation(QD, "4.3.1 (30 ngày làm việc, gia hạn không quá 30)", "C"),
    "official_date": Citation("QĐ 24-QĐ/TW", "4.2b (đủ 12 tháng kể từ ngày kết nạp)", "C"),
    "party_age": Citation(CHARTER, "Điều 5.4; HD 01-HD/TW 2021 (tính từ ngày ký quyết định kết nạp)", "C"),
    "party_card": Citation("QĐ 29-QĐ/TW", "6.1 (chỉ phát cho đảng viên chính thức)", "A"),
    "readmission": Citation(QD, "3.5.1–3.5.2 (36 tháng; 60 tháng sau xóa án tích; trường hợp loại trừ)", "C"),
    "version": Citation(QD, "có hiệu lực từ ngày ký 20/01/2025, thay thế QĐ 24-QĐ/TW", "B"),
}

EDITION = Edition(
    code="QD232-2025",
    title="Quy định 232-QĐ/TW ngày 20/01/2025 thi hành Điều lệ Đảng; Hướng dẫn 01-HD/TW ngày 28/9/2021",
    regulation=QD,
    guidance=HD,
    effective_from=dt.date(2025, 1, 20),
    effective_to=dt.date(2025, 6, 30),
    parameters=PARAMETERS,
    citations=CITATIONS,
    rules=RULES - {"application_order"},
)
