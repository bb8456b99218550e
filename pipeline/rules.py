"""Rule sets: folders of patterns and gazetteers, found the same way by every command.

A rule set is a folder holding `patterns/*.jsonl` (+ `patterns/gates.csv`), `gazetteers/*.csv`
and, for rule sets made by `communique rules init` or `communique retrain`, a `manifest.json`
(name, version, parent, created). The default rule set ships inside the package
(`pipeline/models`, built from the repository's `models/`).

Which rule set a command uses, first match wins:
  1. `--rules DIR|NAME` (or `rules=` in the Python API): a folder, or a saved version's name;
  2. the `COMMUNIQUE_RULES` environment variable (a folder or a version name);
  3. the active version of the rules home (`communique rules use NAME`);
  4. the packaged default.

Versions (made by `communique retrain`, or `save_version`) live in the rules home,
`$COMMUNIQUE_HOME/rules/NAME/` (default home: `$XDG_DATA_HOME/communique`, else
`~/.local/share/communique`). A saved version is never modified: its files are read-only, so
activating it again (`rules use`, `rules rollback`) gives exactly the rows it gave before.
`ACTIVE.json` beside them names the active version and the ones active before it; it is
replaced atomically.

    >>> from pipeline.rules import resolve_rules
    >>> resolve_rules(None).source
    'default'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError

ENV_VAR = "COMMUNIQUE_RULES"
HOME_VAR = "COMMUNIQUE_HOME"
MANIFEST = "manifest.json"
ACTIVE_FILE = "ACTIVE.json"
DEFAULT_NAME = "default"
RULE_GLOBS = ("patterns/*.jsonl", "patterns/*.csv", "gazetteers/*.csv")


@cache
def default_rules_dir() -> Path:
    """The packaged default rule set: `pipeline/models` inside an installed wheel, else the
    repository's `models/` (an editable install or a checkout on sys.path)."""
    from importlib import resources

    packaged = Path(str(resources.files("pipeline") / "models"))
    if (packaged / "patterns").is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "models"


def rule_files(root: Path) -> list[Path]:
    """The files of a rule set that make up its rules, in a fixed order."""
    return [p for pattern in RULE_GLOBS for p in sorted(root.glob(pattern))]


MODEL_DIR = "model"  # a spaCy pipeline saved inside a rule set (`retrain --model-too`)


def rules_model(root: Path) -> Path | None:
    """The spaCy pipeline a rule set carries (its `model/` folder), or None."""
    folder = Path(root) / MODEL_DIR
    return folder if (folder / "meta.json").is_file() else None


def model_files(root: Path) -> list[Path]:
    """The files of the pipeline a rule set carries, in a fixed order ([] without one)."""
    folder = rules_model(root)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder else []


def fingerprint(root: Path) -> str:
    """A hash over every pattern and gazetteer file (and the files of the rule set's own
    model, if it has one): the rules version of a run."""
    digest = hashlib.sha256()
    for path in [*rule_files(root), *model_files(root)]:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


REQUIRED_GLOBS = ("patterns/*.jsonl", "gazetteers/*.csv")  # gates.csv is optional


def required_files() -> list[str]:
    """Relative paths every rule set must hold: the default's pattern and gazetteer files."""
    root = default_rules_dir()
    return [p.relative_to(root).as_posix() for g in REQUIRED_GLOBS for p in sorted(root.glob(g))]


def check_rules_dir(path: Path, origin: str = "--rules") -> None:
    """Raise one UsageError naming everything missing from the rule set at `path`."""
    if not path.is_dir():
        raise UsageError(Errors.U016.format(origin=origin, path=path,
                                            missing="the folder itself"))
    missing = [rel for rel in required_files() if not (path / rel).is_file()]
    if missing:
        raise UsageError(Errors.U016.format(origin=origin, path=path,
                                            missing=", ".join(missing)))


