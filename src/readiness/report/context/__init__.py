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

from collections.abc import Mapping
from dataclasses import dataclass

from readiness.engine.paths import NextBandPath
from readiness.engine.result import Result
from readiness.engine.sensitivity import Sensitivity
from readiness.engine.uncertainty import Robustness
from readiness.report.context.common import Ctx
from readiness.report.context.regional import Regional, build_regional
from readiness.report.context.scorecard import Scorecard, build_scorecard
from readiness.trend.attribution import Attribution, attribute
from readiness.trend.series import Trend

__all__ = ["Regional", "ReportSet", "Scorecard", "build_report_set"]


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
    paths: Mapping[str, NextBandPath],
    trend: Trend | None = None,
    robustness: Robustness | None = None,
    sensitivity: Sensitivity | None = None,
    change: Attribution | None = None,
) -> ReportSet:
    """The context of every document for `result`: regional overview and one scorecard per unit.

    `previous` is the earlier period's result (for "change since"); `paths` is
    every unit's path to the next band, computed by the library
    (`readiness.engine.paths.paths_to_next_band`): the report only reads results; `trend` holds
    the recorded periods and the latest change by cause (trend charts and table);
    `robustness` and `sensitivity` the uncertainty analysis and Sobol indices, when run;
    `change` the change since `previous` split by cause (default: the trend's attribution, or
    the library's split of `previous` against `result`).
    """
    if change is None and trend is not None:
        change = trend.attribution
    if change is None and previous is not None:  # "change since" without a history
        change = attribute(previous, result)
    ctx = Ctx(result, previous, paths, trend, robustness, sensitivity, change)
    return ReportSet(
        regional=build_regional(ctx),
        # One scorecard per assessed unit; reference units appear beside them, not on their own.
        scorecards=tuple(build_scorecard(ctx, str(u)) for u in result.assessed_units),
    )
