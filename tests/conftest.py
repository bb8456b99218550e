"""Shared fixtures. Tests that need ../shared (not part of a user's clone) skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzz tests: "ci" (the default) keeps example counts small and the examples fixed, so a run
# takes seconds and fails the same way twice; `pytest --hypothesis-profile=long` draws
# fresh examples, FUZZ_LONG_FACTOR times as many (tests scale theirs with helpers.examples).
settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=500, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_925d941a15076cfe.txt"
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def _rules_home(tmp_path_factory, monkeypatch):
    """Every test gets an empty rules home: no user's active version leaks in or out."""
    monkeypatch.setenv("COMMUNIQUE_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("COMMUNIQUE_RULES", raising=False)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def nlp():
    """The full default pipeline (model + rulers + extractors), loaded once per session."""
    from pipeline.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_text):
    """The seed article processed without a publication date (a bare .txt)."""
    return nlp(seed_text)


@pytest.fixture(scope="session")
def sentence_nlp():
    """The default pipeline, keeping the leaders with no state that the default leaves out:
    a test sentence has no article around it to give one (test_leaders_stateless.py checks
    the default)."""
    from pipeline.nlp import build_pipeline

    nlp = build_pipeline()
    nlp.get_pipe("communique_leaders").stateless = True
    return nlp


@pytest.fixture(scope="session")
def make_doc(sentence_nlp):
    """Process a text with the full pipeline, optionally with a publication date."""
    nlp = sentence_nlp

    def _make(text: str, dct: str | None = None):
        doc = nlp.make_doc(text)
        doc._.dct = dct
        doc._.dct_source = "metadata" if dct else ""
        return nlp(doc)

    return _make


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    path = SHARED / "corpus"
    if not path.is_dir():
        pytest.skip("../shared/corpus is not available (not part of a user's clone)")
    return path