@dataclass(frozen=True)
class RuleSet:
    """A resolved rule set: where it is, how it was chosen, and its manifest."""

    path: Path
    source: str  # option | env | active | default
    name: str
    version: str  # the fingerprint of its rule files
    manifest: dict[str, Any]

    def describe(self) -> str:
        return f"{self.name} (version {self.version}) at {self.path} [{SOURCES[self.source]}]"


SOURCES = {"option": "--rules", "env": ENV_VAR, "active": "active version (rules use)",
           "default": "packaged default"}


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the rule set at `path` ({} when it has none)."""
    file = path / MANIFEST
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(Errors.U017.format(path=file, reason=exc)) from None
    if not isinstance(data, dict):
        raise UsageError(Errors.U017.format(path=file, reason="not a JSON object"))
    return data


def resolve_rules(rules: str | Path | None = None) -> RuleSet:
    """The rule set a command uses: `rules`, else $COMMUNIQUE_RULES, else the active
    version of the rules home, else the packaged default (see the module docstring)."""
    if rules not in (None, ""):
        path, source = _locate(str(rules)), "option"
    elif os.environ.get(ENV_VAR):
        path, source = _locate(os.environ[ENV_VAR]), "env"
    elif (active := active_name()) not in (None, DEFAULT_NAME):
        path, source = versions_dir() / active, "active"
    else:
        path, source = default_rules_dir(), "default"
    check_rules_dir(path, SOURCES[source] if source != "default" else DEFAULT_NAME)
    manifest = read_manifest(path)
    is_default = path.resolve() == default_rules_dir().resolve()
    name = str(manifest.get("name") or (DEFAULT_NAME if is_default else path.name))
    return RuleSet(path=path.resolve(), source=source, name=name, version=fingerprint(path),
                   manifest=manifest)


def _locate(value: str) -> Path:
    """A rule-set folder, or the folder of a saved version named `value`."""
    path = Path(value).expanduser()
    if path.is_dir() or os.sep in value or value in (".", ".."):
        return path
    if value == DEFAULT_NAME:
        return default_rules_dir()
    saved = versions_dir() / value
    return saved if saved.is_dir() else path


def rules_dir(rules: str | Path | None = None) -> Path:
    """Shortcut: the folder of the rule set `resolve_rules(rules)` finds."""
    return resolve_rules(rules).path


def init_rules(dest: Path, name: str | None = None, base: str | Path | None = None,
               force: bool = False) -> RuleSet:
    """Copy a rule set (`base`, default: the packaged one) to `dest` with a manifest.

    The copy is made in a temporary folder beside `dest` and renamed into place, so `dest`
    is either complete or absent.
    """
    parent = resolve_rules(base)
    dest = Path(dest).expanduser()
    if dest.exists() and not (dest.is_dir() and (force or not any(dest.iterdir()))):
        raise UsageError(Errors.U018.format(path=dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        for path in [*rule_files(parent.path), *model_files(parent.path)]:
            target = tmp / path.relative_to(parent.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        manifest = {
            "name": name or dest.name,
            "version": fingerprint(tmp),
            "parent": {"name": parent.name, "version": parent.version},
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return resolve_rules(dest)


def describe_environment(model: str = "auto", rules: str | Path | None = None) -> dict[str, str]:
    """What `communique info` prints: versions and the active rule set."""
    import importlib.metadata
    import platform

    import spacy

    from pipeline import __version__
    from pipeline.nlp import resolve_model

    try:
        name = resolve_model(model)
        try:
            model_desc = f"{name} {importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            model_desc = name
    except UsageError as exc:
        model_desc = f"not found ({exc})"
    ruleset = resolve_rules(rules)
    parent = ruleset.manifest.get("parent") or {}
    return {
        "communique": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": model_desc,
        "rules": ruleset.name,
        "rules version": ruleset.version,
        "rules path": str(ruleset.path),
        "rules from": SOURCES[ruleset.source],
        "rules home": str(versions_dir()),
        "rules parent": f"{parent.get('name')} ({parent.get('version')})" if parent else "",
        "rules created": str(ruleset.manifest.get("created", "")),
    }


def component_dir(models_dir: str | Path | None) -> Path:
    """The rule folder of a pipeline component's `models_dir` setting: as given (unchecked: a
    saved pipeline restores its data in `from_disk`, where the folder may be gone), else the
    active rule set."""
    return Path(models_dir) if models_dir else rules_dir(None)


# ---------------------------------------------------------------- versions in the rules home

def home() -> Path:
    """The communique data folder: $COMMUNIQUE_HOME, else $XDG_DATA_HOME/communique, else
    ~/.local/share/communique."""
    if os.environ.get(HOME_VAR):
        return Path(os.environ[HOME_VAR]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "communique"


def versions_dir() -> Path:
    return home() / "rules"


def _read_active() -> dict[str, Any]:
    path = versions_dir() / ACTIVE_FILE
    if not path.is_file():
        return {"active": DEFAULT_NAME, "history": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(Errors.U017.format(path=path, reason=exc)) from None
    return {"active": data.get("active") or DEFAULT_NAME, "history": list(data.get("history", []))}


def _write_active(data: dict[str, Any]) -> None:
    """Replace ACTIVE.json atomically (write a temp file, fsync, rename)."""
    folder = versions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".active.", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / ACTIVE_FILE)


def active_name() -> str | None:
    """Name of the active version of the rules home (None without a rules home)."""
    return _read_active()["active"] if (versions_dir() / ACTIVE_FILE).is_file() else None


def list_versions() -> list[RuleSet]:
    """The packaged default, then the saved versions, oldest first."""
    found = [resolve_rules(default_rules_dir())]
    folder = versions_dir()
    if folder.is_dir():
        saved = []
        for path in folder.iterdir():
            if path.is_dir() and not path.name.startswith(".") and (path / MANIFEST).is_file():
                saved.append(resolve_rules(path))
        found += sorted(saved, key=lambda r: (str(r.manifest.get("created", "")), r.name))
    return found


def get_version(name: str) -> RuleSet:
    """A saved version by name (or "default"); UsageError naming the known ones."""
    if name == DEFAULT_NAME:
        return resolve_rules(default_rules_dir())
    path = versions_dir() / name
    if not (path / MANIFEST).is_file():
        known = ", ".join(r.name for r in list_versions())
        raise UsageError(Errors.U019.format(name=name, home=versions_dir(), known=known))
    ruleset = resolve_rules(path)
    if ruleset.manifest.get("version") != ruleset.version:
        raise UsageError(Errors.U023.format(name=name, path=path,
                                            saved=ruleset.manifest.get("version"),
                                            now=ruleset.version))
    return ruleset


def save_version(source: Path, name: str, manifest: dict[str, Any] | None = None,
                 parent: RuleSet | None = None) -> RuleSet:
    """Save the rule files of `source` as the version `name` in the rules home (read-only,
    with a manifest: name, version, parent, created + `manifest`'s keys). Not activated."""
    if not name or name == DEFAULT_NAME or os.sep in name or name.startswith("."):
        raise UsageError(Errors.U020.format(name=name))
    folder = versions_dir()
    target = folder / name
    if target.exists():
        raise UsageError(Errors.U021.format(name=name, path=target))
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=folder))
    try:
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.name != MANIFEST and "__pycache__" not in path.parts:
                dest = tmp / path.relative_to(source)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
        data = {"name": name, "version": fingerprint(tmp),
                "parent": ({"name": parent.name, "version": parent.version} if parent else None),
                "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        data.update({k: v for k, v in (manifest or {}).items() if k not in data})
        (tmp / MANIFEST).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
        for path in tmp.rglob("*"):
            if path.is_file():
                path.chmod(0o444)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return resolve_rules(target)


def use_version(name: str) -> RuleSet:
    """Make `name` the active version (atomically); the previous one goes on the history."""
    ruleset = get_version(name)
    state = _read_active()
    if state["active"] != name:
        state["history"].append(state["active"])
    state["active"] = name
    _write_active(state)
    return ruleset


def rollback() -> RuleSet:
    """Activate the version that was active before the current one."""
    state = _read_active()
    if not state["history"]:
        raise UsageError(Errors.U022.format(active=state["active"]))
    previous = state["history"].pop()
    ruleset = get_version(previous)
    state["active"] = previous
    _write_active(state)
    return ruleset


def diff_versions(a: RuleSet, b: RuleSet) -> list[str]:
    """What changed from `a` to `b`, one line per change: pattern ids added/removed/changed,
    gazetteer rows added/removed, files added/removed, rules disabled/enabled."""
    import csv

    lines: list[str] = []
    files_a = {p.relative_to(a.path).as_posix() for p in rule_files(a.path)}
    files_b = {p.relative_to(b.path).as_posix() for p in rule_files(b.path)}
    for rel in sorted(files_a - files_b - {DISABLED_REL}):
        lines.append(f"- file {rel}")
    for rel in sorted(files_b - files_a - {DISABLED_REL}):
        lines.append(f"+ file {rel}")
    for rel in sorted(files_a & files_b):
        old, new = a.path / rel, b.path / rel
        if rel == DISABLED_REL or old.read_bytes() == new.read_bytes():
            continue
        if rel.endswith(".jsonl"):
            def by_id(path: Path) -> dict[str, str]:
                out = {}
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip() and not line.lstrip().startswith("//"):
                        item = json.loads(line)
                        out[str(item.get("id"))] = json.dumps(item, sort_keys=True)
                return out
            ia, ib = by_id(old), by_id(new)
            lines += [f"- {rel}: pattern {k}" for k in sorted(ia.keys() - ib.keys())]
            lines += [f"+ {rel}: pattern {k}" for k in sorted(ib.keys() - ia.keys())]
            lines += [f"~ {rel}: pattern {k}" for k in sorted(ia.keys() & ib.keys())
                      if ia[k] != ib[k]]
        else:
            def rows(path: Path) -> list[str]:
                with open(path, encoding="utf-8", newline="") as fh:
                    return [",".join(r) for r in csv.reader(fh)][1:]
            ra, rb = rows(old), rows(new)
            sa, sb = set(ra), set(rb)
            lines += [f"- {rel}: {r}" for r in ra if r not in sb]
            lines += [f"+ {rel}: {r}" for r in rb if r not in sa]
    ma, mb = (hashlib.sha256(b"".join(p.read_bytes() for p in model_files(r.path))).hexdigest()
              if rules_model(r.path) else None for r in (a, b))
    if ma != mb:
        lines.append(f"- model {MODEL_DIR}/" if mb is None else
                     f"+ model {MODEL_DIR}/" if ma is None else f"~ model {MODEL_DIR}/")
    from pipeline.disabled import read_disabled

    da = {row["rule"]: row for row in read_disabled(a.path)}
    db = {row["rule"]: row for row in read_disabled(b.path)}
    lines += [f"+ disabled rule {r} ({_evidence(db[r])})" for r in sorted(db.keys() - da.keys())]
    lines += [f"- disabled rule {r} (enabled again)" for r in sorted(da.keys() - db.keys())]
    return lines


DISABLED_REL = "patterns/disabled.csv"  # pipeline.disabled.DISABLED_FILE


def _evidence(row: dict[str, str]) -> str:
    """'precision 0.2 on 5 reviewed dates rows' from a disabled-rule line."""
    parts = [f"precision {row['precision']}" if row.get("precision") else "",
             f"on {row['reviewed']} reviewed {row.get('table', '')} rows".replace("  ", " ")
             if row.get("reviewed") else ""]
    return ", ".join(p for p in parts if p) or "no evidence recorded"
