"""intervals.meets, whose fast paths (apart before any slack; every end finite) must answer as the
plain reading of its rule does: two half-open rounding intervals share a value when each starts
below the other's end by more than a part in a billion of the largest finite end."""
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.checks.intervals import meets


def plain_meets(a, b, touching=False):
    if touching or a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    finite = [abs(x) for x in (*a, *b) if math.isfinite(x)]
    eps = 1e-9 * max(finite) if finite else 0.0
    return a[0] < b[1] - eps and b[0] < a[1] - eps


ends = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 9.25, 9.35, 9.350000000000001, 9.45, 1e308, -1e308, math.inf, -math.inf]),
    st.integers(-10, 10).map(float),
)


@settings(max_examples=3000, deadline=None, derandomize=True, database=None)
@given(ends, ends, ends, ends, st.booleans())
def test_meets_answers_as_its_rule_reads(a0, a1, b0, b1, touching):
    assert meets((a0, a1), (b0, b1), touching) == plain_meets((a0, a1), (b0, b1), touching)


def test_meets_at_the_edges():
    assert not meets((9.25, 9.35), (9.350000000000001, 9.45))  # touching, to a part in a billion
    assert meets((9.25, 9.35), (9.35, 9.45), True)
    assert meets((5.0, 5.0), (4.5, 5.5))  # a point inside
    assert meets((1e308, 1.5e308), (1.2e308, math.inf))  # a finite sum overflows: the slow path
    assert not meets((math.nan, 1.0), (0.0, 2.0))
