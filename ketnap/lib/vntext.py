"""Vietnamese text helpers: diacritic-free search keys and dictionary sort keys.

Neither SQLite nor a C.UTF-8 PostgreSQL database sorts Vietnamese correctly (ă, â,
đ… sort by code point), so names carry a precomputed key made only of digits,
which every collation orders the same way.
"""

from __future__ import annotations

import unicodedata

# Letters in Vietnamese alphabet order; f, j, w, z appear in loanwords and minority names.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_RANK = {letter: index + 10 for index, letter in enumerate(_ALPHABET)}
_DIGIT_RANK = {str(d): 50 + d for d in range(10)}

# Combining marks that change the letter (part of the alphabet) versus tone marks.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}

_WORD_SEPARATOR = "01"
_PART_SEPARATOR = "00"


# Invisible characters a copy-paste or a hostile client slips into text: zero-width
# space, non-joiner and joiner, word joiner, byte-order mark. NFKC keeps them.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def without_zero_width(text: str) -> str:
    """``text`` without zero-width characters."""
    return text.translate(ZERO_WIDTH)


def clean_name(text: str) -> str:
    """A name in the one form it is stored in: Unicode NFC ("Nguyễn" typed with combining
    marks, as some keyboards and PDFs produce it, becomes the precomposed letters),
    without zero-width characters or surrounding spaces."""
    return unicodedata.normalize("NFC", without_zero_width(text)).strip()


def fold(text: str) -> str:
    """Lower case without diacritics: "Nguyễn Văn Đạt" -> "nguyen van dat".

    Used on both the stored search columns and the query, so both read alike: NFKC
    first (full-width "Ｍường" is "Mường"), zero-width characters dropped (a name
    pasted with U+200B is still found)."""
    text = unicodedata.normalize("NFKC", without_zero_width(text))
    text = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def _split_syllable(syllable: str) -> tuple[list[str], str]:
    """Letters (with their letter marks) and the tone digit of one syllable."""
    letters: list[str] = []
    tone = "0"
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        elif not unicodedata.combining(ch):
            letters.append(ch)
    return letters, tone


def _encode(part: str) -> tuple[str, str]:
    primary: list[str] = []
    tones: list[str] = []
    for index, syllable in enumerate(part.split()):
        if index:
            primary.append(_WORD_SEPARATOR)
        letters, tone = _split_syllable(syllable)
        primary.extend(f"{_RANK.get(ch, _DIGIT_RANK.get(ch, 99)):02d}" for ch in letters)
        tones.append(tone)
    return "".join(primary), "".join(tones)


def text_sort_key(text: str) -> str:
    """Vietnamese dictionary order for any text: letters first, then tones."""
    primary, tones = _encode(text)
    return primary + _PART_SEPARATOR + tones + _PART_SEPARATOR


def name_sort_key(family: str, middle: str, given: str) -> str:
    """Order by given name, then family name, then middle name."""
    return "".join(text_sort_key(part) for part in (given, family, middle))[:255]


def normalize_username(username: str) -> str:
    """The one form of a user name, for storing, signing in and throttling alike:
    Unicode NFKC (full-width "ｃｈｉｂｏ" is "chibo"), case-folded, without zero-width
    characters or surrounding spaces, so " Chibo.Xem" cannot pass the lock on "chibo.xem".
    A NUL is dropped too: no name has one, and PostgreSQL cannot store or compare it."""
    return unicodedata.normalize("NFKC", without_zero_width(username)).casefold().replace("\x00", "").strip()
