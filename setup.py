"""Build step: the default rule set (the repository's `models/`) ships inside the wheel as
`pipeline/models/`, so an installed communique runs from any folder. An editable install
reads `models/` in the checkout directly (see `pipeline.rules.default_rules_dir`)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RULES = Path(__file__).resolve().parent / "models"


class BuildWithRules(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "pipeline" / "models"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithRules})
