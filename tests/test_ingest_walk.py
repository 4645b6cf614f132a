"""Walking a folder of reports: documentation beside the reports is not a report."""

from __future__ import annotations

from newsdesk.ingest.sources import iter_paths, read_inputs
from newsdesk.options import Options


def test_folder_walk_skips_hidden_files_and_documentation(tmp_path):
    (tmp_path / "a.txt").write_text("Floods forced 300 families from their homes on Monday.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# What a careful reader finds\n\n- 300 families\n", encoding="utf-8")
    (tmp_path / "README").write_text("These are reports.\n", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("CC BY 4.0\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Not read.\n", encoding="utf-8")
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "b.txt").write_text("A second report about the floods in the valley.", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_paths(tmp_path)] == ["a.txt", "more/b.txt"]


def test_a_documentation_file_named_explicitly_is_read(tmp_path):
    note = tmp_path / "notes.md"
    note.write_text("Floods forced 300 families from their homes on Monday.\n", encoding="utf-8")
    got = list(read_inputs([str(note)], Options()))
    assert len(got) == 1 and "300 families" in got[0].text
