"""The report context: one typed object per document, built in this package and nowhere else.

Every label, rounded number, colour class and sort order the templates show is decided here;
templates only place strings. Text from inputs is cleaned and capped (`format.cap`), links are
vetted (`format.safe_url`), colours are one of a fixed set of CSS classes.

One module per section (headline, highlights, pillars, path, change, data_gaps, methodology,
ranking, coverage), each with its own type and builder; `scorecard` and `regional` assemble
them; `common.Ctx` holds the lookups they share. A section is added as a module plus a template
partial, and one line in the document that shows it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from readiness.engine.result import Result
from readiness.problems import fail
from readiness.report.context.common import Ctx
from readiness.report.context.regional import Regional, build_regional
from readiness.report.context.scorecard import Scorecard, build_scorecard
from readiness.report.context.summary import Robustness, UnitRobustness
from readiness.report.paths import fixed_indicators
from readiness.trend.series import Trend

__all__ = [
    "Regional",
    "ReportSet",
    "Robustness",
    "Scorecard",
    "UnitRobustness",
    "build_report_set",
]


@dataclass(frozen=True)
class ReportSet:
    """Everything the templates need: the regional overview and one scorecard per assessed
    unit (reference units are shown beside them)."""

    regional: Regional
    scorecards: tuple[Scorecard, ...]


def build_report_set(
    result: Result,
    previous: Result | None = None,
    *,
    fixed: Collection[str] | None = None,
    trend: Trend | None = None,
    robustness: Robustness | None = None,
) -> ReportSet:
    """The context of every document for `result`: regional overview and one scorecard per unit.

    `previous` is the same rubric scored for an earlier period (for "change since"); `fixed`
    names indicators the path to the next band leaves alone (default: the rubric's choice);
    `trend` holds the recorded periods and the latest change by cause (trend charts and table);
    `robustness` (unit -> `UnitRobustness`), when an uncertainty analysis was run, feeds the
    "what is fragile" part of the executive summaries.
    """
    fixed_ids = frozenset(fixed) if fixed is not None else fixed_indicators(result.rubric)
    unknown = fixed_ids - set(result.rubric.indicator_by_id)
    if unknown:
        fail(
            "unknown-fixed-indicator",
            f"fixed indicators the rubric does not have: {', '.join(sorted(unknown))}",
        )
    ctx = Ctx(result, previous, fixed_ids, trend)
    return ReportSet(
        regional=build_regional(ctx, robustness),
        # One scorecard per assessed unit; reference units appear beside them, not on their own.
        scorecards=tuple(build_scorecard(ctx, str(u), robustness) for u in result.assessed_units),
    )
