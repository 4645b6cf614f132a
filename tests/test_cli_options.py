"""Options every command takes: before or after the command's name."""

from __future__ import annotations


def test_global_options_are_taken_after_the_command_too(tmp_path, capsys):
    from newsdesk.cli import main

    db = tmp_path / "after.db"
    report = tmp_path / "r.txt"
    report.write_text("Floods forced 300 families from their homes in the valley on Monday.", encoding="utf-8")
    assert main(["ingest", "--db", str(db), "--stages", "none", "-q", str(report)]) == 0
    assert db.exists()
    capsys.readouterr()
    assert main(["articles", "list", "--db", str(db)]) == 0
    assert "300 families" not in capsys.readouterr().err
    assert main(["--db", str(db), "articles", "list"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1
