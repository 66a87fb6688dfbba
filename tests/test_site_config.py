"""mkdocs.yml read without an engine (site_config.py): `!ENV` resolved as MkDocs resolves it, and a
malformed one refused in one line at its place."""

from pathlib import Path

import pytest

from playbook.core.sources.errors import PlaybookInputError
from playbook.core.sources.site_config import read_site_config


def test_env_takes_the_first_variable_set_else_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TEST_SET", "from the environment")
    monkeypatch.delenv("PLAYBOOK_TEST_UNSET", raising=False)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: !ENV [PLAYBOOK_TEST_UNSET, PLAYBOOK_TEST_SET, fallback]\n"
        "site_url: !ENV [PLAYBOOK_TEST_UNSET, https://example.com/]\n"
        "use_directory_urls: !ENV PLAYBOOK_TEST_UNSET\n",
        encoding="utf-8",
    )
    assert read_site_config(config_file, tmp_path) == {
        "site_name": "from the environment",
        "site_url": "https://example.com/",
        "use_directory_urls": None,
    }


def test_env_given_a_mapping_is_refused_at_its_line(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: Playbook\nsite_url: !ENV {name: SITE_URL}\n", encoding="utf-8")
    with pytest.raises(PlaybookInputError) as raised:
        read_site_config(config_file, tmp_path)
    assert [str(problem) for problem in raised.value.problems] == [
        "mkdocs.yml:2: expected a name or a list of names, found a mapping"
    ]
