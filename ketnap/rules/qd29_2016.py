"""QĐ 29-QĐ/TW (25/7/2016) with HD 01-HD/TW (20/9/2016).

Kept so cases begun before 30/7/2021 are judged by the rules of their time: the
lower-secondary diploma "hoặc tương đương" was accepted, and an introducer had to have
worked, laboured or studied with the candidate (living in the same area did not count).
The over-60 conditions (health and prestige, a base without members or a special need,
the written agreement of the standing committee of the committee directly under the
Central Committee) are HD 01-HD/TW 2016 1.1, word for word the same as HD 01 of 2021.
"""

from __future__ import annotations

import datetime as dt

from ketnap.rules.base import RULES, Citation, Edition, Parameters, ReadmissionBar
from ketnap.rules.common import CHARTER, COMMON_CITATIONS

QD = "QĐ 29-QĐ/TW"
HD = "HD 01-HD/TW 2016"

PARAMETERS = Parameters(
    accepts_lower_secondary_equivalent=True,
    introducer_residence_counts=False,
    district_level_exists=True,
    # QĐ 29 3.5.2 lists the serious-disunity bar with the other four (text read, December 2026).
    readmission_bars=frozenset(ReadmissionBar),
)

CITATIONS: dict[str, Citation] = {
    **COMMON_CITATIONS,
    "transfer": Citation(QD, "6.3.1–6.3.2 (60 và 30 ngày làm việc; sinh hoạt tạm thời)", "A"),
    "age": Citation(QD, "1.1a (đủ 18 đến đủ 60 tuổi, tính theo tháng)", "A"),
    "age_over_60": Citation(HD, "1.1 (trên 60 tuổi: sức khỏe, uy tín, cơ sở, ban thường vụ đồng ý bằng văn bản)", "C"),
    "education": Citation(QD, "1.2 (bằng tốt nghiệp THCS hoặc tương đương trở lên)", "A"),
    "certificate": Citation("Hướng dẫn nghiệp vụ công tác đảng viên", "giấy chứng nhận có giá trị 5 năm", "C"),
    "history_verification": Citation(HD, "3.3 (thẩm tra trước khi chứng nhận lý lịch)", "C"),
    "verification_scope": Citation(HD, "3.4 (đối tượng thẩm tra; trường hợp không phải thẩm tra)", "C"),
    "introducer_quality": Citation(QD, "3.2 (đảng viên chính thức, cùng công tác, học tập 12 tháng)", "B"),
    "comments": Citation(CHARTER, "Điều 4 (nhận xét của đoàn thể và chi ủy nơi cư trú)", "C"),
    "cell_vote": Citation(HD, "3.6b (2/3 số đảng viên chính thức)", "C"),
    "committee_vote": Citation(QD, "4.2c (2/3 số đảng viên chính thức hoặc cấp ủy viên)", "A"),
    "admission_decision": Citation(QD, "4.3.1 (60 ngày làm việc, gia hạn không quá 30)", "A"),
    "authority": Citation(QD, "4.3.2 (thẩm quyền quyết định kết nạp)", "A"),
    "ceremony": Citation(QD, "4.1 (30 ngày làm việc tổ chức lễ kết nạp)", "A"),
    "member_history": Citation("HD 12-HD/BTCTW 2022", "2.2 (lý lịch đảng viên; áp dụng tương tự)", "D"),
    "probation": Citation(QD, "4.2a (xét công nhận trong 30 ngày làm việc sau 12 tháng)", "A"),
    "recognition_dossier": Citation("HD 12-HD/BTCTW 2022", "Phần II 1.1c (hồ sơ công nhận; áp dụng tương tự)", "C"),
    "recognition_decision": Citation(QD, "4.3.1 (30 ngày làm việc, gia hạn không quá 30)", "A"),
    "official_date": Citation(QD, "4.2b (đủ 12 tháng kể từ ngày kết nạp)", "A"),
    "failure_path": Citation(QD, "4.2a, 4.2c (ba lần biểu quyết không đủ 2/3)", "A"),
    "party_age": Citation(QD, "4.5 (tuổi đảng)", "C"),
    "party_card": Citation(QD, "6.1 (chỉ phát cho đảng viên chính thức)", "A"),
    "readmission": Citation(
        QD, "3.5.1b (ban thường vụ tỉnh ủy đồng ý bằng văn bản), 3.5.2 (năm trường hợp không xem xét)", "C"
    ),
    "version": Citation(QD, "ngày 25/7/2016, thay thế QĐ 45-QĐ/TW", "B"),
}

EDITION = Edition(
    code="QD29-2016",
    title="Quy định 29-QĐ/TW ngày 25/7/2016 thi hành Điều lệ Đảng; Hướng dẫn 01-HD/TW ngày 20/9/2016",
    regulation=QD,
    guidance=HD,
    effective_from=dt.date(2016, 7, 25),
    effective_to=dt.date(2021, 7, 29),
    parameters=PARAMETERS,
    citations=CITATIONS,
    rules=RULES - {"application_order"},
)
