"""Speed and memory of the places stage: gazetteer load time and RSS (in a fresh process) and
milliseconds per article of about 600 words (two LGL articles joined), one core.

Run with ``python -m newsdesk.geo.bench [--n N]``; the numbers go to docs/benchmarks.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

from newsdesk.geo.evaluate import SETS, load_set
from newsdesk.geo.gazetteer import Gazetteer
from newsdesk.geo.resolve import find_places
from newsdesk.options import Options
from newsdesk.shared import shared_dir

__all__ = ["load_cost", "run"]

_PROBE = (
    "import json, resource, time\n"
    "t = time.perf_counter()\n"
    "from newsdesk.geo.gazetteer import Gazetteer\n"
    "from newsdesk.options import load_options\n"
    "g = Gazetteer.load(load_options())\n"
    "u = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print(json.dumps({'load_s': time.perf_counter() - t, 'load_cpu_s': time.process_time(),\n"
    "                  'rss_mb': u.ru_maxrss / 1024, 'places': len(g)}))\n"
)


def load_cost(options: Options) -> dict[str, float]:
    """Load time (wall and CPU, interpreter start excluded, imports included) and peak RSS of a
    fresh process that loads the gazetteer."""
    Gazetteer.load(options)  # make sure the index is built first
    env = dict(os.environ)
    env["NEWSDESK_DATA"] = str(options.data_path())
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    """``{"rows", "columns", "title"}``: load time, RSS, ms per ~600-word article."""
    cost = load_cost(options)
    gaz = Gazetteer.load(options)
    docs = load_set(shared_dir(args.get("shared")) / "bench" / SETS["lgl"])
    texts = [docs[i]["text"] + "\n\n" + docs[i + 1]["text"] for i in range(0, len(docs) - 1, 2)]
    n = int(args.get("n") or len(texts))
    texts = (texts * (n // len(texts) + 1))[:n]
    words = sum(len(t.split()) for t in texts) / len(texts)
    t0 = time.process_time()
    found = sum(len(find_places(t, gaz, options, language="en")) for t in texts)
    cpu = time.process_time() - t0
    row = {"load_s": round(cost["load_s"], 2), "load_cpu_s": round(cost["load_cpu_s"], 2), "rss_mb": round(cost["rss_mb"]), "articles": n,
           "words_per_article": round(words), "places": found, "ms_per_article": round(1000 * cpu / n, 3),
           "articles_per_s": round(n / cpu) if cpu else None}
    return {"rows": [row], "columns": list(row), "title": "places stage: load and speed (CPU time, one core)"}


if __name__ == "__main__":  # pragma: no cover
    from newsdesk.options import load_options

    n = int(sys.argv[sys.argv.index("--n") + 1]) if "--n" in sys.argv else None
    sys.stdout.write(json.dumps(run(load_options(), {"n": n})["rows"][0]) + "\n")
