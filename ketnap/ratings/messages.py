"""Rating findings in the reader's language, from their stable codes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ketnap.ratings.models import RatingLevel
from ketnap.rules.ratings import RatingIssue


def issue_message(issue: RatingIssue) -> str:
    params = dict(issue.params)
    if "level" in params:
        params["level"] = str(RatingLevel(params["level"]).label)
    templates = {
        "rating.excellent_cap": _(
            "%(excellent)s xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức tối đa %(limit)s "
            "(%(percent)s%% số Hoàn thành tốt nhiệm vụ, %(regulation)s)."
        ),
        "rating.points_missing": _("Cần nhập điểm (thang 100 điểm)."),
        "rating.points_out_of_range": _("Điểm %(points)s ngoài thang 0–100."),
        "rating.above_band": _("Với %(points)s điểm, mức cao nhất là «%(level)s»."),
        "rating.excellent_conditions": _("Mức Hoàn thành xuất sắc nhiệm vụ cần xác nhận đủ các điều kiện."),
    }
    return templates[issue.code] % params
