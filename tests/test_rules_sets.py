"""Rule sets as folders: the packaged default, `rules init`, --rules / COMMUNIQUE_RULES."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import UsageError
from pipeline.rules import (ENV_VAR, MANIFEST, default_rules_dir, fingerprint, init_rules,
                            required_files, resolve_rules)


def test_rules_default_is_complete_and_versioned(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    found = resolve_rules(None)
    assert found.source == "default" and found.name == "default"
    assert found.path == default_rules_dir().resolve()
    assert "gazetteers/titles.csv" in required_files()
    assert "patterns/leaders.jsonl" in required_files()
    assert found.version == fingerprint(default_rules_dir())


def test_rules_init_copies_with_a_manifest(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    made = init_rules(tmp_path / "mine", name="ministries")
    manifest = json.loads((tmp_path / "mine" / MANIFEST).read_text())
    assert manifest["name"] == "ministries" == made.name
    assert manifest["parent"] == {"name": "default", "version": fingerprint(default_rules_dir())}
    assert manifest["version"] == made.version == fingerprint(tmp_path / "mine")
    assert manifest["created"].endswith("+00:00")
    assert made.source == "option"
    for rel in required_files():
        assert (tmp_path / "mine" / rel).read_bytes() == (default_rules_dir() / rel).read_bytes()


def test_rules_init_refuses_a_folder_with_files_unless_forced(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="already exists"):
        init_rules(tmp_path / "mine")
    init_rules(tmp_path / "mine", force=True)
    assert not (tmp_path / "mine" / "notes.txt").exists()


@pytest.mark.parametrize("remove", [["gazetteers/titles.csv"],
                                    ["gazetteers/titles.csv", "patterns/dates.jsonl"]])
def test_rules_incomplete_folder_names_everything_missing(tmp_path, remove):
    init_rules(tmp_path / "r")
    for rel in remove:
        (tmp_path / "r" / rel).unlink()
    with pytest.raises(UsageError) as err:
        resolve_rules(tmp_path / "r")
    message = str(err.value)
    assert str(tmp_path / "r") in message
    assert all(rel in message for rel in remove)


def test_rules_missing_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(UsageError, match=f"{ENV_VAR}: .*nowhere.*the folder itself"):
        resolve_rules(None)


def test_rules_environment_selects_a_folder_and_option_wins(monkeypatch, tmp_path):
    init_rules(tmp_path / "env", name="from-env")
    init_rules(tmp_path / "opt", name="from-option")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_rules(None).name == "from-env"
    assert resolve_rules(None).source == "env"
    assert resolve_rules(tmp_path / "opt").name == "from-option"


def test_rules_edit_changes_the_version(tmp_path):
    made = init_rules(tmp_path / "r")
    with open(tmp_path / "r" / "gazetteers" / "titles.csv", "a", encoding="utf-8") as fh:
        fh.write("Grand Vizier,Grand Vizier,head_of_government\n")
    assert resolve_rules(tmp_path / "r").version != made.version


def test_cli_rules_init_and_info(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["rules", "init", str(tmp_path / "r"), "--name", "team"])
    assert result.exit_code == 0, result.output
    assert "rule set 'team'" in result.output
    result = runner.invoke(cli, ["info", "--json", "--rules", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["rules"] == "team" and data["rules from"] == "--rules"
    assert data["rules parent"].startswith("default (")
    assert data["spacy"].startswith("3.8") and data["communique"]
    assert "en_core_web_sm" in data["model"]
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "r"))
    result = runner.invoke(cli, ["info"])
    assert result.exit_code == 0 and "COMMUNIQUE_RULES" in result.output


def test_cli_extract_with_an_incomplete_rule_set_fails_with_one_message(tmp_path, seed_path):
    init_rules(tmp_path / "r")
    (tmp_path / "r" / "gazetteers" / "currencies.csv").unlink()
    result = CliRunner().invoke(cli, ["extract", str(seed_path), "--out", str(tmp_path / "o"),
                                      "--rules", str(tmp_path / "r")])
    assert result.exit_code != 0
    assert "missing: gazetteers/currencies.csv" in result.output
    assert not (tmp_path / "o" / "leaders.csv").exists()


def test_cli_extract_uses_the_edited_rule_set(tmp_path, seed_path, monkeypatch):
    """A rule set without the word 'President' in its titles finds no presidents."""
    init_rules(tmp_path / "r")
    titles = tmp_path / "r" / "gazetteers" / "titles.csv"
    lines = titles.read_text(encoding="utf-8").splitlines(keepends=True)
    titles.write_text("".join(l for l in lines if not l.lower().startswith("president,")),
                      encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "r"))
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["extract", str(seed_path), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    leaders = (out / "leaders.csv").read_text(encoding="utf-8")
    assert ",President," not in leaders
