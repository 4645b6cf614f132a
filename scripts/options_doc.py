"""Write docs/options.md from src/newsdesk/options.py: each setting, its default and the comment
beside it. Run after adding or changing a setting: `python scripts/options_doc.py`."""
import ast, dataclasses, pathlib, sys
ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from newsdesk.options import Options
src = (ROOT / "src" / "newsdesk" / "options.py").read_text()
lines = src.splitlines()
tree = ast.parse(src)
comments = {}
for node in tree.body:
    if isinstance(node, ast.ClassDef):
        for item in node.body:
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                line = lines[item.lineno - 1]
                c = line.split("  # ", 1)[1].strip() if "  # " in line else ""
                comments[(node.name, item.target.id)] = c
opts = Options()
out = ["# Options", "",
       "Every setting, its default and what it does. Defaults are overlaid by a TOML file",
       "(`--config FILE` or `NEWSDESK_CONFIG`), then by environment variables (`NEWSDESK_DB` =",
       "`store.db`, `NEWSDESK_API_KEY` = `serve.api_key`, `NEWSDESK_DATA` = `data_dir`), then by",
       "command-line flags. A TOML file names the section, then the setting:", "",
       "```toml", "[stories]", "quiet_hours = 48", "", "[store]", 'db = "news.db"', "```", "",
       "An unknown section or setting is an error that lists the known ones. This page is checked",
       "against the code by `tests/test_options_doc.py`.", ""]
for f in dataclasses.fields(opts):
    if f.name == "data_dir":
        continue
    section = getattr(opts, f.name)
    cls = type(section).__name__
    out += [f"## [{f.name}]", "", "| setting | default | meaning |", "|---|---|---|"]
    for g in dataclasses.fields(section):
        default = getattr(section, g.name)
        d = "none" if default is None else (repr(list(default)) if isinstance(default, tuple) else repr(default))
        d = d.replace("|", "\\|")
        c = comments.get((cls, g.name), "").replace("|", "\\|")
        out.append(f"| `{f.name}.{g.name}` | `{d}` | {c} |")
    out.append("")
out += ["## data_dir", "", "`data_dir` (top level, default `~/.cache/newsdesk`, or `NEWSDESK_DATA`): where built indexes",
        "(the place index) live.", ""]
(ROOT / "docs" / "options.md").write_text("\n".join(out))
