"""Static files storage: WhiteNoise's hashed names with gzip and brotli copies,
compressing only what changed since the last ``collectstatic``.

WhiteNoise compresses every file again on each run (brotli at its best level takes
half a minute of CPU for the admin and API documentation bundles); ``./dev up`` runs
``collectstatic`` at every start, so a file whose copies are newer than it is left
as it is. Source maps are only fetched by a browser's developer tools and are not
compressed at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
COMPRESSED_SUFFIXES = (".gz", ".br")


def _modified(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except FileNotFoundError:
        return -1.0


def compressed_copies_current(path: str) -> bool:
    """Both compressed copies exist and are at least as new as the file."""
    source = _modified(path)
    return all(_modified(path + suffix) >= source for suffix in COMPRESSED_SUFFIXES)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs: object) -> Compressor:
        return Compressor(extensions=SKIP_COMPRESS_EXTENSIONS, quiet=True)

    def compress_files(self, paths: Iterable[str]) -> Iterator[tuple[str, str]]:
        changed = [path for path in paths if not compressed_copies_current(self.path(path))]
        yield from super().compress_files(changed)
