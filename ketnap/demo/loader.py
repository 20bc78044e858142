"""Load and remove the demo data set as a whole.

The demo is recognised by its national root (code ``vn``); each province is built
only if its code is missing, so running the loader twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models import ProtectedError, Q

from ketnap.demo import admission, dien_bien, lai_chau, thanh_hoa
from ketnap.demo.builder import DemoWriter, Echo
from ketnap.demo.users import ROOT, ensure_users, usernames
from ketnap.organizations.models import Organization, OrgKind, Sector

PROVINCES: dict[str, Callable[[DemoWriter, Organization], None]] = {
    lai_chau.CODE: lai_chau.build,
    thanh_hoa.CODE: thanh_hoa.build,
    dien_bien.CODE: dien_bien.build,
}
CHUNK = 900  # under SQLite's limit on bound parameters


@transaction.atomic
def load(*, echo: Echo, only: Sequence[str] = ()) -> list[str]:
    """Build the missing provinces (all, or those in ``only``) and the demo logins."""
    _roomy_cache()
    writer = DemoWriter(echo)
    root = writer.root(
        code=ROOT, name="Toàn quốc", kind=OrgKind.NATIONAL, sector=Sector.OTHER, valid_from=dt.date(1960, 1, 1)
    )
    built = []
    for code, build in PROVINCES.items():
        if only and code not in only:
            continue
        if Organization.objects.filter(code=code).exists():
            echo(f"  {code}: đã có, bỏ qua")
            continue
        echo(f"Đang tạo {code}…")
        build(writer, root)
        writer.flush()
        built.append(code)
    _planner_statistics()
    # Cases, the source and who decides, for the provinces present; skips what exists.
    admission.build(writer)
    writer.flush()
    _planner_statistics()
    for build_extra in _app_builders():
        build_extra(writer)
        writer.flush()
    ensure_users()
    return built


@transaction.atomic
def reset(*, echo: Echo, only: Sequence[str] = ()) -> list[str]:
    """Delete the demo and build it again as one transaction, so a reset stopped at any
    moment (killed, out of memory, an error) leaves the old demo, never an empty or
    half-built one; readers see the old demo until the new one is committed."""
    delete_demo(echo=echo)
    return load(echo=echo, only=only)


def _app_builders() -> Iterator[Callable[[DemoWriter], None]]:
    """Each installed ketnap app's ``demo.build(writer)``, in INSTALLED_APPS order.

    An app adds its part of the demo (plans, classes, meetings…) in its own ``demo``
    module; like the admission part, it must skip what already exists."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name.startswith("ketnap.") and config.name != "ketnap.demo" and find_spec(name):
            yield import_module(name).build


def _planner_statistics() -> None:
    """On PostgreSQL, statistics of the rows written in bulk so far: the parts built next go
    through the services, whose queries would otherwise be planned as if the tables were
    empty (autovacuum never sees rows of a transaction still open)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _roomy_cache() -> None:
    """On SQLite, keep the whole load in memory until commit instead of spilling pages to disk."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # KiB: 256 MB, this connection only


@transaction.atomic
def delete_demo(*, echo: Echo) -> int:
    """Delete the demo tree and every row that depends on it; audit rows stay (append-only).

    Rows are found through foreign keys, so tables added later by other apps are
    included without changes here. All primary keys are collected before anything
    is deleted, and constraints are checked at commit, so the order does not matter.
    """
    root = Organization.objects.filter(code=ROOT).first()
    if root is None:
        return 0
    doomed = _doomed_querysets(Organization.objects.filter(path__startswith=root.path))
    keys = {model: list(qs.values_list("pk", flat=True)) for model, qs in doomed.items()}
    total = 0
    for model, pks in keys.items():
        for start in range(0, len(pks), CHUNK):
            # The collector behind .delete() would refuse PROTECT links to rows deleted
            # later in this same loop; a raw delete lets the deferred constraints judge.
            total += model._base_manager.filter(pk__in=pks[start : start + CHUNK])._raw_delete(model._base_manager.db)
    echo(f"Đã xóa {total} dòng dữ liệu mẫu.")
    _delete_demo_users()
    return total


def _doomed_querysets(organizations: models.QuerySet[Organization]) -> dict[type[models.Model], models.QuerySet]:
    """Every model with a foreign key to a doomed row, to a fixpoint."""
    links: dict[type[models.Model], list[models.Field]] = {Organization: []}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models(include_auto_created=True):
            if model is Organization or model._meta.app_label == "audit":
                continue
            # Many-to-many links count too: a reorganization lists demo organizations only that way.
            fields = [
                f
                for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
                if f.is_relation and f.related_model in links and f.related_model is not model
            ]
            if fields and [f.name for f in fields] != [f.name for f in links.get(model, [])]:
                links[model] = fields
                changed = True
    querysets: dict[type[models.Model], models.QuerySet] = {Organization: organizations}
    for model in links:
        _queryset(model, links, querysets, building=set())
    return querysets


def _queryset(
    model: type[models.Model],
    links: dict[type[models.Model], list[models.Field]],
    querysets: dict[type[models.Model], models.QuerySet],
    building: set[type[models.Model]],
) -> models.QuerySet:
    """Rows of ``model`` pointing at a doomed row; a link closing a cycle is left out."""
    if model not in querysets:
        building.add(model)
        query = Q()
        for f in links[model]:
            related = f.related_model
            if related is not None and related not in building:
                query |= Q(**{f"{f.name}__in": _queryset(related, links, querysets, building)})
        querysets[model] = model._base_manager.filter(query).distinct()
    return querysets[model]


def _delete_demo_users() -> None:
    for user in get_user_model().objects.filter(username__in=usernames()):
        try:
            user.delete()
        except ProtectedError:  # has audit entries, which are never deleted
            continue
