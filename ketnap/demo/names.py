"""Invented names for demo people, built from common Vietnamese naming patterns.

Every name is drawn at random from lists of common family, middle and given names
of each group, so no row describes a real person. Minority groups follow their own
patterns: Mông men carry the middle name "A" (Giàng A Páo), Dao men often "Láo" or
"Kiều", Hà Nhì names take a clan syllable as the middle name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class NamePattern:
    families: tuple[str, ...]
    middles_male: tuple[str, ...]
    middles_female: tuple[str, ...]
    givens_male: tuple[str, ...]
    givens_female: tuple[str, ...]


_KINH = NamePattern(
    families=("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi",
              "Đặng", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lương", "Cao", "Tạ", "Hà", "Phan"),
    middles_male=("Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Tiến", "Ngọc"),
    middles_female=("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương", "Thùy", "Kim"),
    givens_male=("An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Long",
                 "Mạnh", "Nam", "Nghĩa", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Toàn", "Trung", "Tuấn",
                 "Việt", "Vinh", "Tùng", "Hoàng", "Hưng", "Kiên", "Lâm"),
    givens_female=("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huyền", "Hương", "Lan",
                   "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
                   "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Hòa", "Lệ"),
)  # fmt: skip

_HMONG = NamePattern(
    families=("Giàng", "Vàng", "Sùng", "Lý", "Thào", "Mùa", "Hạng", "Lầu", "Tráng", "Vừ", "Chang", "Cứ"),
    middles_male=("A", "A", "A", "Seo", "Văn"),
    middles_female=("Thị", "Thị", "Thị"),
    givens_male=("Páo", "Sử", "Dình", "Chứ", "Lử", "Tủa", "Pó", "Sính", "Dế", "Chúng", "Tráng", "Cở", "Vàng",
                 "Lềnh", "Thò", "Dìa", "Nhè", "Chang"),
    givens_female=("Dợ", "Mỷ", "Chá", "Sua", "Pằng", "Mai", "Sông", "Dúa", "Mỉ", "Xúa", "Chở", "Pà"),
)  # fmt: skip

_THAI = NamePattern(
    families=("Lò", "Lò", "Lường", "Cầm", "Tòng", "Quàng", "Lù", "Điêu", "Vì", "Hoàng", "Lê", "Hà", "Lừ"),
    middles_male=("Văn", "Văn", "Văn"),
    middles_female=("Thị", "Thị", "Thị"),
    givens_male=("Ún", "Xôm", "Pánh", "Khăm", "Inh", "Piêng", "Thanh", "Biên", "Chiến", "Hặc", "Ỏn", "Panh",
                 "Xiêng", "Tiên", "Ương", "Hom", "Sơn", "Thái"),
    givens_female=("Thoa", "Ánh", "Ban", "Bun", "Ên", "Hương", "Xuân", "Pọm", "Oanh", "Ngoan", "Thơm", "Uôn",
                   "Kiên", "Lả", "Mai"),
)  # fmt: skip

_DAO = NamePattern(
    families=("Tẩn", "Chảo", "Phàn", "Lý", "Đặng", "Triệu", "Bàn", "Chìu"),
    middles_male=("Láo", "Kiều", "Văn", "Láo", "Dào", "Seo"),
    middles_female=("Thị", "Mẩy", "Tả", "Thị"),
    givens_male=("Sài", "Phin", "Chòi", "Sểnh", "Lở", "Chạn", "Quáng", "Ton", "Tòng", "Chiêu", "Phủ"),
    givens_female=("Mẩy", "Chạn", "Sinh", "Lai", "Phây", "Kiều", "Nhàn", "Sênh"),
)  # fmt: skip

_HANHI = NamePattern(
    families=("Lỳ", "Pờ", "Chu", "Lò", "Phìn", "Sừn", "Pờ", "Lỳ"),
    middles_male=("Giờ", "Xá", "Mì", "Pa", "Hờ", "Chà"),
    middles_female=("Mì", "Xá", "Thị", "Lù"),
    givens_male=("Giò", "Xá", "Chừ", "Hừ", "Phà", "Lé", "Sừ", "Chà", "Gia", "Ho"),
    givens_female=("Mé", "Mó", "Chừ", "Xá", "Pu", "Gió", "Dé", "Lé"),
)  # fmt: skip

_SMALL_NORTHERN = NamePattern(  # Giáy, Khơ Mú, La Hủ, Lự, Mảng, Cống, Si La, Kháng: mostly Văn/Thị
    families=("Vương", "Lò", "Hoàng", "Lù", "Sần", "Cà", "Quàng", "Vi", "Chà", "Pờ", "Vàng", "Tao", "Lý"),
    middles_male=("Văn", "Văn", "Gạ", "Phì", "Khừ"),
    middles_female=("Thị", "Thị", "Mè", "Thị"),
    givens_male=("Sơn", "Tiến", "Xuân", "Khừ", "Lả", "Kim", "Thuận", "Pếnh", "Dờ", "Lý", "Chung", "Tuấn"),
    givens_female=("Pạ", "Dung", "Thủy", "Mò", "Sương", "Tươi", "Pỉ", "Lan", "Ú"),
)  # fmt: skip

_MUONG = NamePattern(
    families=("Hà", "Bùi", "Phạm", "Quách", "Đinh", "Cao", "Lò", "Ngân"),
    middles_male=("Văn", "Văn", "Đình", "Công"),
    middles_female=("Thị", "Thị", "Thị"),
    givens_male=("Ngoan", "Kiên", "Lương", "Tiến", "Thuận", "Hưng", "Quyết", "Bình", "Vụ", "Khải"),
    givens_female=("Hoa", "Lượng", "Xuân", "Thắm", "Nhung", "Oanh", "Hiền", "Lan"),
)  # fmt: skip

_PATTERNS: dict[str, NamePattern] = {
    "kinh": _KINH,
    "hmong": _HMONG,
    "thai": _THAI,
    "dao": _DAO,
    "hanhi": _HANHI,
    "muong": _MUONG,
}


def person_name(rng: random.Random, ethnicity: str, female: bool) -> tuple[str, str, str]:
    """(family, middle, given) for a person of ``ethnicity``."""
    pattern = _PATTERNS.get(ethnicity, _SMALL_NORTHERN)
    middles = pattern.middles_female if female else pattern.middles_male
    givens = pattern.givens_female if female else pattern.givens_male
    return rng.choice(pattern.families), rng.choice(middles), rng.choice(givens)


# Syllables of hamlet names in the north-western mountains (Nậm ..., Huổi ..., Pá ...).
_PLACE_FIRST = ("Nậm", "Huổi", "Pá", "Pa", "Phìn", "Sì", "Na", "Nà", "Ho", "Hua", "Lả", "Co", "Ma", "Tà", "Mù",
                "Sin", "Chang", "Pắc", "Bản", "Vàng", "Tả", "Lao", "Khu", "Nàng", "Púng")  # fmt: skip
_PLACE_SECOND = ("Cáy", "Khao", "Lếch", "Ngà", "Sang", "Pó", "Xe", "Mu", "Hồ", "Chải", "Lùng", "Lò", "Lay",
                 "Sảo", "Tấu", "Cuổi", "Hăn", "Tăm", "Bó", "Thàng", "Pin", "Đẩu", "Ún", "Mờ", "Kè", "Dề",
                 "Phai", "Sái", "Hẹ", "Toong")  # fmt: skip


def hamlet_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct invented hamlet names such as "Nậm Cáy"."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(_PLACE_FIRST)} {rng.choice(_PLACE_SECOND)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names
