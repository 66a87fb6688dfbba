"""The two tiers (tests/conftest.py): `make check` runs the tests not marked `slow`, `make test` every test;
each test is in exactly one of `make check` and the rest."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from support import ROOT


def collected(*options: str, tier: str = "") -> set[str]:
    """The test ids pytest collects with `options`, as the Makefile's targets run it."""
    environment = {**os.environ, "PLAYBOOK_TIER": tier}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n0", "-p", "no:cacheprovider", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_every_test_is_in_exactly_one_tier_and_make_test_runs_them_all() -> None:
    makefile = (ROOT / "Makefile").read_text()
    check = re.search(r"^check:.*\n\tPLAYBOOK_TIER=check \$\(BIN\)/python -m pytest (.*)$", makefile, re.M)
    test = re.search(r"^test:.*\n\t\$\(BIN\)/python -m pytest$", makefile, re.M)
    assert check and check[1] == '-m "not slow"' and test, "the Makefile's check and test targets changed"
    everything = collected()
    fast = collected("-m", "not slow", tier="check")
    slow = collected("-m", "slow")
    assert fast and slow and not fast & slow
    assert fast | slow == everything
    assert all(name not in fast for name in everything if name.startswith("tests/browser/"))
    assert "tests/test_tiers.py::test_every_test_is_in_exactly_one_tier_and_make_test_runs_them_all" in slow
    # A test that builds a playbook of its own is slow (conftest.BUILDS); one reading a shared build is not.
    assert "tests/test_build.py::test_a_site_can_override_the_page_templates" in slow
    assert (
        "tests/test_typography.py::test_every_text_of_a_principle_page_uses_typographic_quotes[site]" in fast
    )
