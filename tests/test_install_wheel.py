"""The wheel runs from any folder: the default rules ship inside it (not read from the
checkout). Builds the wheel, installs it into a fresh virtualenv (pip's cache allowed) and
runs `communique extract` on the seed from a temporary folder."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            env=env, timeout=900)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", dist, cwd=dist)
    [built] = dist.glob("communique-*.whl")
    return built


def test_wheel_holds_the_default_rules(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in (p.relative_to(ROOT / "models").as_posix()
                for p in (ROOT / "models").rglob("*") if p.is_file()):
        assert f"pipeline/models/{rel}" in names
    assert not any(n.startswith("models/") for n in names)


def test_wheel_holds_the_review_app_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    app = ROOT / "pipeline" / "review"
    files = [p for d in ("templates", "static") for p in (app / d).iterdir() if p.is_file()]
    assert len(files) >= 8
    for path in files:
        assert path.relative_to(ROOT).as_posix() in names


def test_wheel_installs_and_extracts_the_seed_from_any_folder(wheel, tmp_path, seed_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", "-c", ROOT / "constraints.txt", wheel, cwd=tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "seed.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COMMUNIQUE_RULES")}
    run(env_dir / "bin" / "communique", "extract", "seed.txt", "--out", "out", "-q",
        cwd=work, env=env)
    with open(work / "out" / "leaders.csv", encoding="utf-8", newline="") as fh:
        leaders = {(r["name"], r["title"], r["country"]) for r in csv.DictReader(fh)}
    assert leaders == {("Emomali Rahmon", "President", "TJK"),
                       ("Kassym-Jomart Tokayev", "President", "KAZ")}
    with open(work / "out" / "documents.csv", encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 10
    info = run(env_dir / "bin" / "communique", "info", cwd=work, env=env).stdout
    assert "site-packages" in info and "packaged default" in info
    api = run(python, "-c", "from pipeline import extract_texts; "
              "print(len(extract_texts(open('seed.txt').read()).documents))", cwd=work, env=env)
    assert api.stdout.strip() == "10"
    exported = run(env_dir / "bin" / "communique", "review", "out", "--export", "reviewed",
                   cwd=work, env=env).stdout
    assert "documents.csv: 10 rows (unreviewed 10)" in exported
    run(python, "-c", "from pipeline.review.app import STATIC, _environment; "
        "_environment().get_template('article.html'); assert (STATIC / 'review.js').is_file()",
        cwd=work, env=env)
