"""Display helpers of the admission pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The reliability tag of a rule's source (``ketnap.rules.base.Citation``), as people read it.
SOURCE_TAGS = {
    "A": (_("văn bản gốc"), _("Mức tin cậy của nguồn: A, nguyên văn văn bản của Trung ương")),
    "B": (_("tin chính thức"), _("Mức tin cậy của nguồn: B, tin chính thức")),
    "C": (
        _("thực tiễn địa phương"),
        _("Mức tin cậy của nguồn: C, thực tiễn địa phương hoặc bình luận có trích văn bản"),
    ),
    "D": (_("chưa kiểm chứng"), _("Mức tin cậy của nguồn: D, chưa kiểm chứng")),
}


@register.filter
def citation(value: object) -> SafeString:
    """A citation "document, article [tag]" with its tag said in words, the meaning of the
    tag on hover (never a bare "[A]")."""
    text = str(value or "")
    head, bracket, tail = text.rpartition(" [")
    tag = tail.removesuffix("]") if bracket and tail.endswith("]") else ""
    if tag not in SOURCE_TAGS:
        return format_html("{}", text)
    short, long = SOURCE_TAGS[tag]
    return format_html('{} · <abbr class="source-tag" title="{}">{}</abbr>', head, long, short)
