"""Page language: Vietnamese unless the user picked English with the switcher."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

API_PREFIX = "/api/"


class PageLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, except that pages ignore the browser's
    Accept-Language: many officials' phones and computers are set to English, and
    the pages are Vietnamese first. Only the language cookie that ``set_language``
    writes switches them. API clients still negotiate with Accept-Language."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith(API_PREFIX):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            language = translation.get_supported_language_variant(chosen)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
