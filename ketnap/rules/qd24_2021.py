"""QĐ 24-QĐ/TW (30/7/2021) with HD 01-HD/TW (28/9/2021).

Against QĐ 29: the "hoặc tương đương" lower-secondary equivalent is no longer accepted,
and an introducer may know the candidate from the same residence area. HD 01 of
28/9/2021 sets the over-60 conditions and the hardship-area education exception; for
the two months between QĐ 24 and HD 01-2021 the 2021 guidance is applied as well.
"""

from __future__ import annotations

import datetime as dt

from ketnap.rules.base import RULES, Citation, Edition, Parameters, ReadmissionBar
from ketnap.rules.common import CHARTER, COMMON_CITATIONS

QD = "QĐ 24-QĐ/TW"
HD = "HD 01-HD/TW 2021"

PARAMETERS = Parameters(
    accepts_lower_secondary_equivalent=False,
    introducer_residence_counts=True,
    district_level_exists=True,
    # QĐ 24 3.5.2 lists the serious-disunity bar with the other four, as QĐ 29 did.
    readmission_bars=frozenset(ReadmissionBar),
)

CITATIONS: dict[str, Citation] = {
    **COMMON_CITATIONS,
    "transfer": Citation(QD, "6.3.1–6.3.2 (60 và 30 ngày làm việc; sinh hoạt tạm thời)", "A"),
    "age": Citation(QD, "1.1.1–1.1.2 (đủ 18 đến đủ 60 tuổi, tính theo tháng)", "A"),
    "age_over_60": Citation(HD, "1.1 (trên 60 tuổi: sức khỏe, uy tín, cơ sở, đồng ý bằng văn bản)", "C"),
    "education": Citation(QD, "1.2.1 (bằng tốt nghiệp THCS trở lên, bỏ 'tương đương'); HD 01-HD/TW 2021 1.2", "A"),
    "certificate": Citation("Hướng dẫn nghiệp vụ công tác đảng viên", "giấy chứng nhận có giá trị 5 năm", "C"),
    "history_verification": Citation(HD, "3.3 (thẩm tra, kết luận trước khi chứng nhận lý lịch)", "C"),
    "verification_scope": Citation(HD, "3.4a–c (đối tượng thẩm tra; trường hợp không phải thẩm tra)", "C"),
    "introducer_quality": Citation(QD, "3.2.1–3.2.2 (đảng viên chính thức, cùng 12 tháng; người thay thế)", "C"),
    "comments": Citation(CHARTER, "Điều 4 (nhận xét của đoàn thể và chi ủy nơi cư trú)", "C"),
    "cell_vote": Citation(CHARTER, "Điều 5.2 (2/3 số đảng viên chính thức)", "C"),
    "committee_vote": Citation("QĐ 29-QĐ/TW", "4.2c (2/3 số cấp ủy viên; giữ trong QĐ 24)", "A"),
    "admission_decision": Citation(QD, "4.3.1 (như QĐ 29 và QĐ 232: 60 ngày làm việc, gia hạn 30)", "D"),
    "authority": Citation(QD, "4.3.2 (như QĐ 29 4.3.2)", "C"),
    "ceremony": Citation(QD, "4.1 (30 ngày làm việc tổ chức lễ kết nạp)", "C"),
    "member_history": Citation("HD 12-HD/BTCTW 2022", "2.2 (lý lịch đảng viên trong 30 ngày làm việc)", "D"),
    "probation": Citation(QD, "4.2a (xét công nhận trong 30 ngày làm việc sau 12 tháng)", "C"),
    "recognition_dossier": Citation("HD 12-HD/BTCTW 2022", "Phần II 1.1c (hồ sơ công nhận chính thức)", "C"),
    "recognition_decision": Citation(QD, "4.3.1 (như QĐ 29: 30 ngày làm việc, gia hạn 30)", "D"),
    "official_date": Citation(QD, "4.2b (đủ 12 tháng kể từ ngày kết nạp)", "C"),
    "party_age": Citation(QD, "4.5.1; Điều lệ Đảng Điều 5.4", "C"),
    "party_card": Citation("QĐ 29-QĐ/TW", "6.1 (chỉ phát cho đảng viên chính thức)", "A"),
    "readmission": Citation(
        QD, "3.5.1–3.5.4 (ban thường vụ tỉnh ủy đồng ý bằng văn bản; năm trường hợp không xem xét; một lần; dự bị)", "C"
    ),
    "version": Citation(QD, "ngày 30/7/2021, thay thế QĐ 29-QĐ/TW", "B"),
}

EDITION = Edition(
    code="QD24-2021",
    title="Quy định 24-QĐ/TW ngày 30/7/2021 thi hành Điều lệ Đảng; Hướng dẫn 01-HD/TW ngày 28/9/2021",
    regulation=QD,
    guidance=HD,
    effective_from=dt.date(2021, 7, 30),
    effective_to=dt.date(2025, 1, 19),
    parameters=PARAMETERS,
    citations=CITATIONS,
    rules=RULES - {"application_order"},
)
