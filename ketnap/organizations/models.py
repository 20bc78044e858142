"""Party organizations over time, localities they serve, and programs."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from ketnap.core.models import Dated, DatedQuerySet, valid_on_q
from ketnap.lib.vntext import clean_name, fold


class OrgKind(models.TextChoices):
    NATIONAL = "national", _("Toàn quốc")
    PROVINCIAL = "provincial", _("Đảng bộ tỉnh, thành phố")
    UPPER = "upper", _("Đảng bộ trực thuộc tỉnh")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    PARTIAL_COMMITTEE = "partial_committee", _("Đảng ủy bộ phận")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    SUBORDINATE_CELL = "subordinate_cell", _("Chi bộ trực thuộc")

    @classmethod
    def grassroots(cls) -> tuple[str, str]:
        """Kinds counted as grassroots party organizations (tổ chức cơ sở đảng)."""
        return (cls.GRASSROOTS_COMMITTEE, cls.GRASSROOTS_CELL)

    @classmethod
    def cells(cls) -> tuple[str, str]:
        """Kinds that hold members directly."""
        return (cls.GRASSROOTS_CELL, cls.SUBORDINATE_CELL)

    @classmethod
    def below(cls, kind: str) -> list[OrgKind]:
        """Kinds that can occur in the subtree of an organization of ``kind``, in order
        (a grassroots committee holds partial committees and subordinate cells only)."""
        return [cls(k) for k in _KINDS_BELOW.get(kind, ())]


_LOWER = ("upper", "grassroots_committee", "partial_committee", "grassroots_cell", "subordinate_cell")
_KINDS_BELOW: dict[str, tuple[str, ...]] = {
    "national": ("provincial", *_LOWER),
    "provincial": _LOWER,
    "upper": _LOWER[1:],
    "grassroots_committee": ("partial_committee", "subordinate_cell"),
    "partial_committee": ("subordinate_cell",),
}


class Sector(models.TextChoices):
    # A commune (xã) is rural; a ward or township (phường, thị trấn) is urban. Rows written
    # before the two were told apart all say "commune".
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường, thị trấn")
    AGENCY = "agency", _("Cơ quan")
    SCHOOL = "school", _("Trường học")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ARMED_FORCES = "armed_forces", _("Quân đội")
    POLICE = "police", _("Công an")
    BORDER_GUARD = "border_guard", _("Bộ đội biên phòng")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    VILLAGE = "village", _("Thôn, bản, tổ dân phố")
    OTHER = "other", _("Khác")

    @classmethod
    def communes(cls) -> tuple[str, str]:
        """Sectors of the commune level (xã, phường, thị trấn), rural or urban."""
        return (cls.COMMUNE, cls.WARD)


class OrganizationQuerySet(MP_NodeQuerySet):
    def as_of(self, date: dt.date) -> OrganizationQuerySet:
        return self.filter(valid_on_q(date))

    def in_subtree(self, org: Organization) -> OrganizationQuerySet:
        """The organization and everything under it: one indexed prefix filter."""
        return self.filter(path__startswith=org.path)

    def children_of(self, org: Organization) -> OrganizationQuerySet:
        """The nodes one level below ``org``: one range of the (depth, path) index."""
        return self.filter(children_q(org.path, org.depth))


def children_q(path: str | OuterRef, depth: int | OuterRef) -> Q:
    """Nodes one level below the node at ``path`` and ``depth`` (values, or references to
    an outer query's columns). A child's path lies after its parent's and at most the
    parent's followed by the last step: with the depth, an exact range of the (depth,
    path) index, where a prefix built from another column cannot use any index."""
    last_step = Organization.alphabet[-1] * Organization.steplen
    upper = path + last_step if isinstance(path, str) else Concat(path, Value(last_step), output_field=CharField())
    return Q(depth=depth + 1, path__gt=path, path__lte=upper)


def at_or_above_q(path: OuterRef) -> Q:
    """Nodes whose path is a prefix of the outer query's ``path``: that node and its
    ancestors, one equality on the indexed path per level (a path has at most one step
    per kind of organization)."""
    steps = range(1, len(OrgKind) + 1)
    return reduce(or_, (Q(path=Substr(path, 1, step * Organization.steplen)) for step in steps))


def in_rural_commune(path: OuterRef) -> Exists:
    """Whether the node at the outer query's ``path`` lies in a rural commune: it, or a
    node above it, is a grassroots organization (committee or cell) of a commune (xã),
    not of a ward or township. Nodes never move and never change sector, so the node
    an event refers to answers as of the event's date."""
    communes = Organization.objects.filter(sector=Sector.COMMUNE, kind__in=OrgKind.grassroots())
    return Exists(communes.filter(at_or_above_q(path)))


