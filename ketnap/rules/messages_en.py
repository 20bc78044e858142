"""English wording of the findings, by template key (a finding's ``wording``, else its ``code``).

Pure Python, no Django, beside the Vietnamese templates it translates: each entry uses the
same ``{name}`` placeholders as the Vietnamese template of that key, filled with the same
values (dates stay dd/mm/yyyy, as the Vietnamese message shows them). A value that is
itself a Vietnamese phrase (what is due, which body decides…) is worded by
:data:`PHRASES`. Citations keep the document names, which are proper names, and word the
article with :data:`ARTICLES`. Tests check that every template key used in the code has
an entry here with the same placeholders, and that every phrase and article is covered.
"""

from __future__ import annotations

TEMPLATES: dict[str, str] = {
    # --- 1. Age
    "age.under_18": (
        "The candidate is not yet 18 (counted in months) on the day of the cell's review ({review_on}): "
        "{years} years {rest} months; turns 18 on {turns}."
    ),
    "age.over_60": (
        "The candidate is over 60 ({years} years {rest} months): the party committee directly under the Central "
        "Committee considers and decides."
    ),
    "age.over_60_health_prestige": "A candidate over 60 must have sufficient health and prestige.",
    "age.over_60_base_condition": (
        "A candidate over 60 may be considered only when working or living where there is no party organisation "
        "or no party member yet, or when there is a special need."
    ),
    "age.over_60_approval_missing": (
        "The written agreement of the standing committee of the party committee directly under the Central "
        "Committee is needed before the competent level decides to admit a candidate over 60."
    ),
    # --- 2. Education
    "education.insufficient": ("The candidate has no lower-secondary school diploma and is not one of the exceptions."),
    "education.equivalent_not_accepted": (
        "An 'equivalent' of lower-secondary school is no longer accepted; a lower-secondary school diploma is "
        "required ({edition})."
    ),
    "education.exception": "Exception on the level of education applied ({kind}).",
    "education.exception_approval_missing": (
        "The exception on the level of education needs the written agreement of the competent level."
    ),
    # --- 3. Awareness-class certificate
    "certificate.missing": "No certificate of the party awareness class yet.",
    "certificate.expired": (
        "The party awareness certificate issued on {issued} is no longer valid ({months} months) after {expires}; "
        "the cell must send the candidate to the class again before the review."
    ),
    "certificate.expiring": (
        "The party awareness certificate issued on {issued} is no longer valid after {expires}; the cell should "
        "review the candidate before that day or send them to the class again."
    ),
    # --- 3–4. Application and personal history
    "dossier.application_missing": "No application for party membership yet.",
    "dossier.personal_history_missing": "No personal history of the applicant yet.",
    "dossier.application_after_history": (
        "The application for party membership ({application}) must come before the applicant's personal history "
        "({history})."
    ),
    # --- 5. Personal history certified only after verification
    "history.sent_before_stamping": (
        "The personal history must be checked and stamped across its pages before it is sent for verification."
    ),
    "history.before_verification": "{what} the personal history only once the verification has concluded.",
    "history.not_stamped": (
        "The personal history was not checked, stamped across its pages and sent for verification before the "
        "cell's review ({review_on})."
    ),
    "history.verification_not_concluded": (
        "The verification of the personal history was not concluded before the cell's review ({review_on})."
    ),
    "history.not_certified": (
        "The grassroots party committee had not certified the personal history after verification before the "
        "cell's review ({review_on})."
    ),
    # --- 6. Verification
    "verification.missing": "No verification result yet for the personal history of a relative ({relation}, {key}).",
    "verification.parents_not_declared": (
        "The personal history declares no parents and no person who raised the candidate; they must be declared "
        "to set the scope of the verification."
    ),
    "verification.abroad_route": (
        "Relative abroad ({key}): verified through the upper party committee or the Vietnamese representative "
        "mission abroad (the Party Committee Abroad)."
    ),
    # --- 7. Introducers
    "introducer.not_official": (
        "The introducer ({key}) must be an official party member on the day of the introduction; probationary "
        "members may not introduce people for admission."
    ),
    "introducer.residence_not_accepted": (
        "Under {edition}, the introducer ({key}) must work, labour or study with the candidate; being in the same "
        "party activity at the place of residence does not count yet."
    ),
    "introducer.not_long_enough": (
        "The introducer ({key}) must have worked, studied or been in party activity with the candidate for at "
        "least {months} months (reached on {reached})."
    ),
    "introducer.too_few": "{needed} official party members eligible to introduce are needed; there are {valid}.",
    "introducer.youth_not_union_member": (
        "A candidate of Youth Union age, where there is a Union organisation, must be a Union member."
    ),
    "introducer.union_resolution_missing": (
        "No resolution yet of the grassroots Youth Union executive committee introducing the outstanding Union "
        "member for admission."
    ),
    # --- 8. Comments
    "comments.missing": "The dossier lacks {what} before the day of the cell's review ({review_on}).",
    # --- 9–10. Votes
    "cell_vote.too_few_members": (
        "The cell has only {n} official members (minimum {min}); it needs to be consolidated or merged."
    ),
    "cell_vote.probationary_ballots_ignored": (
        "{n} ballots of probationary members do not count: probationary members do not vote."
    ),
    "cell_vote.not_passed": (
        "The resolution was approved by only {yes}/{den} official members; at least {required} ({ratio}) are needed."
    ),
    "committee_vote.not_passed": (
        "Only {yes}/{total} committee members approved; at least {required} ({ratio} of all committee members) "
        "are needed."
    ),
    # --- 11, 13, 15, 16, 18. Deadlines (every ``<prefix>.due``/``.overdue``/``.late``)
    "decision.extension_too_long": ("An extension of {ext} working days exceeds the maximum of {max} working days."),
    "decision.extension_without_reason": "An extension must state its reason.",
    "deadline.due": "Deadline for {what}: {due}.",
    "deadline.overdue": "Overdue: the deadline for {what} was {due}.",
    "deadline.late": "Late: {what} on {done}; the deadline was {due}.",
    "deadline.next": "Next deadline: {due}.",
    # --- 12. Authority
    "authority.district_abolished": (
        "From {start} there is no district level; the direct upper committee of a grassroots party organisation "
        "is the party committee of the commune, ward or special zone, or the committee assigned."
    ),
    "authority.commune_before_reform": (
        "Before 01/7/2025 a commune or ward party committee was not the direct upper level of a grassroots party "
        "organisation."
    ),
    "authority.wrong_body": "The decision must be issued by {expected}, not {actual}.",
    "authority.not_configured": (
        "No competent party committee is set for this cell on this date; set on the organisation tree who decides "
        "(which committee, which body) before recording the decision."
    ),
    # --- 13. Ceremony
    "ceremony.before_decision": (
        "The admission ceremony may be held only after the cell has received the admission decision."
    ),
    "ceremony.held_before_decision": (
        "The admission ceremony ({held}) is before the day the cell received the decision ({received})."
    ),
    "ceremony.late_approved": (
        "The late admission ceremony (deadline {due}) was agreed by the direct upper party committee."
    ),
    "ceremony.late_without_approval": (
        "The admission ceremony on {held} is past the deadline of {due} (30 working days from receiving the "
        "decision); it must be reported to and agreed by the direct upper party committee."
    ),
    # --- 14. Helper
    "helper.missing": (
        "No official party member assigned yet to help the probationary member (admission ceremony on {ceremony})."
    ),
    "helper.not_official": "The helper ({key}) must be an official party member.",
    "helper.assigned_late": "The helper was assigned on {assigned}, after the admission ceremony ({ceremony}).",
    # --- 16, 19. Probation and the official date
    "probation.review_too_early": (
        "The cell reviews recognition as an official member only after the 12 months of probation (from {official})."
    ),
    "probation.in_progress": "On probation; the cell reviews from {official}, deadline {due}.",
    "official_date.mismatch": (
        "The official date must be {expected} (a full 12 months from the admission ceremony on {ceremony}), "
        "not {recorded}."
    ),
    # --- 17, 20. Recognition
    "recognition.missing": "The recognition dossier lacks {what}.",
    "recognition.self_review_too_early": (
        "The self-review is written after the 12 months of probation (from {official})."
    ),
    "recognition.escalate": (
        "{n} votes have failed to reach 2/3 for recognition or removal: report to the direct upper party committee "
        "and to the competent committee to consider and decide."
    ),
    "recognition.escalated": (
        "After {n} votes failed to reach 2/3, the upper party committee decided on {on}; the decision follows it."
    ),
    "recognition.propose_removal": (
        "Not qualified for recognition: the cell proposes that the competent level remove the name from the list "
        "of probationary members."
    ),
    # --- 21. Probationary members' rights
    "rights.official_only": "Only official party members may {what}.",
    # --- 23. Party card
    "card.not_official": "Party cards are issued to official members only.",
    "card.wrong_issuer": (
        "Issuing the card is decided by the direct upper committee of the grassroots party organisation (members "
        "abroad: the Party Committee Abroad)."
    ),
    # --- 24. Readmission
    "readmission.barred_reason": (
        "A person who left the party for this reason is not considered for readmission: {reason}."
    ),
    "readmission.once_only": "A person may be readmitted only once.",
    "readmission.conviction_not_expunged": (
        "The conviction has not been expunged; readmission is considered only {months} months after it is expunged."
    ),
    "readmission.too_soon": "Too early to consider readmission: possible from {possible}.",
    "readmission.probation_required": "A readmitted person must go through probation.",
    "authority.configured_grassroots_standing": (
        "The standing committee of the grassroots party committee decides, as set on the organization tree "
        "(the 2026 text has not been checked word for word)."
    ),
    "standing_vote.not_passed": (
        "Only {yes}/{total} standing committee members agreed; more than half ({required}) needed."
    ),
    "readmission.provincial_consent_missing": (
        "No written agreement of the provincial standing committee (or equivalent) before the readmission "
        "decision ({decided_on})."
    ),
    # --- 32. Editions
    "edition.pin_mismatch": (
        "This step was recorded under {pinned}, but the document in force on the step's date is {expected}."
    ),
    # --- 27–29. The membership ledger, temporary activity, transfers
    "ledger.in_future": "The date of the event may not be after today.",
    "ledger.before_last_event": (
        "The date of the event must be {last} or later (the latest event recorded); correct an earlier event "
        "with a correction, do not insert before it."
    ),
    "ledger.not_on_rolls": "This person is not on the party rolls on {date}.",
    "ledger.on_rolls": "This person is on the party rolls on {date}.",
    "ledger.status": "This event cannot be recorded for this person, {status} on {date}.",
    "ledger.already_temporary": "The member is already on temporary activity elsewhere; record the return first.",
    "ledger.not_temporary": "The member is not on temporary activity elsewhere.",
    "ledger.never_member": "Only a former party member can be readmitted.",
    "ledger.former_member_returns_by_readmission": (
        "Someone who was a party member here returns only by readmission (or by a received transfer)."
    ),
    "ledger.transfer_open": "The member already has a transfer of party activity that has not ended.",
    "temporary.too_short": "Temporary activity applies to stays of {months} months or more.",
    "temporary.too_long": "Longer than temporary activity allows ({months} months); make an official transfer.",
    "transfer.arrival.reason_missing": "Arrived after the deadline of {due}: the reason must be reported.",
    "edition.unconfirmed": "Applied {title}; the content of this document has not been confirmed.",
}

