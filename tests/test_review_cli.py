"""`communique review OUTDIR`: the thin command over pipeline.review (server start-up)."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from helpers import review_items
from pipeline.cli import cli
from pipeline.review.fixtures import write_folder


@pytest.fixture
def served(monkeypatch):
    """uvicorn.run replaced: what it would have served."""
    calls = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_review_cli_serves_on_loopback_without_token(tmp_path, served):
    out = write_folder(tmp_path / "out", review_items())
    port = free_port()
    result = CliRunner().invoke(cli, ["review", str(out), "--port", str(port),
                                      "--reviewer", "zoe"])
    assert result.exit_code == 0, result.output
    assert f"open http://127.0.0.1:{port}/   (Ctrl-C to stop)" in result.output
    assert "3 articles, 7 rows, 0 decided" in result.output
    [(app, kw)] = served
    assert (kw["host"], kw["port"]) == ("127.0.0.1", port)
    assert app.state.settings.token is None and app.state.settings.reviewer == "zoe"


def test_review_cli_another_host_gets_a_generated_token(tmp_path, served):
    out = write_folder(tmp_path / "out", review_items())
    result = CliRunner().invoke(cli, ["review", str(out), "--host", "0.0.0.0", "--port",
                                      str(free_port()), "--read-only"])
    assert result.exit_code == 0, result.output
    [(app, _)] = served
    token = app.state.settings.token
    assert token and len(token) >= 20 and f"/?token={token}" in result.output
    assert "(read-only)" in result.output and app.state.settings.read_only


def test_review_cli_given_token_is_used(tmp_path, served):
    out = write_folder(tmp_path / "out", review_items())
    result = CliRunner().invoke(cli, ["review", str(out), "--port", str(free_port())],
                                env={"COMMUNIQUE_REVIEW_TOKEN": "tok-123"})
    assert result.exit_code == 0 and "?token=tok-123" in result.output
    assert served[0][0].state.settings.token == "tok-123"


def test_review_cli_port_in_use_is_a_usage_error(tmp_path, served):
    out = write_folder(tmp_path / "out", review_items())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["review", str(out), "--port", str(port)])
    assert result.exit_code == 2 and f"port {port} on 127.0.0.1 is in use" in result.output
    assert served == []


def test_review_cli_not_an_output_folder(tmp_path):
    result = CliRunner().invoke(cli, ["review", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not an output folder of `communique extract`" in result.output


def test_review_cli_help_documents_every_option():
    result = CliRunner().invoke(cli, ["review", "--help"])
    for option in ("--host", "--port", "--reviewer", "--read-only", "--token", "--export",
                   "--import", "--table", "--rules"):
        assert option in result.output