class OrganizationManager(MP_NodeManager):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")

    def as_of(self, date: dt.date) -> OrganizationQuerySet:
        return self.get_queryset().as_of(date)

    def in_subtree(self, org: Organization) -> OrganizationQuerySet:
        return self.get_queryset().in_subtree(org)


class Organization(MP_Node, Dated):
    """A party organization: a node of the materialized-path tree, valid over a period.

    A node never moves. A reorganization closes nodes (``valid_to``) and opens new
    ones, and members follow by dated transfer events, so the tree as of any date is
    simply the nodes valid on that date.
    """

    steplen = 4
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    # The name folded (lower case, no diacritics) so "muong te" finds "Mường Tè";
    # names never change (a rename is a reorganization), so it is set once, on creation.
    search_name = models.CharField(max_length=255, editable=False, default="")
    kind = models.CharField(_("loại"), max_length=32, choices=OrgKind.choices)
    sector = models.CharField(_("khối"), max_length=32, choices=Sector.choices, default=Sector.OTHER)

    objects = OrganizationManager()
    scope_path = "path"

    class Meta(Dated.Meta):
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        indexes = [
            models.Index(fields=["kind", "valid_from"]),
            models.Index(fields=["depth", "path"], name="organization_depth_path"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.name = clean_name(self.name)
        self.search_name = fold(self.name)

    @property
    def is_cell(self) -> bool:
        return self.kind in OrgKind.cells()

    def ancestor_paths(self) -> list[str]:
        """Paths of this node and its ancestors, root first; needs no query."""
        return [self.path[:i] for i in range(self.steplen, len(self.path) + 1, self.steplen)]


class ReorganizationKind(models.TextChoices):
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    DISSOLVE = "dissolve", _("Giải thể")
    RENAME = "rename", _("Đổi tên, chuyển cấp")


class Reorganization(models.Model):
    """A dated decision that closed some organizations and opened others."""

    kind = models.CharField(_("hình thức"), max_length=16, choices=ReorganizationKind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    document_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    closed = models.ManyToManyField(Organization, related_name="closed_by", verbose_name=_("tổ chức chấm dứt"))
    opened = models.ManyToManyField(Organization, related_name="opened_by", verbose_name=_("tổ chức thành lập"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class LocalityKind(models.TextChoices):
    VILLAGE = "village", _("Thôn")
    HAMLET = "hamlet", _("Bản")
    RESIDENTIAL_GROUP = "residential_group", _("Tổ dân phố")
    OTHER = "other", _("Khác")


class Locality(Dated):
    """A village, hamlet or residential group (thôn, bản, tổ dân phố).

    ``hardship_area`` marks mountainous, border, island, ethnic-minority or especially
    difficult areas, where the education exception of HD 01-HD/TW (2021) 1.2 applies.
    """

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=32, choices=LocalityKind.choices)
    commune = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="localities",
        verbose_name=_("đảng bộ xã, phường"),
    )
    hardship_area = models.BooleanField(_("vùng khó khăn"), default=False)

    objects = DatedQuerySet.as_manager()
    scope_path = "commune__path"

    class Meta(Dated.Meta):
        verbose_name = _("thôn, bản, tổ dân phố")
        verbose_name_plural = _("thôn, bản, tổ dân phố")

    def __str__(self) -> str:
        return self.name


class LocalityCell(Dated):
    """Which cell serves a locality over a period; a joint cell serves several."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="cells")
    cell = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="served_localities")

    objects = DatedQuerySet.as_manager()
    scope_path = "locality__commune__path"

    class Meta(Dated.Meta):
        verbose_name = _("chi bộ phụ trách thôn, bản")
        verbose_name_plural = _("chi bộ phụ trách thôn, bản")


class VillageHead(Dated):
    """The head of a locality over a period; party membership is derived, not stored."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="heads")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="village_head_terms")

    objects = DatedQuerySet.as_manager()
    scope_path = "locality__commune__path"

    class Meta(Dated.Meta):
        verbose_name = _("trưởng thôn, bản")
        verbose_name_plural = _("trưởng thôn, bản")


class Program(models.Model):
    """A named set of organizations with a period, e.g. Conclusion 50 in Mường Lát."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="owned_programs",
        verbose_name=_("cấp ủy chủ trì"),
    )
    start = models.DateField(_("bắt đầu"))
    end = models.DateField(_("kết thúc"), null=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    organizations = models.ManyToManyField(Organization, related_name="programs", verbose_name=_("tổ chức"))

    scope_path = "owner__path"

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="program_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.name
