"""Rule sets: folders of patterns and gazetteers, found the same way by every command.

A rule set is a folder holding `patterns/*.jsonl` (+ `patterns/gates.csv`), `gazetteers/*.csv`
and, for rule sets made by `communique rules init` or `communique retrain`, a `manifest.json`
(name, version, parent, created). The default rule set ships inside the package
(`pipeline/models`, built from the repository's `models/`).

Which rule set a command uses, first match wins:
  1. `--rules DIR` (or `rules=` in the Python API);
  2. the `COMMUNIQUE_RULES` environment variable (a folder);
  3. the packaged default.

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
MANIFEST = "manifest.json"
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


def fingerprint(root: Path) -> str:
    """A hash over every pattern and gazetteer file: the rules version of a run."""
    digest = hashlib.sha256()
    for path in rule_files(root):
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
    source: str  # option | env | default
    name: str
    version: str  # the fingerprint of its rule files
    manifest: dict[str, Any]

    def describe(self) -> str:
        via = {"option": "--rules", "env": ENV_VAR, "default": "packaged default"}[self.source]
        return f"{self.name} (version {self.version}) at {self.path} [{via}]"


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
    """The rule set a command uses: `rules`, else $COMMUNIQUE_RULES, else the default."""
    if rules not in (None, ""):
        path, source = Path(rules).expanduser(), "option"
    elif os.environ.get(ENV_VAR):
        path, source = Path(os.environ[ENV_VAR]).expanduser(), "env"
    else:
        path, source = default_rules_dir(), "default"
    check_rules_dir(path, {"option": "--rules", "env": ENV_VAR, "default": "default"}[source])
    manifest = read_manifest(path)
    default = source == "default" or path.resolve() == default_rules_dir().resolve()
    name = str(manifest.get("name") or ("default" if default else path.name))
    return RuleSet(path=path.resolve(), source=source, name=name, version=fingerprint(path),
                   manifest=manifest)


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
        for path in rule_files(parent.path):
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
        "rules from": {"option": "--rules", "env": ENV_VAR,
                       "default": "packaged default"}[ruleset.source],
        "rules parent": f"{parent.get('name')} ({parent.get('version')})" if parent else "",
        "rules created": str(ruleset.manifest.get("created", "")),
    }


def component_dir(models_dir: str | Path | None) -> Path:
    """The rule folder of a pipeline component's `models_dir` setting: as given (unchecked: a
    saved pipeline restores its data in `from_disk`, where the folder may be gone), else the
    active rule set."""
    return Path(models_dir) if models_dir else rules_dir(None)
