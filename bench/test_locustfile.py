"""Smoke test of the load test: its user class imports and has pages to open.

In a child process: importing locust patches the standard library with gevent.
"""

import subprocess
import sys
from pathlib import Path

CHECK = "import locustfile; tasks = locustfile.Visitor.tasks; assert tasks, 'no tasks'; print(len(tasks))"


def test_the_load_test_user_has_tasks():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=Path(__file__).parent, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) >= 7