# Vietnamese phrases the rules put into messages as values, and their English.
PHRASES: dict[str, str] = {
    # Education exceptions ({kind})
    "vùng khó khăn, ngư dân": "hardship area, fisherman",
    "già làng, trưởng bản": "village elder, hamlet head",
    # Acts on the personal history ({what})
    "Chi ủy nhận xét": "The cell committee comments on",
    "Đảng ủy cơ sở chứng nhận": "The grassroots party committee certifies",
    # Comments in the dossier ({what})
    "nhận xét của chi ủy (chi bộ) nơi cư trú": "the comments of the cell committee (cell) where the candidate lives",
    "tổng hợp ý kiến nhận xét của đoàn thể chính trị - xã hội": (
        "the summary of the comments of the socio-political organisations"
    ),
    # Introducer together since an unknown date ({reached})
    "chưa rõ": "a date not yet known",
    # What a deadline waits for ({what})
    "bắt đầu chuyển sinh hoạt đảng": "starting the transfer of party activity",
    "nộp thư giới thiệu tại nơi chuyển đến": "presenting the introduction letter where the member moves",
    # Statuses a ledger event does not apply to ({status})
    "người đã có quyết định kết nạp nhưng chưa làm lễ": "person decided for admission but not yet admitted",
    "đảng viên dự bị": "probationary member",
    "đảng viên chính thức": "official member",
    "đảng viên được miễn công tác và sinh hoạt": "member exempted from work and activity",
    "ra quyết định": "the decision",
    "tổ chức lễ kết nạp": "the admission ceremony",
    "hoàn thành lý lịch đảng viên": "completing the member's personal history",
    "chi bộ xét công nhận đảng viên chính thức": "the cell's review for official membership",
    # Deciding bodies ({expected}, {actual})
    "tập thể đảng ủy cơ sở được ủy quyền": "the authorised grassroots party committee as a whole",
    "ban thường vụ đảng ủy cơ sở": "the standing committee of the grassroots party committee",
    "ban thường vụ cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng": (
        "the standing committee of the direct upper committee of the grassroots party organisation"
    ),
    "thường trực cấp ủy và ủy viên ban thường vụ là trưởng các ban đảng": (
        "the committee's standing members and the standing-committee members heading the party commissions"
    ),
    "cấp có thẩm quyền theo quy định riêng của Bộ Chính trị (Quân đội, Công an)": (
        "the level competent under the Politburo's separate rules (army, public security)"
    ),
    # Recognition dossier items ({what})
    "giấy chứng nhận bồi dưỡng lý luận chính trị cho đảng viên mới": (
        "the certificate of the political theory course for new members"
    ),
    "bản tự kiểm điểm của đảng viên dự bị": "the probationary member's self-review",
    "bản nhận xét của đảng viên được phân công giúp đỡ": "the comments of the member assigned to help",
    "tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú": (
        "the summary of the comments of the mass organisations and of the cell committee where the member lives"
    ),
    "nghị quyết của chi bộ đề nghị công nhận đảng viên chính thức": (
        "the cell's resolution proposing recognition as an official member"
    ),
    "nghị quyết của đảng ủy cơ sở": "the grassroots party committee's resolution",
    # Rights of official members only ({what})
    "biểu quyết": "vote",
    "ứng cử": "stand for election",
    "bầu cử": "elect",
    "giới thiệu người vào Đảng": "introduce people for admission to the party",
    "giúp đỡ đảng viên dự bị": "help probationary members",
    # Reasons for having left the party ({reason})
    "bị xóa tên": "removed from the list",
    "bị khai trừ": "expelled",
    "bỏ sinh hoạt đảng": "abandoned party activity",
    "tự ý xin ra khỏi Đảng": "asked to leave the party of their own accord",
    "gây mất đoàn kết nội bộ nghiêm trọng": "caused serious internal disunity",
    "bị kết án về tội tham nhũng": "convicted of corruption",
    "bị kết án về tội nghiêm trọng trở lên": "convicted of a serious crime or worse",
}

