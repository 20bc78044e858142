"""What the import pages keep between steps: the uploaded file, and the column mapping
each organization chose for a layout of headers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketnap.imports.columns import Kind


class ColumnMapping(models.Model):
    """The mapping chosen for one header layout (``signature``) in one organization,
    offered again the next time a file with the same headers comes in."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in Kind])
    signature = models.CharField(max_length=32)
    mapping = models.JSONField(default=dict)  # column letter -> column key ("" ignored)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "organization__path"

    class Meta:
        verbose_name = _("cách ghép cột")
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "signature"], name="one_mapping_per_layout")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.signature}"


class Upload(models.Model):
    """A workbook uploaded for import into ``organization``, until it is committed."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in Kind])
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    sheet = models.CharField(max_length=255, blank=True)
    mapping = models.JSONField(default=dict)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    scope_path = "organization__path"

    class Meta:
        verbose_name = _("tệp nhập")

    def __str__(self) -> str:
        return self.filename
