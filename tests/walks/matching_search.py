"""The search page in the permission walk (see README.md here): anyone may search; what
each persona finds is filtered by the objects' own rules (tested in
src/kaveret/matching/tests/test_search_permissions.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

READ = {"matching:search": "all"}


def urls(personas: Any) -> dict[str, str]:
    return {"matching:search": "/search/?" + urlencode({"q": "מוגבלות", "kind": "venture"})}
