"""``newsdesk ledger STORY``: a story's figures, one line per tally, with claims, revisions,
disagreements and the explained low/best/high range."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsdesk.cli._output import emit_json, is_tty
from newsdesk.errors import NewsdeskError
from newsdesk.options import Options
from newsdesk.records import Ledger

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ledger",
        help="a story's figures: claims, revisions, disagreements, range",
        description="Show the ledger of a story: each thing counted (a tally) with every claim, who made it, "
                    "when and in which sentence, its revisions, disagreements between sources, and a "
                    "low/best/high range with the reason for each bound. Rules: docs/ledger.md.",
        epilog="Example: newsdesk ledger $(newsdesk stories list | head -1 | jq -r .id)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("story", help="story id (see `newsdesk stories list`)")
    p.add_argument("--json", action="store_true", help="JSON even on a terminal")
    p.add_argument("--claims", action="store_true", help="on a terminal, list every claim under its tally")
    p.set_defaults(func=cmd_ledger)


def ledger_of(story_id: str, options: Options) -> Ledger:
    """The stored ledger of a story (an empty one when the story has no figures)."""
    from newsdesk.store import open_store

    with open_store(options.store.db, options) as store:
        if store.get_story(story_id) is None:
            raise NewsdeskError(f"story {story_id} not found in {options.store.db}",
                                hint="list stories with `newsdesk stories list`")
        return store.get_ledger(story_id) or Ledger(story=story_id)


def cmd_ledger(args: argparse.Namespace, options: Options) -> int:
    ledger = ledger_of(args.story, options)
    if args.json or not is_tty():
        emit_json(ledger)
        return 0
    _print(ledger, show_claims=args.claims)
    return 0


def _fmt(v: Any) -> str:
    return "open" if v is None else str(v)


def _print(ledger: Ledger, *, show_claims: bool) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=sys.stdout, highlight=False)
    if not ledger.tallies:
        console.print(f"story {ledger.story}: no figures yet")
        return
    console.print(f"[bold]ledger of story {ledger.story}[/bold] ({len(ledger.tallies)} tallies)\n")
    for t in ledger.tallies:
        name = f"{t.category} · {t.subject}" + (f" · {t.place}" if t.place else "")
        part = f"  [dim](part of {escape(t.parent.replace('|', ' · '))})[/dim]" if t.parent else ""
        console.print(f"[bold]{escape(name)}[/bold]  low [cyan]{_fmt(t.low)}[/cyan]  best [bold cyan]"
                      f"{_fmt(t.best)}[/bold cyan]  high [cyan]{_fmt(t.high)}[/cyan]  "
                      f"({len(t.claims)} claim{'' if len(t.claims) == 1 else 's'}){part}")
        for bound, why in t.explanation.items():
            console.print(f"    {bound}: {escape(why)}", soft_wrap=False)
        if t.revisions:
            steps = [str(t.revisions[0]["from"])] if t.revisions[0].get("from") is not None else []
            steps += [_fmt(r["to"]) if r["to"] is not None else "revised (no number)" for r in t.revisions]
            console.print(f"    [yellow]revisions[/yellow]: {escape(' → '.join(steps))}")
        for d in t.disagreements:
            console.print(f"    [red]{escape(d.get('kind', 'values'))} disagreement[/red]: "
                          f"{escape(str(d['claimants'][0]))}: {escape(str(d['values'][0]))}  ≠  "
                          f"{escape(str(d['claimants'][1]))}: {escape(str(d['values'][1]))}")
        if show_claims:
            for c in t.claims:
                who = c.figure.claimant.text if c.figure.claimant else (c.source or "the report")
                when = c.published.isoformat(timespec="minutes") if c.published else "undated"
                flags = " [red](disputed)[/red]" if c.disputed_by else (
                    " [dim](superseded)[/dim]" if c.superseded_by else "")
                console.print(f"    • \"{escape(c.figure.text)}\"{flags} — {escape(who)}, {c.figure.stance}, {when}")
                console.print(f"      [dim]{escape(c.sentence)}[/dim]")
        console.print()
