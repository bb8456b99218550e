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


# ---------------------------------------------------------------- versions in the rules home

def _version(tmp_path, name, extra_title=None, parent=None):
    from pipeline.rules import save_version

    src = tmp_path / f"src-{name}"
    init_rules(src, base=parent)
    if extra_title:
        with open(src / "gazetteers" / "titles.csv", "a", encoding="utf-8") as fh:
            fh.write(f"{extra_title},{extra_title},minister\n")
    return save_version(src, name, {"sources": ["test"]}, parent=resolve_rules(parent))


def test_rules_saved_version_is_read_only_and_named(tmp_path):
    from pipeline.rules import get_version, versions_dir

    made = _version(tmp_path, "v1", "Grand Vizier")
    assert made.path == (versions_dir() / "v1").resolve()
    assert made.manifest["parent"]["name"] == "default" and made.manifest["sources"] == ["test"]
    assert get_version("v1").version == made.version
    titles = made.path / "gazetteers" / "titles.csv"
    assert titles.stat().st_mode & 0o222 == 0  # read-only
    titles.chmod(0o644)
    with titles.open("a", encoding="utf-8") as fh:  # tampering is caught on use
        fh.write("Pasha,Pasha,minister\n")
    with pytest.raises(UsageError, match="modified after it was saved"):
        get_version("v1")
    with pytest.raises(UsageError, match="already exists"):
        _version(tmp_path, "v1")
    with pytest.raises(UsageError, match="no rule-set version 'nope'"):
        get_version("nope")


def test_rules_use_and_rollback_switch_the_active_rule_set(tmp_path):
    from pipeline.rules import rollback, use_version

    _version(tmp_path, "v1", "Grand Vizier")
    _version(tmp_path, "v2", "High Steward", parent="v1")
    assert resolve_rules(None).source == "default"
    use_version("v1")
    assert (resolve_rules(None).name, resolve_rules(None).source) == ("v1", "active")
    use_version("v2")
    assert resolve_rules(None).name == "v2"
    assert rollback().name == "v1" and resolve_rules(None).name == "v1"
    assert rollback().name == "default" and resolve_rules(None).source == "default"
    with pytest.raises(UsageError, match="nothing to roll back"):
        rollback()


def test_rules_a_version_name_works_wherever_a_folder_does(tmp_path, monkeypatch):
    made = _version(tmp_path, "team-3")
    assert resolve_rules("team-3").path == made.path
    monkeypatch.setenv(ENV_VAR, "team-3")
    assert resolve_rules(None).path == made.path


def test_rules_diff_lists_added_rows_and_patterns(tmp_path):
    from pipeline.rules import diff_versions, get_version

    v1 = _version(tmp_path, "v1", "Grand Vizier")
    lines = diff_versions(get_version("default"), v1)
    assert lines == ["+ gazetteers/titles.csv: Grand Vizier,Grand Vizier,minister"]
    src = tmp_path / "src-v3"
    init_rules(src, base="v1")
    patterns = src / "patterns" / "leaders.jsonl"
    patterns.write_text(patterns.read_text(encoding="utf-8") + json.dumps(
        {"label": "LEADER", "pattern": [{"LOWER": "vizier"}], "id": "test_vizier"}) + "\n",
        encoding="utf-8")
    from pipeline.rules import save_version
    v3 = save_version(src, "v3", parent=v1)
    assert diff_versions(v1, v3) == ["+ patterns/leaders.jsonl: pattern test_vizier"]
    assert diff_versions(v3, v3) == []


def test_cli_rules_list_use_rollback_diff(tmp_path):
    runner = CliRunner()
    _version(tmp_path, "v1", "Grand Vizier")
    result = runner.invoke(cli, ["rules", "list"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("* default")
    assert "  v1 " in result.output
    assert runner.invoke(cli, ["rules", "use", "v1"]).exit_code == 0
    assert runner.invoke(cli, ["rules", "list"]).output.splitlines()[1].startswith("* v1")
    result = runner.invoke(cli, ["rules", "diff", "default", "v1"])
    assert "+ gazetteers/titles.csv: Grand Vizier" in result.output
    result = runner.invoke(cli, ["rules", "show", "v1"])
    assert '"sources"' in result.output
    result = runner.invoke(cli, ["rules", "rollback"])
    assert result.exit_code == 0 and "default" in result.output
    result = runner.invoke(cli, ["rules", "use", "nope"])
    assert result.exit_code != 0 and "no rule-set version 'nope'" in result.output
