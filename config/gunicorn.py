"""Gunicorn settings: ``gunicorn --config config/gunicorn.py --bind 127.0.0.1:8000``.

Sized for a small machine by default: a worker process per core plus one, each with a
few threads, so a request waiting on the database does not hold a core. Every value
can be set from the environment (see README, "Serving").
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


wsgi_app = "config.wsgi:application"
workers = _int("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1)
threads = _int("WEB_THREADS", 4)
worker_class = "gthread"
# A worker that has not reported to the master for this long is hung: it is killed
# and replaced. (A gthread worker reports between requests' threads, so a long
# request alone, such as the nation's statistics, does not count.)
timeout = _int("WEB_TIMEOUT", 120)
# On SIGTERM or SIGHUP, requests under way get this long to finish.
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Workers are replaced after this many requests (plus a random part), so that a slow
# leak never grows for long; 0 switches it off.
max_requests = _int("WEB_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10

# Access log on stdout, errors on stderr. The path is logged without its query string,
# which may hold a searched name or citizen ID; %(M)s is the time taken in ms.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
loglevel = os.environ.get("WEB_LOG_LEVEL", "info")

# The application (Django, every view, the translations: config/wsgi.py) is loaded
# once in the master and shared by the workers it forks, which then start at once;
# code changes need a restart, not SIGHUP.
preload_app = True

proc_name = "ketnap"
# No control socket: it would be shared by every instance of one user (~/.gunicorn).
control_socket_disable = True
