"""The regulations package stays pure Python: no Django anywhere in it."""

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
IMPORT = re.compile(r"^\s*(import|from)\s+django\b", re.MULTILINE)


def test_no_module_imports_django():
    offenders = [str(p) for p in PACKAGE.rglob("*.py") if IMPORT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_importing_the_package_loads_no_django_module():
    code = (
        "import sys, ketnap.rules, ketnap.rules.check, ketnap.rules.messages_en; "
        "print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
