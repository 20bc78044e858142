"""Exact random allocations: the demo must hit the published totals to the unit."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def distribute(rng: random.Random, total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into ``len(weights)`` parts of at least ``minimum``, roughly by weight."""
    counts = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError("total too small for the minimum")
    noisy = [w * rng.uniform(0.6, 1.4) for w in weights]
    scale = rest / sum(noisy)
    shares = [w * scale for w in noisy]
    for index, share in enumerate(shares):
        counts[index] += int(share)
    leftover = total - sum(counts)
    by_fraction = sorted(range(len(shares)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for index in by_fraction[:leftover]:
        counts[index] += 1
    return counts


def pick_exact(rng: random.Random, items: Sequence[T], k: int, weight: Callable[[T], float]) -> set[int]:
    """Indexes of exactly ``k`` items drawn without replacement, likelier with more weight.

    Efraimidis–Spirakis keys: one pass and a sort, exact count by construction.
    """
    keys = [(rng.random() ** (1.0 / max(weight(item), 1e-6)), index) for index, item in enumerate(items)]
    keys.sort(reverse=True)
    return {index for _, index in keys[:k]}
