"""The append-only change log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketnap.audit import chain


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEntry]:  # type: ignore[override]
        # A bulk insert would skip the hash chain that save() builds.
        raise RuntimeError("Audit entries are written one at a time, chained.")


class AuditEntry(models.Model):
    """Who did what to which object, with the state before and after.

    Written by services in the same transaction as the change. Rows are never
    updated or deleted; database triggers refuse both (see the migration). Each row
    is chained to the one before it by ``prev_hash`` and ``hash`` (``chain``), so a
    change made around the triggers is found by ``ketnap audit verify``.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(_("thao tác"), max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=255)
    organization_path = models.CharField(max_length=255, blank=True, db_index=True)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    address = models.GenericIPAddressField(null=True)
    prev_hash = models.CharField(max_length=64, default=chain.GENESIS)
    hash = models.CharField(max_length=64, default="", db_index=True)

    objects = AuditQuerySet.as_manager()

    scope_path = "organization_path"

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        # The chain is built here rather than in the service so that no insert
        # through the model, whoever makes it, can leave a row out of it. No
        # savepoint: the lock is held to the end of the transaction all the same,
        # and an entry that cannot be written must fail the change it records.
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            chain.lock()
            head = AuditEntry.objects.order_by("-pk").values_list("hash", "at").first()
            chain.seal(self, head)
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit entries are append-only.")
