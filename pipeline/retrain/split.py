"""Split reviewed articles into a part to learn from and a held-back part to measure on.

By article (all rows of an article go to the same part), with a fixed seed: the same
articles and seed give the same split on every machine and every run.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import TypeVar

from pipeline.errors import Errors, UsageError

T = TypeVar("T")
DEFAULT_SEED = 14


def split_articles(ids: Sequence[str], holdout: float, seed: int = DEFAULT_SEED
                   ) -> tuple[list[str], list[str]]:
    """(learn, held back): `holdout` of the articles (rounded up, at least one when there are
    two or more articles and holdout > 0) are held back, chosen by a seeded shuffle of the
    sorted ids."""
    if not 0 <= holdout < 1:
        raise UsageError(Errors.T005.format(value=holdout))
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    n = math.ceil(len(order) * holdout) if holdout > 0 and len(order) > 1 else 0
    n = min(n, len(order) - 1)
    held = set(order[:n])
    return [i for i in ids if i not in held], [i for i in ids if i in held]
