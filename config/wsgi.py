"""WSGI entry point (gunicorn, ``config/gunicorn.py``; and ``runserver``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Import every view (through the URLconf) and load the translation catalogues
    now, in gunicorn's master before it forks its workers, rather than during each
    worker's first request; then close any database connection, which no forked
    worker may share."""
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver
    from django.utils.translation import trans_real

    get_resolver().url_patterns  # noqa: B018  # imports the views
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
    connections.close_all()


warm_up()
