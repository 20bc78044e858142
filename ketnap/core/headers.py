"""Security headers on every response Django builds.

Content-Security-Policy: scripts, styles, images and fonts only from this site, no
inline script or style (the templates have none; htmx is told not to inject its
indicator style), nothing may frame the pages, forms post only here.

Cache-Control: every response except static files may carry personal data (pages,
API, exports, even an error page names a person), so none may be stored by the
browser or a proxy. One rule for all is simpler to trust than a list of views.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def _is_static(request: HttpRequest) -> bool:
    return request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/"))


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy and ``Cache-Control: no-store``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not _is_static(request):
            response["Cache-Control"] = "no-store"
        return response
