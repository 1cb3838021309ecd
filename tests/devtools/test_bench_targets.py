"""bench_pages' verdicts on issue 22's page-cache-off targets: missed by more than 15% fails the run."""

import pytest

from devtools.management.commands.bench_pages import API_LIST, RANDOM_ARTICLE, target_verdict


def row(page, rps):
    return {"page": page, "rps": rps}


@pytest.mark.parametrize(
    ("page", "rps", "verdict", "missed"),
    [
        ("article", 70, "met", False),  # 7% of /healthz
        ("article", 60, "missed, within 15%", False),  # 6%: 86% of the target
        (RANDOM_ARTICLE, 59, "MISSED", True),  # 5.9%: 84% of the target
        ("home", 80, "met", False),
        ("home", 67, "MISSED", True),
        ("deep feed (400 × Show More)", 90, "met", False),  # 90% of home's 100
        ("deep feed (400 × Show More)", 77, "missed, within 15%", False),
        ("deep feed (400 × Show More)", 76, "MISSED", True),  # 76% of home: 84% of the target
        (API_LIST, 84, "MISSED", True),  # 84% of home's 100 against 100%
    ],
)
def test_a_figure_against_its_target(page, rps, verdict, missed):
    result = target_verdict(row(page, rps), baseline_rps=1000, home_rps=100)
    assert result.text.endswith(verdict)
    assert result.missed is missed


def test_rows_without_a_target_have_no_verdict():
    assert target_verdict(row("baseline (/healthz)", 1000), 1000, 100) is None
    assert target_verdict(row("live poll, 304 (40 updates)", 300), 1000, 100) is None
