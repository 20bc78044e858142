"""Invented but plausible villages for the hometown and residence of demo people.

A village cell is named after its village ("Chi bộ bản Púng Ngà", "Chi bộ Thôn 3",
"Chi bộ Tổ dân phố số 1"), so its people live in that village. People of agency,
school or unit cells live in a village of the area too, and everyone's hometown is a
village: the same one for most rural people, another one for the rest. The choice is
a hash of the person, not a draw from the demo's random generator, so adding places
changed no other figure of the demo.
"""

from __future__ import annotations

import zlib

_VILLAGE_PREFIXES = ("bản ", "thôn ", "tổ dân phố ", "khu ", "xóm ", "làng ", "tổ ")
# Mountain villages (Thái, Mông, Hà Nhì and Lao names of Lai Châu, Điện Biên and Mường Lát).
BAN = (
    "Bản Nà Hừ", "Bản Pá Khóm", "Bản Huổi Lếch", "Bản Nậm Pồ", "Bản Pa Ủ", "Bản Mò Sì San", "Bản Lả Ngà",
    "Bản Hua Bum", "Bản Nà Ang", "Bản Xi Ma", "Bản Co Muông", "Bản Pù Quăn", "Bản Tà Com", "Bản Sài Khao",
    "Bản Na Khà", "Bản Huổi Meo", "Bản Pha Đén", "Bản Nậm Khao", "Bản Phìn Hồ", "Bản Noong Luông",
)  # fmt: skip
_LOWLAND = ("Thôn", "Thôn", "Thôn", "Xóm")
RURAL_HOMETOWN_SHARE = 70  # in percent: born in the village they live in


def village_of_cell(cell_name: str) -> str:
    """The village a village cell is named after ("Chi bộ bản Bản Ún" -> "Bản Ún"), or ""."""
    rest = cell_name.removeprefix("Chi bộ ").strip()
    lowered = rest.lower()
    if not lowered.startswith(_VILLAGE_PREFIXES):
        return ""
    if lowered.startswith("bản bản "):
        rest = rest[len("bản ") :]
    return rest[:1].upper() + rest[1:]


def _hash(*parts: object) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode())


def invented_village(key: int, ethnicity: str) -> str:
    """A village name fitting the person's group: a bản for minorities, a thôn for Kinh."""
    if ethnicity == "kinh":
        return f"{_LOWLAND[key % len(_LOWLAND)]} {key // 7 % 12 + 1}"
    return BAN[key % len(BAN)]


def residence_and_hometown(cell_name: str, ethnicity: str, *person: object) -> tuple[str, str]:
    """Where the person lives and where they come from, both village names."""
    key = _hash(cell_name, *person)
    village = village_of_cell(cell_name)
    residence = village or invented_village(key, ethnicity)
    if village and key % 100 < RURAL_HOMETOWN_SHARE:
        return residence, residence
    hometown = invented_village(key // 101, ethnicity)
    return residence, hometown
