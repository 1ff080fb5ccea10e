"""Property tests: the gap/overlap scan agrees with a brute-force scan of random threshold tables."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.data.ladder import gaps_and_overlaps, interval


@st.composite
def conditions(draw):
    op = draw(st.sampled_from([">", ">=", "<", "<="]))
    value = draw(st.integers(0, 20))
    upto = draw(st.one_of(st.none(), st.integers(value, 20))) if op in (">", ">=") else None
    return SimpleNamespace(op=op, value=value, upto=upto)


def brute(ivs):
    """Probe every half-step from the lowest start to beyond the largest bound."""
    start = min(iv.low for iv in ivs)
    gap = overlap = False
    x = start
    while x <= 22:
        n = sum(iv.contains(x) for iv in ivs)
        if not (x == start and n == 0):
            gap |= n == 0
            overlap |= n > 1
        x += 0.5
    return gap, overlap


@settings(max_examples=300, deadline=None)
@given(st.lists(conditions(), min_size=2, max_size=4))
def test_scan_matches_brute_force(conds):
    ivs = [interval(c) for c in conds]
    gaps, overlaps = gaps_and_overlaps(ivs)
    assert (bool(gaps), bool(overlaps)) == brute(ivs)


def test_the_seed_gap_is_found():
    """The seed: SEV-2 is '> 20%' and nothing covers 5..20 once SEV-3 is read as '< 5%' on the same axis."""
    ivs = [
        interval(SimpleNamespace(op=">", value=20, upto=None)),
        interval(SimpleNamespace(op="<", value=5, upto=None)),
    ]
    gaps, overlaps = gaps_and_overlaps(ivs)
    assert gaps == [(5.0, 20.0)] and overlaps == []
