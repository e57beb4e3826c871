"""Sensitivity analysis: which uncertain input drives the ranks, as Sobol indices (SALib).

Output Y = the mean absolute rank shift of a draw against the nominal ranks (COINr
`get_sensitivity`, Saisana et al. 2005). Inputs are the factors of `design.Design`, grouped as
reports name them (one group per weight, per method choice, per indicator's values). SALib's
Saltelli/Sobol sequence sample (N (G + 2) runs for G groups, no second-order terms) is scored
by the batch kernel in one go; SALib's estimators give the first-order index
S1_g = V[E(Y | X_g)] / V(Y) (Saltelli et al. 2010, "Variance based sensitivity analysis of model
output", Comput. Phys. Commun. 181) and the total index ST_g = E[V(Y | X_~g)] / V(Y) (Jansen
1999), with bootstrap confidence intervals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from readiness.engine.batch import Kernel
from readiness.engine.result import Result
from readiness.engine.uncertainty import draw_ranks, mean_rank_shift, setup, spec_of


@dataclass(frozen=True)
class SobolIndex:
    """One group of uncertain inputs: first-order and total index with their half-widths."""

    group: str
    first: float
    first_conf: float
    total: float
    total_conf: float


@dataclass(frozen=True)
class Sensitivity:
    """Sobol indices of the mean absolute rank shift, largest total index first."""

    base_samples: int
    runs: int
    resamples: int
    confidence: float
    output: str
    variance: float  # of Y over the sample; 0 means no input moves any rank
    indices: tuple[SobolIndex, ...]


def sobol_indices(
    model: Callable[[np.ndarray], np.ndarray],
    names: list[str],
    groups: list[str] | None,
    base_samples: int,
    rng: np.random.Generator,
    resamples: int = 100,
    confidence: float = 0.95,
) -> tuple[int, float, list[SobolIndex]]:
    """First-order and total Sobol indices of `model` (points in [0, 1)^k -> outputs), with
    SALib's Sobol-sequence sampler and estimators; returns (runs, variance of Y, indices)."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    problem: dict[str, Any] = {
        "num_vars": len(names),
        "names": names,
        "bounds": [[0.0, 1.0]] * len(names),
    }
    if groups is not None:
        problem["groups"] = groups
    x = sample.sample(problem, base_samples, calc_second_order=False, seed=rng)
    y = np.asarray(model(x), dtype=float)
    labels = list(dict.fromkeys(groups)) if groups is not None else names
    variance = float(np.var(y))
    if variance == 0.0:  # nothing moves the output: every index is 0 (SALib would divide by 0)
        zero = [SobolIndex(g, 0.0, 0.0, 0.0, 0.0) for g in labels]
        return x.shape[0], variance, zero
    result = analyze.analyze(
        problem,
        y,
        calc_second_order=False,
        num_resamples=resamples,
        conf_level=confidence,
        seed=rng,
    )
    indices = [
        SobolIndex(
            str(g),
            float(result["S1"][k]),
            float(result["S1_conf"][k]),
            float(result["ST"][k]),
            float(result["ST_conf"][k]),
        )
        for k, g in enumerate(labels)
    ]
    return x.shape[0], variance, indices


def sensitivity(
    result: Result,
    *,
    base_samples: int | None = None,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
) -> Sensitivity:
    """Sobol indices of the mean absolute rank shift over the rubric's uncertain inputs."""
    spec = spec_of(result, seed=seed)
    n = base_samples if base_samples is not None else spec.sobol.base_samples
    plan, raw, design = setup(result, spec)
    rng = rng if rng is not None else np.random.default_rng(spec.seed)
    root = result.rubric.root.id
    nominal = result.ranks[root].to_numpy(dtype=float, na_value=np.nan)

    kernel = Kernel(plan, raw, design.methods, design.cell_unit, design.cell_column, [root])

    def model(u: np.ndarray) -> np.ndarray:
        index = kernel.score(design.draws(u))[root]
        ranks = draw_ranks(index, ~plan.reference, result.rubric.rank_ties)
        return mean_rank_shift(ranks, nominal)

    if design.k == 0:
        return Sensitivity(n, 0, spec.sobol.resamples, spec.sobol.confidence, OUTPUT, 0.0, ())
    names = [f.name for f in design.factors]
    runs, variance, indices = sobol_indices(
        model, names, design.groups, n, rng, spec.sobol.resamples, spec.sobol.confidence
    )
    indices.sort(key=lambda s: (-s.total, -s.first, s.group))
    return Sensitivity(
        n, runs, spec.sobol.resamples, spec.sobol.confidence, OUTPUT, variance, tuple(indices)
    )


OUTPUT = "mean absolute rank shift against the nominal ranks"
