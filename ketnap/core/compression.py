"""Gzip for dynamic responses, but not for files that are compressed already.

Django's GZipMiddleware pads every compressed body with a random number of bytes
(since Django 4.2), which defeats BREACH-style guessing of a secret from response
sizes; Django masks the CSRF token differently in every response as well. Static
files never come here: WhiteNoise serves their gzip and brotli copies before.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

# Spreadsheets and Word files are zip archives; PDFs and images compress their content.
ALREADY_COMPRESSED = (
    "application/vnd.openxmlformats-officedocument.",
    "application/zip",
    "application/pdf",
    "image/png",
    "image/jpeg",
)


def is_compressed_type(response: HttpResponseBase) -> bool:
    content_type = response.get("Content-Type", "").lower()
    return content_type.startswith(ALREADY_COMPRESSED)


class CompressionMiddleware(GZipMiddleware):
    """GZipMiddleware that leaves spreadsheets, documents and images as they are."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if is_compressed_type(response):
            return response
        return super().process_response(request, response)
