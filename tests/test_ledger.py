"""Ledger rules on hand-built figures (the extraction stage is tested elsewhere)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsdesk.ledger import build_ledger, claims_from_reading, interval_of, update_ledger
from newsdesk.options import Options
from newsdesk.records import Article, Claimant, Figure, Reading

T0 = datetime(2023, 12, 31, 10, 32, tzinfo=timezone.utc)
OPTS = Options()


def fig(text: str, body: str, category: str, value, qualifier="exact", *, subject="people", claimant=None,
        stance="reported", low=None, high=None) -> Figure:
    start = body.index(text)
    cl = None
    if claimant:
        cs = body.index(claimant)
        cl = Claimant(text=claimant, start=cs, end=cs + len(claimant), country=None)
    return Figure(start=start, end=start + len(text), text=text, category=category, value=value,
                  low=low if low is not None else (value if qualifier in ("at_least", "exact") else None),
                  high=high if high is not None else (value if qualifier == "exact" else None),
                  qualifier=qualifier, subject=subject, claimant=cl, stance=stance)


def report(aid: str, body: str, figures: list[Figure], *, at: datetime = T0, source: str = "wire") -> tuple:
    art = Article(id=aid, text=body, source=source, published=at)
    return art, Reading(id=aid, language="en", figures=figures)


def claims(*reports) -> list:
    out = []
    for art, rd in reports:
        out.extend(claims_from_reading(art, rd))
    return out


def tally(ledger, key_prefix):
    found = [t for t in ledger.tallies if t.key.startswith(key_prefix)]
    assert len(found) == 1, [t.key for t in ledger.tallies]
    return found[0]


def test_intervals_follow_qualifiers():
    body = "at least 22 and more than 20 and up to 30 and about 50 and 7"
    assert interval_of(fig("at least 22", body, "injured", 22, "at_least")).low == 22
    assert interval_of(fig("at least 22", body, "injured", 22, "at_least")).high == float("inf")
    assert interval_of(fig("more than 20", body, "injured", 20, "more_than")).low == 21
    assert interval_of(fig("up to 30", body, "injured", 30, "up_to")).high == 30
    about = interval_of(fig("about 50", body, "injured", 50, "about"))
    assert about.low == 40 and about.high == 60
    assert interval_of(fig("7", body, "injured", 7)).low == 7


def test_two_lower_bounds_are_compatible_and_best_is_the_larger():
    body = ("The assault on Kharkiv injured at least 22 individuals, among them two boys. "
            "The bombardment resulted in at least 28 wounded.")
    figs = [fig("at least 22 individuals", body, "injured", 22, "at_least"),
            fig("two boys", body, "injured", 2, subject="children"),
            fig("at least 28 wounded", body, "injured", 28, "at_least")]
    led = build_ledger("s1", claims(report("a1", body, figs)), OPTS)
    people = tally(led, "injured|people")
    assert len(people.claims) == 2  # both kept, not merged silently
    assert people.low == 28 and people.best == 28 and people.high is None
    assert people.disagreements == [] and people.revisions == []
    assert "at least 28" in people.explanation["low"]
    kids = tally(led, "injured|children")
    assert kids.parent == people.key and kids.best == 2


def test_revision_by_the_same_claimant_over_time():
    vals = [12, 18, 24]
    reps = []
    for i, v in enumerate(vals):
        body = f"The health ministry said {v} people were killed."
        reps.append(report(f"r{i}", body, [fig(f"{v} people", body, "killed", v, claimant="The health ministry")],
                           at=T0 + timedelta(hours=3 * i), source=f"outlet{i}"))
    led = build_ledger("s", claims(*reps), OPTS)
    t = tally(led, "killed|people")
    assert [(r["from"], r["to"]) for r in t.revisions] == [(12, 18), (18, 24)]
    assert t.best == 24 and t.low == 24 and t.high == 24
    superseded = [c for c in t.claims if c.superseded_by]
    assert len(superseded) == 2


def test_incompatible_claims_at_the_same_time_disagree():
    b1 = "Police said 10 people were killed."
    b2 = "Rebels said 40 people were killed."
    led = build_ledger("s", claims(
        report("p", b1, [fig("10 people", b1, "killed", 10, claimant="Police")], source="a"),
        report("q", b2, [fig("40 people", b2, "killed", 40, claimant="Rebels", stance="claimed")],
               at=T0 + timedelta(minutes=20), source="b")), OPTS)
    t = tally(led, "killed|people")
    assert len(t.disagreements) == 1
    assert set(t.disagreements[0]["claimants"]) == {"Police", "Rebels"}
    assert t.low == 10 and t.high == 40
    assert "disagree" in t.explanation["low"]


def test_denial_marks_the_claim_disputed():
    b1 = "The army said it shot down 21 drones."
    b2 = "Moscow denied that 21 drones were shot down."
    led = build_ledger("s", claims(
        report("x", b1, [fig("21 drones", b1, "intercepted", 21, subject="drones", claimant="The army")]),
        report("y", b2, [fig("21 drones", b2, "intercepted", 21, subject="drones", claimant="Moscow",
                              stance="denied")], at=T0 + timedelta(minutes=5))), OPTS)
    t = tally(led, "intercepted|drones")
    army = next(c for c in t.claims if c.claimant_key == "army")
    assert army.disputed_by and army.disputed_by[0].startswith("y:")
    assert any(d.get("kind") == "denial" for d in t.disagreements)


def test_revised_without_number_is_recorded():
    body = "The Russian government has revised the death toll of this attack."
    f = fig("revised the death toll", body, "killed", None, "vague", claimant="The Russian government",
            stance="revised")
    led = build_ledger("s", claims(report("a", body, [f])), OPTS)
    t = tally(led, "killed|people")
    assert t.revisions and t.revisions[0]["explicit"] and t.revisions[0]["to"] is None
    assert t.best is None and "no current claim" in t.explanation["range"]


def test_update_touches_only_its_tallies():
    b1 = "At least 5 people were killed and 49 drones were launched."
    first = report("a", b1, [fig("At least 5 people", b1, "killed", 5, "at_least"),
                             fig("49 drones", b1, "launched", 49, subject="drones")])
    led = build_ledger("s", claims(first), OPTS)
    drones_before = tally(led, "launched|drones")
    b2 = "At least 9 people were killed."
    second = report("b", b2, [fig("At least 9 people", b2, "killed", 9, "at_least")], at=T0 + timedelta(hours=1))
    new, touched = update_ledger(led, claims(second), OPTS)
    assert touched == ["killed|people|*"]
    assert tally(new, "launched|drones") is drones_before
    killed = tally(new, "killed|people")
    assert len(killed.claims) == 2 and killed.best == 9
    # the same as building from scratch
    full = build_ledger("s", claims(first, second), OPTS)
    assert tally(full, "killed|people").best == killed.best and tally(full, "killed|people").low == killed.low


def test_sentence_of_each_claim_is_linked():
    body = "Fighting went on. The bombardment resulted in at least 28 wounded. Talks failed."
    (c,) = claims(report("a", body, [fig("at least 28 wounded", body, "injured", 28, "at_least")]))
    assert c.sentence == "The bombardment resulted in at least 28 wounded."
    assert body[c.sentence_start:c.sentence_end].strip() == c.sentence


def test_incremental_updates_equal_a_full_build():
    import random

    from newsdesk.ledger.bench import synthetic_report

    rng = random.Random(3)
    reports = [synthetic_report(i, rng) for i in range(120)]
    all_claims = claims(*reports)
    full = build_ledger("s", all_claims, OPTS)
    led = build_ledger("s", claims(*reports[:1]), OPTS)
    for rep in reports[1:]:
        led, touched = update_ledger(led, claims(rep), OPTS)
        assert touched  # every synthetic report states figures
    assert [t.key for t in led.tallies] == [t.key for t in full.tallies]
    for a, b in zip(led.tallies, full.tallies):
        assert (a.low, a.best, a.high) == (b.low, b.best, b.high), a.key
        assert sorted(a.current) == sorted(b.current)
        assert len(a.revisions) == len(b.revisions)
        assert sorted(d["id"] for d in a.disagreements) == sorted(d["id"] for d in b.disagreements)
        assert a.explanation == b.explanation


def test_late_report_is_folded_in_time_order():
    b1 = "Officials said 10 people were killed."
    b2 = "Officials said 14 people were killed."
    r1 = report("early", b1, [fig("10 people", b1, "killed", 10, claimant="Officials")])
    r2 = report("late", b2, [fig("14 people", b2, "killed", 14, claimant="Officials")], at=T0 + timedelta(hours=2))
    led = build_ledger("s", claims(r2), OPTS)
    led, _ = update_ledger(led, claims(r1), OPTS)  # the older report arrives last
    t = tally(led, "killed|people")
    assert [(r["from"], r["to"]) for r in t.revisions] == [(10, 14)]
    assert t.best == 14


def test_claimant_keys_fold_name_variants_and_keep_anonymous_sources_per_outlet():
    from newsdesk.ledger.build import _claimant_key

    def key(text, source="outlet-a"):
        f = Figure(start=0, end=1, text="1", category="killed", value=1, low=1, high=1, qualifier="exact",
                   claimant=Claimant(text=text, start=0, end=len(text)))
        return _claimant_key(f, source)

    assert key("John Ging") == key("Mr Ging") == key("UN official John Ging") == key("Ging")
    assert key("Kremlin spokesman Dmitry Peskov") == key("Peskov")
    assert key("the Ministry of Defense") == key("Defence Ministry")
    assert key("Health Ministry") != key("Defence Ministry")  # organisations are not surnames
    assert key("officials", "outlet-a") != key("officials", "outlet-b")
    assert key("a police spokesman", "outlet-a") != key("a police spokesman", "outlet-b")
    assert key("Ukraine's air force", "outlet-a") == key("Ukraine's air force", "outlet-b")


def test_anonymous_officials_of_two_outlets_disagree_rather_than_revise():
    b1 = "Officials said 10 people were killed."
    b2 = "Officials said 14 people were killed."
    r1 = report("a1", b1, [fig("10 people", b1, "killed", 10, claimant="Officials")], source="outlet-a")
    r2 = report("a2", b2, [fig("14 people", b2, "killed", 14, claimant="Officials")], source="outlet-b",
                at=T0 + timedelta(minutes=5))
    t = tally(build_ledger("s", claims(r1, r2), OPTS), "killed|people")
    assert t.revisions == []
    assert len(t.disagreements) == 1 and sorted(t.current) == sorted(c.id for c in t.claims)
