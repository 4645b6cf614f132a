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


def test_progress_total_counts_json_lines_and_gives_up_on_compressed_files(tmp_path):
    import gzip

    from newsdesk.cli._ingest import _estimate_total

    lines = tmp_path / "a.jsonl"
    lines.write_text('{"text": "one"}\n\n{"text": "two"}\n{"text": "three"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("A report.", encoding="utf-8")
    assert _estimate_total([str(lines)]) == 3
    assert _estimate_total([str(tmp_path)]) == 4
    packed = tmp_path / "c.jsonl"
    packed.write_bytes(gzip.compress(b'{"text": "one"}\n'))
    assert _estimate_total([str(packed)]) is None
    assert _estimate_total(["-"]) is None
