"""The README's examples run as written (with ``../shared`` pointed at the shared data)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _block_after(heading: str, language: str) -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1]
    match = re.search(rf"```{language}\n(.*?)```", section, re.S)
    assert match, f"no ```{language} block under '## {heading}'"
    return match.group(1)


def test_python_api_example_runs_and_reads_the_seed(shared: Path):
    code = _block_after("Python API", "python").replace("../shared", str(shared))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    lines = out.getvalue().splitlines()
    injured = [line for line in lines if line.startswith("injured|people|")]
    assert injured and injured[0].split()[1:3] == ["28", "28"]  # the seed: at least 22, at least 28 -> 28
    assert any(line.startswith("launched|drones|") and " 49 49 49 " in f"{line} " for line in lines)


def test_every_command_is_in_the_readme():
    from newsdesk.cli import COMMAND_MODULES, build_parser

    text = README.read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = [name for name in sub.choices if f"newsdesk {name}" not in text]
    assert COMMAND_MODULES and not missing, f"commands not in README.md: {missing}"