# The article of each citation (document names stay as they are: they are proper names).
ARTICLES: dict[str, str] = {
    "1.1 (trên 60 tuổi: sức khỏe, uy tín, cơ sở, ban thường vụ đồng ý bằng văn bản)": (
        "1.1 (over 60: health, prestige, the base, the standing committee's written agreement)"
    ),
    "3.5.1b (ban thường vụ tỉnh ủy đồng ý bằng văn bản), 3.5.2 (năm trường hợp không xem xét)": (
        "3.5.1b (the provincial standing committee's written agreement), 3.5.2 (five cases not considered)"
    ),
    "3.5.1–3.5.4 (ban thường vụ tỉnh ủy đồng ý bằng văn bản; năm trường hợp không xem xét; một lần; dự bị)": (
        "3.5.1–3.5.4 (the provincial standing committee's written agreement; five cases not considered; once only; "
        "probation)"
    ),
    "Điều 10.5 (nghị quyết có giá trị khi hơn một nửa số thành viên cơ quan đó tán thành)": (
        "art. 10.5 (a resolution is valid when more than half of the body's members agree)"
    ),
    "6.3.1–6.3.2 (60 và 30 ngày làm việc; sinh hoạt tạm thời)": (
        "6.3.1–6.3.2 (60 and 30 working days; temporary activity)"
    ),
    "6.3.1–6.3.2 (giả định như QĐ 24)": "6.3.1–6.3.2 (assumed as in QĐ 24)",
    "6.3.1–6.3.2 (60 và 30 ngày làm việc; cấp ủy cấp trên trực tiếp giới thiệu)": (
        "6.3.1–6.3.2 (60 and 30 working days; introduced by the direct upper committee)"
    ),
    "Điều 7–10 (miễn sinh hoạt, xóa tên, khai trừ, ra khỏi Đảng)": (
        "Articles 7–10 (exemption from activity, removal from the rolls, expulsion, leaving the party)"
    ),
    "1.1 (trên 60 tuổi: sức khỏe, uy tín, cơ sở, đồng ý bằng văn bản)": (
        "1.1 (over 60: health, prestige, the base's situation, written agreement)"
    ),
    "1.1 (trên 60 tuổi; giả định giữ điều kiện của HD 01-HD/TW 2021)": (
        "1.1 (over 60; the conditions of HD 01-HD/TW 2021 assumed kept)"
    ),
    "1.1.1 (đủ 18 đến đủ 60 tuổi, tính theo tháng)": (
        "1.1.1 (from a full 18 to a full 60 years of age, counted in months)"
    ),
    "1.1.1–1.1.2 (đủ 18 đến đủ 60 tuổi, tính theo tháng)": (
        "1.1.1–1.1.2 (from a full 18 to a full 60 years of age, counted in months)"
    ),
    "1.1a (đủ 18 đến đủ 60 tuổi, tính theo tháng)": (
        "1.1a (from a full 18 to a full 60 years of age, counted in months)"
    ),
    "1.2 (bằng tốt nghiệp THCS hoặc tương đương trở lên)": "1.2 (lower-secondary diploma or equivalent, or higher)",
    "1.2.1 (bằng tốt nghiệp THCS trở lên); HD 01-HD/TW 2021 1.2": (
        "1.2.1 (lower-secondary diploma or higher); HD 01-HD/TW 2021 1.2"
    ),
    "1.2.1 (bằng tốt nghiệp THCS trở lên, bỏ 'tương đương'); HD 01-HD/TW 2021 1.2": (
        "1.2.1 (lower-secondary diploma or higher, 'equivalent' dropped); HD 01-HD/TW 2021 1.2"
    ),
    "1.2.1–1.2.2 (bằng tốt nghiệp THCS trở lên; ngoại lệ theo hướng dẫn)": (
        "1.2.1–1.2.2 (lower-secondary diploma or higher; exceptions as guided)"
    ),
    "2.2 (lý lịch đảng viên trong 30 ngày làm việc)": "2.2 (member's personal history within 30 working days)",
    "2.2 (lý lịch đảng viên; áp dụng tương tự)": "2.2 (member's personal history; applied likewise)",
    "3.2 (đảng viên chính thức, cùng công tác, học tập 12 tháng)": (
        "3.2 (official members who worked or studied with the candidate for 12 months)"
    ),
    "3.2.1–3.2.2 (giữ nguyên trong QĐ 232)": "3.2.1–3.2.2 (unchanged in QĐ 232)",
    "3.2.1–3.2.2 (đảng viên chính thức, cùng 12 tháng; người thay thế)": (
        "3.2.1–3.2.2 (official members, 12 months together; replacements)"
    ),
    "3.3 (thẩm tra trước khi chứng nhận lý lịch)": "3.3 (verification before the personal history is certified)",
    "3.3 (thẩm tra, kết luận trước khi chứng nhận lý lịch)": (
        "3.3 (verification and its conclusion before the personal history is certified)"
    ),
    "3.4 (đối tượng thẩm tra; trường hợp không phải thẩm tra)": "3.4 (who is verified; when no verification is needed)",
    "3.4 (đối tượng và nội dung thẩm tra)": "3.4 (who is verified and on what)",
    "3.4a–c (đối tượng thẩm tra; trường hợp không phải thẩm tra)": (
        "3.4a–c (who is verified; when no verification is needed)"
    ),
    "3.4d (đóng dấu giáp lai trước khi thẩm tra)": "3.4d (pages stamped across before verification)",
    "3.5.1–3.5.2 (36 tháng; 60 tháng sau xóa án tích; trường hợp loại trừ)": (
        "3.5.1–3.5.2 (36 months; 60 months after a conviction is expunged; excluded cases)"
    ),
    "3.5.1–3.5.2 (điều kiện và trường hợp không kết nạp lại)": "3.5.1–3.5.2 (conditions, and the cases not readmitted)",
    "3.6b (2/3 số đảng viên chính thức)": "3.6b (2/3 of the official members)",
    "3.6b; QĐ 294 9.3.2 (2/3 đảng viên chính thức, cách tính)": (
        "3.6b; QĐ 294 9.3.2 (2/3 of the official members, how they are counted)"
    ),
    "3.7a (2/3 tổng số cấp ủy viên)": "3.7a (2/3 of all committee members)",
    "4.1 (30 ngày làm việc tổ chức lễ kết nạp)": "4.1 (admission ceremony within 30 working days)",
    "4.2 (xét công nhận trong 30 ngày làm việc sau 12 tháng)": (
        "4.2 (recognition review within 30 working days after the 12 months)"
    ),
    "4.2a (xét công nhận trong 30 ngày làm việc sau 12 tháng)": (
        "4.2a (recognition review within 30 working days after the 12 months)"
    ),
    "4.2a, 4.2c (ba lần biểu quyết không đủ 2/3)": "4.2a, 4.2c (three votes without a 2/3 majority)",
    "4.2b (giả định như QĐ 24: đủ 12 tháng kể từ ngày kết nạp)": (
        "4.2b (assumed as in QĐ 24: a full 12 months from the admission)"
    ),
    "4.2b (đủ 12 tháng kể từ ngày kết nạp)": "4.2b (a full 12 months from the admission)",
    "4.2c (2/3 số cấp ủy viên; giữ trong QĐ 232)": "4.2c (2/3 of the committee members; kept in QĐ 232)",
    "4.2c (2/3 số cấp ủy viên; giữ trong QĐ 24)": "4.2c (2/3 of the committee members; kept in QĐ 24)",
    "4.2c (2/3 số đảng viên chính thức hoặc cấp ủy viên)": (
        "4.2c (2/3 of the official members or of the committee members)"
    ),
    "4.3.1 (30 ngày làm việc, gia hạn không quá 30)": "4.3.1 (30 working days, extended by at most 30)",
    "4.3.1 (60 ngày làm việc, gia hạn không quá 30)": "4.3.1 (60 working days, extended by at most 30)",
    "4.3.1 (chưa đọc văn bản; giả định như QĐ 232)": "4.3.1 (text not read; assumed as in QĐ 232)",
    "4.3.1 (như QĐ 29 và QĐ 232: 60 ngày làm việc, gia hạn 30)": (
        "4.3.1 (as in QĐ 29 and QĐ 232: 60 working days, extension of 30)"
    ),
    "4.3.1 (như QĐ 29: 30 ngày làm việc, gia hạn 30)": "4.3.1 (as in QĐ 29: 30 working days, extension of 30)",
    "4.3.2 (như QĐ 29 4.3.2)": "4.3.2 (as in QĐ 29 4.3.2)",
    "4.3.2 (thẩm quyền quyết định kết nạp)": "4.3.2 (authority to decide an admission)",
    "4.3.2; tổ chức đảng theo cấp xã (suy luận)": "4.3.2; party organisations at commune level (inferred)",
    "4.5 (tuổi đảng)": "4.5 (party age)",
    "4.5.1; Điều lệ Đảng Điều 5.4": "4.5.1; Điều lệ Đảng Article 5.4",
    "5.4 (giấy chứng nhận có giá trị 60 tháng)": "5.4 (the certificate is valid for 60 months)",
    "6.1 (chỉ phát cho đảng viên chính thức)": "6.1 (issued to official members only)",
    "II.1.1a(6) (tổng hợp nhận xét, nơi cư trú)": "II.1.1a(6) (summary of comments; place of residence)",
    "Phần II 1.1c (hồ sơ công nhận chính thức)": "Part II 1.1c (dossier for recognition as an official member)",
    "Phần II 1.1c (hồ sơ công nhận; áp dụng tương tự)": "Part II 1.1c (recognition dossier; applied likewise)",
    "có hiệu lực từ ngày ký 20/01/2025, thay thế QĐ 24-QĐ/TW": (
        "in force from signature on 20/01/2025, replacing QĐ 24-QĐ/TW"
    ),
    "giấy chứng nhận có giá trị 5 năm": "the certificate is valid for 5 years",
    "mục 3 (đơn xin vào Đảng trước lý lịch)": "section 3 (application before the personal history)",
    "ngày 25/7/2016, thay thế QĐ 45-QĐ/TW": "of 25/7/2016, replacing QĐ 45-QĐ/TW",
    "ngày 30/7/2021, thay thế QĐ 29-QĐ/TW": "of 30/7/2021, replacing QĐ 29-QĐ/TW",
    "phát và quản lý thẻ đảng viên (chi tiết chưa đọc; như QĐ 29 6.1)": (
        "issue and management of party cards (details not read; as in QĐ 29 6.1)"
    ),
    "thay thế QĐ 232-QĐ/TW từ 01/7/2025": "replacing QĐ 232-QĐ/TW from 01/7/2025",
    "Điều 1, 1.1.1 (đủ 18 đến đủ 60 tuổi, tính theo tháng)": (
        "Article 1, 1.1.1 (from a full 18 to a full 60 years of age, counted in months)"
    ),
    "Điều 112 (nghỉ lễ, tết)": "Article 112 (public holidays and Tết)",
    "Điều 3.4 (đảng viên dự bị không biểu quyết, ứng cử, bầu cử)": (
        "Article 3.4 (probationary members do not vote, stand for election or elect)"
    ),
    "Điều 4 (nhận xét của đoàn thể và chi ủy nơi cư trú)": (
        "Article 4 (comments of the mass organisations and of the cell committee where the candidate lives)"
    ),
    "Điều 4, 3.2.1–3.2.2 (đảng viên chính thức, cùng 12 tháng)": (
        "Article 4, 3.2.1–3.2.2 (official members, 12 months together)"
    ),
    "Điều 4.1 (hai đảng viên chính thức; đoàn viên: BCH Đoàn cơ sở và một đảng viên)": (
        "Article 4.1 (two official members; for a Youth Union member: the grassroots Union executive "
        "committee and one member)"
    ),
    "Điều 4.1 (đơn tự nguyện, lý lịch trung thực, hai đảng viên giới thiệu)": (
        "Article 4.1 (voluntary application, truthful personal history, two members introducing)"
    ),
    "Điều 5, điểm 4 (30 ngày làm việc tổ chức lễ kết nạp)": (
        "Article 5, point 4 (admission ceremony within 30 working days)"
    ),
    "Điều 5.1 (chi bộ phân công đảng viên chính thức giúp đỡ)": (
        "Article 5.1 (the cell assigns an official member to help)"
    ),
    "Điều 5.2 (2/3 số đảng viên chính thức)": "Article 5.2 (2/3 of the official members)",
    "Điều 5.2 (không đủ điều kiện thì đề nghị xóa tên)": "Article 5.2 (not qualified: removal from the list proposed)",
    "Điều 5.2; QĐ 294 4.2c (ba lần biểu quyết không đủ 2/3)": (
        "Article 5.2; QĐ 294 4.2c (three votes without a 2/3 majority)"
    ),
    "Điều 5.4; HD 01-HD/TW 2021 (tính từ ngày ký quyết định kết nạp)": (
        "Article 5.4; HD 01-HD/TW 2021 (counted from the date the admission decision is signed)"
    ),
}

# The cell-life findings keep their English beside their rules.
from ketnap.rules.cell_life_en import TEMPLATES as _CELL_LIFE  # noqa: E402

TEMPLATES.update(_CELL_LIFE)
