"""Small statistics for the Commissioner's figures. Plain Python."""

import math

Z95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """The 95% Wilson score interval for a proportion (sound for small counts and for 0% or 100%)."""
    if trials <= 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def two_proportion_p_value(successes_a: int, trials_a: int, successes_b: int, trials_b: int) -> float | None:
    """Two-sided p-value of the pooled two-proportion z-test: could groups A and B share one rate?"""
    if trials_a <= 0 or trials_b <= 0:
        return None
    pooled = (successes_a + successes_b) / (trials_a + trials_b)
    variance = pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b)
    if variance == 0:
        return 1.0
    z = (successes_a / trials_a - successes_b / trials_b) / math.sqrt(variance)
    return math.erfc(abs(z) / math.sqrt(2))


def percentile_from_histogram(histogram: dict[int, int], fraction: float) -> float | None:
    """The percentile of the values counted in `histogram` ({value: count}), interpolating linearly between
    the two values either side of rank fraction * (n - 1), as spreadsheets and numpy do by default (so the
    median of an even number of values is the mean of the middle two)."""
    total = sum(count for count in histogram.values() if count > 0)
    if total <= 0:
        return None
    position = fraction * (total - 1)
    lower_rank, upper_rank = math.floor(position), math.ceil(position)
    lower = upper = None
    seen = 0
    for value in sorted(histogram):
        if histogram[value] <= 0:
            continue
        seen += histogram[value]
        if lower is None and seen > lower_rank:
            lower = value
        if seen > upper_rank:
            upper = value
            break
    return lower + (upper - lower) * (position - lower_rank)
