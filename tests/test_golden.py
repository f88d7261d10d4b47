"""Each fixture converts to exactly its reviewed golden file (regenerate: ``make golden``)."""

from __future__ import annotations

import pytest

from tests.golden import cases, expected_path, render


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_fixture_matches_golden(case):
    expected = expected_path(case)
    assert expected.exists(), f"no golden file for {case.name}: run `make golden` and review it"
    assert render(case) == expected.read_text(encoding="utf-8")


def test_there_are_golden_cases():
    assert len(cases()) >= 3
