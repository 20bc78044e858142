"""The OpenAPI document names each schema by its class name, so two routers defining a
class of the same name would silently describe one endpoint with the other's body."""

from __future__ import annotations

from collections import Counter

from ninja import Schema

import ketnap.api.api  # noqa: F401  (imports every router)


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_api_schema_class_has_its_own_name() -> None:
    ours = [c for c in _subclasses(Schema) if c.__module__.startswith("ketnap.") and ".tests." not in c.__module__]
    clashes = {name: n for name, n in Counter(c.__name__ for c in ours).items() if n > 1}
    assert clashes == {}, sorted(f"{c.__name__} in {c.__module__}" for c in ours if c.__name__ in clashes)
