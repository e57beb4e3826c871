"""report.context.path: the path to the next band in words."""

from __future__ import annotations

from context_support import small_ctx
from report_support import card

from builders import build_rubric
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_report_set
from readiness.report.context import ReportSet
from readiness.report.context.path import build_path, levels_between


def test_path_sections(c5_report: ReportSet) -> None:
    kgz = card(c5_report, "KGZ").path
    assert kgz.lead.startswith("Kyrgyzstan scores 39.7 (Early-stage), 0.3 points below Emerging")
    assert len(kgz.steps) == 1
    assert "Emerging" in kgz.outcome
    kaz = card(c5_report, "KAZ").path
    assert "already in the top band" in kaz.lead
    tjk = card(c5_report, "TJK").path
    assert "no index score" in tjk.lead and "between" in tjk.outcome


def test_fixed_indicators_leave_geography_alone(c5_result: Result) -> None:
    geography = {"caspian_access", "transit_borders"}
    fixed = build_report_set(c5_result, paths=paths_to_next_band(c5_result, geography))
    path = card(fixed, "KGZ").path
    assert all("Caspian" not in s.name and "Transit" not in s.name for s in path.steps)
    assert "Never proposed (fixed): Own Caspian port" in path.method_note


def test_the_small_results_paths_by_hand() -> None:
    ctx = small_ctx()
    # B 30.0: a 2 -> 6 makes Law 60 (b missing, a carries Law), index (60 + 40) / 2 = 50: High
    b = build_path(ctx, "B")
    assert b.lead.startswith("Beta scores 30.0 (Low), 20.0 points below High (50).")
    assert [(s.name, s.kind, s.change, s.gain) for s in b.steps] == [
        ("Mining code", "policy", "2 → 6 (just enough)", "+20.00")
    ]
    assert b.outcome == "This policy change gives 50.0 (High)."
    # A is in the top band: its largest single gain is d 2 -> 4 (Beta's reading), +5 points
    a = build_path(ctx, "A")
    assert a.lead.startswith("Alpha is already in the top band (High).")
    assert [(s.name, s.change, s.gain) for s in a.steps] == [
        ("Credit", "2 → 4 (the best among the countries scored: Beta)", "+5.00")
    ]
    # C: Money's c and d at the ends of their scales give (60 + 0) / 2 and (60 + 100) / 2
    c = build_path(ctx, "C")
    assert "What blocks the score: Money (missing: FDI, Credit)." in c.lead and c.steps == ()
    assert "between 30.0 (Low) if each were at the worst end" in c.outcome
    assert "and 80.0 (High) if each were at the best end" in c.outcome


def test_levels_between_counts_the_levels_passed() -> None:
    levels = [
        {"value": v, "label": n, "definition": n} for v, n in enumerate(("no", "some", "all"))
    ]
    rubric = build_rubric(
        {"k": {"parent": "idx", "kind": "categorical", "levels": levels}}, {"idx": {}}
    )
    k = rubric.indicator_by_id["k"]
    assert (levels_between(k, 0, 2), levels_between(k, 2, 1), levels_between(k, 1, 1)) == (2, 1, 0)
