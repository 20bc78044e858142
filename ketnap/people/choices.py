"""Closed lists used on personal-history forms and in the statistical reports."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


# The 54 ethnic groups of Viet Nam (General Statistics Office list); "kinh" is the
# majority, every other value counts as an ethnic minority in the reports.
ETHNIC_GROUPS: list[tuple[str, str]] = [
    ("kinh", "Kinh"),
    ("tay", "Tày"),
    ("thai", "Thái"),
    ("muong", "Mường"),
    ("khmer", "Khmer"),
    ("hoa", "Hoa"),
    ("nung", "Nùng"),
    ("hmong", "Mông"),
    ("dao", "Dao"),
    ("giarai", "Gia Rai"),
    ("ede", "Ê Đê"),
    ("bana", "Ba Na"),
    ("sandiu", "Sán Dìu"),
    ("chut", "Chứt"),
    ("sanchay", "Sán Chay"),
    ("cotu", "Cơ Tu"),
    ("xodang", "Xơ Đăng"),
    ("hre", "Hrê"),
    ("raglai", "Ra Glai"),
    ("mnong", "Mnông"),
    ("tho", "Thổ"),
    ("xtieng", "Xtiêng"),
    ("khomu", "Khơ Mú"),
    ("bruvankieu", "Bru - Vân Kiều"),
    ("coho", "Cơ Ho"),
    ("giay", "Giáy"),
    ("taoi", "Tà Ôi"),
    ("ma", "Mạ"),
    ("giecrieng", "Giẻ Triêng"),
    ("co", "Co"),
    ("cham", "Chăm"),
    ("choro", "Chơ Ro"),
    ("xinhmun", "Xinh Mun"),
    ("hanhi", "Hà Nhì"),
    ("churu", "Chu Ru"),
    ("lao", "Lào"),
    ("khang", "Kháng"),
    ("lachi", "La Chí"),
    ("phula", "Phù Lá"),
    ("lahu", "La Hủ"),
    ("laha", "La Ha"),
    ("pathen", "Pà Thẻn"),
    ("lu", "Lự"),
    ("ngai", "Ngái"),
    ("lolo", "Lô Lô"),
    ("mang", "Mảng"),
    ("colao", "Cờ Lao"),
    ("boy", "Bố Y"),
    ("cong", "Cống"),
    ("sila", "Si La"),
    ("pupeo", "Pu Péo"),
    ("romam", "Rơ Măm"),
    ("brau", "Brâu"),
    ("odu", "Ơ Đu"),
]
MAJORITY_ETHNICITY = "kinh"


class Religion(models.TextChoices):
    NONE = "none", _("Không")
    BUDDHISM = "buddhism", _("Phật giáo")
    CATHOLICISM = "catholicism", _("Công giáo")
    PROTESTANTISM = "protestantism", _("Tin lành")
    CAODAISM = "caodaism", _("Cao Đài")
    HOAHAO = "hoahao", _("Phật giáo Hòa Hảo")
    ISLAM = "islam", _("Hồi giáo")
    OTHER = "other", _("Tôn giáo khác")


class Education(models.TextChoices):
    """General education (giáo dục phổ thông)."""

    NONE = "none", _("Chưa biết chữ")
    LITERATE = "literate", _("Biết đọc, biết viết")
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")


class Professional(models.TextChoices):
    """Professional qualification (chuyên môn, nghiệp vụ)."""

    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Công nhân kỹ thuật, sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    COLLEGE = "college", _("Cao đẳng")
    UNIVERSITY = "university", _("Đại học")
    MASTER = "master", _("Thạc sĩ")
    DOCTORATE = "doctorate", _("Tiến sĩ")


class PoliticalTheory(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp, cử nhân")


class Occupation(models.TextChoices):
    STATE_OFFICIAL = "state_official", _("Cán bộ, công chức nhà nước")
    PARTY_MASS_OFFICIAL = "party_mass_official", _("Cán bộ Đảng, Mặt trận, đoàn thể")
    COMMUNE_OFFICIAL = "commune_official", _("Cán bộ, công chức cấp xã")
    VILLAGE_STAFF = "village_staff", _("Người hoạt động không chuyên trách ở thôn")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức sự nghiệp")
    ENTERPRISE = "enterprise", _("Quản lý, nhân viên, công nhân doanh nghiệp")
    FARMER = "farmer", _("Nông, lâm, ngư nghiệp")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    STUDENT = "student", _("Sinh viên, học sinh")
    RETIRED = "retired", _("Nghỉ hưu")
    OTHER = "other", _("Khác")


def _event_labels() -> list[tuple[str, object]]:
    from ketnap.people.status import EventKind as K

    labels = {
        K.ADMITTED: _("Quyết định kết nạp"),
        K.CEREMONY: _("Lễ kết nạp"),
        K.RECOGNIZED: _("Công nhận đảng viên chính thức"),
        K.TRANSFERRED_IN: _("Chuyển sinh hoạt đến"),
        K.TRANSFERRED_OUT: _("Chuyển sinh hoạt đi"),
        K.TEMPORARY_OUT: _("Sinh hoạt tạm thời nơi khác"),
        K.TEMPORARY_RETURN: _("Trở về sinh hoạt"),
        K.EXEMPTED: _("Miễn công tác và sinh hoạt đảng"),
        K.EXEMPTION_ENDED: _("Thôi miễn sinh hoạt"),
        K.REMOVED: _("Xóa tên"),
        K.EXPELLED: _("Khai trừ"),
        K.READMITTED: _("Kết nạp lại"),
        K.DIED: _("Từ trần"),
        K.VOID: _("Hủy ghi nhận nhầm"),
    }
    return [(k.value, labels[k]) for k in K]


def _status_labels() -> list[tuple[str, object]]:
    from ketnap.people.status import Status as S

    labels = {
        S.CANDIDATE: _("Người vào Đảng (đã có quyết định)"),
        S.PROBATIONARY: _("Đảng viên dự bị"),
        S.OFFICIAL: _("Đảng viên chính thức"),
        S.EXEMPTED: _("Miễn công tác và sinh hoạt"),
    }
    return [(s.value, labels[s]) for s in S]


EVENT_CHOICES = _event_labels()
STATUS_CHOICES = _status_labels()
