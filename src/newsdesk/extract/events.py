"""Events: ACLED sub-event types from trigger words, with actors, place, date and figures.

``read_events(text, sentences, language, places=..., figures=..., dates=...)`` reads the
events of one article and links its figures to them; ``find_events`` returns the events only.

How an article is read (everything language-specific is in ``[events]``, ``[events.*]`` and
``[actors.sectors]`` of ``newsdesk/lang/<code>.toml``):

1. **Mentions.** Every trigger phrase is a mention of an event in its sentence:
   *specific* triggers name a type ("missile strikes", "intercepted", "kidnapped");
   *vague* ones ("fighting", "strike") need a place or a figure of their own to stand alone;
   *generic* ones ("attack", "assault", "killed") take the type of the event they join and are
   ``[events].generic_type`` (``attack``) alone; *weapon* nouns ("drones", "missiles") are an
   attack of their type when the sentence has a verb of use ("deployed", "fired"), a figure of
   use or harm, or an interception ("21 of the 49 drones" were shot down, so 49 were launched),
   and an incident of type ``other`` when it only has an incident word ("a missile entering
   the airspace"). A trigger after a hypothetical word of its clause ("threatened to strike")
   is no mention. Modifier words of the sentence refine a type ("protest" + "tear gas" ->
   ``protest_with_intervention``).
2. **Place.** Each place of a sentence goes to the nearest mention before it (else the first
   after it); a mention's place is the most specific of its places, after the trigger first.
   Countries used as actors ("Russia's Defense Ministry", "Russia said") are not event places.
3. **Actors** (see :mod:`newsdesk.extract.actors`): the actor right before the trigger
   ("Russian missile strikes", "Ukraine's bombardment"), after "by", or the nearest before it
   in the sentence is ``actor1``; an actor after "on/against" or civilians after the trigger is
   ``actor2``; sources of statements are ``claimant``. When a sentence tells an attack and its
   interception, the attacker is the party that is not the interceptor.
4. **Merging** (light coreference), in text order: a generic mention joins the typed event of
   its sentence (unless it is placed elsewhere); a mention with an anaphoric determiner and no
   place of its own ("this attack", "the bombardment") joins the latest compatible event; a
   mention with a specific place joins a compatible event at that place; a typed mention without
   a place joins an event of its type in the same sentence or up to three sentences back.
   Compatible: the same type, or one side generic and the other a violent type. An event made
   only of generic or vague mentions with neither a place of its own nor a figure is dropped (a
   summary such as "attacks from both sides" is no event), and so is an ``other`` incident
   without a place.
5. **Figures** go to the mention of their sentence that fits their category (intercepted ->
   interception, launched -> the weapon's attack, harm -> the nearest attack), else to the
   event told in the two sentences before (same paragraph).
6. **Totals.** ``killed``/``injured`` are the event's total as the article gives it: among its
   figures of that category, leaving out parts (``Figure.part_of``, or after "including",
   "among them") and
   denied figures, the latest revised figure with a number if there is one, else the largest
   figure. Its value, low and high are the figure's: two lower bounds "at least 22" and "at
   least 28" give ``{"value": 28, "low": 28, "high": null}``; "no one was killed" gives 0, and
   "no casualties" gives 0 killed and 0 injured; figures that each count one armed side
   (soldiers, police, fighters: disjoint groups) are summed, side by side; no figure gives null.
7. **Date**: the date expression nearest the trigger in the mention's sentence (dates are
   resolved by :func:`newsdesk.read.dates.find_dates`), first mention first.
8. **Outbreaks and disasters** (``[events].disasters``: "cholera", "floods", "tsunami") are no
   ACLED event, but their tolls are the article's: when killed or injured figures are left
   without an event and the article names one, they form an event of type ``other`` told at the
   first sentence naming it, in text order among the others; when the lead (first three
   sentences) names it, an event made of generic words only ("were killed") is the disaster's
   toll, not an attack. Events are listed in text order,
   so the article's main event (the one its lead tells) comes first.

A diplomatic act (a request for a UN Security Council meeting) is no ACLED event: it has no
trigger, and the shelling it names is merged into the shelling event it refers to.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.extract.actors import ActorMention, find_actors, lang_table, phrase_pattern, to_actor
from newsdesk.extract.figure_grammar import clause_aside as _aside_pattern
from newsdesk.extract.totals import ANIMALS as _ANIMALS
from newsdesk.extract.totals import event_total, figure_extra, figure_lists
from newsdesk.read.numbers import find_numbers
from newsdesk.records import EVENT_TYPES, Actor, Count, Event, Figure, Place, Sentence

__all__ = ["VIOLENT_TYPES", "EventReading", "event_total", "find_events", "read_events"]

VIOLENT_TYPES = frozenset({
    "armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory", "chemical_weapon",
    "air_drone_strike", "suicide_bomb", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied",
    "grenade", "sexual_violence", "attack", "abduction_forced_disappearance", "mob_violence",
    "looting_property_destruction",
})
_BROAD_KINDS = frozenset({"country", "region", "continent", "ocean", "sea"})
_USE_CATEGORIES = frozenset({"launched", "hit", "killed", "injured", "damaged", "destroyed", "intercepted"})
_HARM_CATEGORIES = frozenset({"killed", "injured", "missing", "kidnapped", "arrested", "displaced", "evacuated",
                              "affected", "hit", "damaged", "destroyed"})
_WEAPON_SUBJECTS = {"drones": "air_drone_strike", "aircraft": "air_drone_strike",
                    "missiles": "shelling_artillery_missile_attack"}
# When one sentence names several types for what is one event ("rioters torched cars", "a suicide
# bomber blew himself up", "police arrested looters"), the first of these wins. An interception is
# never folded: it is an event of its own next to the attack it stopped.
PRECEDENCE: tuple[str, ...] = (
    "suicide_bomb", "chemical_weapon", "excessive_force_against_protesters", "violent_demonstration",
    "protest_with_intervention", "mob_violence", "remote_explosive_landmine_ied", "grenade", "air_drone_strike",
    "shelling_artillery_missile_attack", "sexual_violence", "abduction_forced_disappearance", "armed_clash",
    "attack", "arrests", "looting_property_destruction", "peaceful_protest", "government_regains_territory",
    "non_state_actor_overtakes_territory", "non_violent_transfer_of_territory", "headquarters_or_base_established",
    "change_to_group_activity", "agreement", "other",
)
_RANK = {t: i for i, t in enumerate(PRECEDENCE)}
MAX_MENTIONS = 2000  # trigger words read per article (a 600-word report has a few dozen)
_ACTOR_WINDOW = 300  # characters around a trigger where its actors are looked for
_RECENT_SENTENCES = 3  # how far back a placeless mention of the same type still refers to an event
_RECENT_GENERIC = 1  # how far back a placeless generic word ("were killed") still refers to an event
_ADJ_GAP = re.compile(r"\A(?:['’ʼ]s)?(?:\s+[\w'‘’-]+){0,2}\s+\Z")
# between a subject and its trigger: one clause, no relative pronoun, not too far
_SUBJECT_GAP = re.compile(r"(?![^,;:]*\b(?:that|which|who|whom|whose)\b)[^,;:]{1,60}", re.IGNORECASE)


@dataclass(slots=True)
class EventReading:
    """The events of an article and, for each figure, the event and place it belongs to."""

    events: list[Event]
    figure_events: list[int | None]
    figure_places: list[int | None]


@dataclass(slots=True)
class _Mention:
    kind: str  # specific, vague, generic, weapon
    type: str | None
    start: int
    end: int
    sent: int
    anaphoric: bool = False
    places: list[int] = field(default_factory=list)
    place: int | None = None
    actors: list[Actor] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)
    date: tuple[str, str] | None = None


@dataclass(slots=True)
class _Rules:
    triggers: Any  # newsdesk.lang.PhraseTable: phrase -> (kind, type)
    attack_verbs: Any  # PhraseTable (found in lower-cased text)
    incident: Any
    hypothetical: Any
    anaphora: re.Pattern[str] | None
    subset: Any
    modifiers: dict[str, list[tuple[str, Any]]]
    generic_type: str
    disasters: Any = None  # PhraseTable of outbreak and disaster words ("cholera", "floods")
    diseases: Any = None  # the outbreaks among them: an outbreak's injured total is null (illness is no injury)
    list_gap: re.Pattern[str] | None = None  # what stands between two items of a list ("," "and")
    additive: Any = None  # "also" in "a commander was also killed": more victims, added to the toll
    one_victim: dict[str, Any] = field(default_factory=dict)  # category -> "was killed" (one person)
    one_victim_of: dict[str, Any] = field(default_factory=dict)  # category -> "the murder of" (one person next)
    determiners: frozenset[str] = frozenset()  # "the", "their" before the one victim


def _words(phrases: Sequence[str]) -> Any:
    from newsdesk.lang import PhraseTable

    return PhraseTable({str(p): True for p in phrases if str(p).strip()})


@functools.lru_cache(maxsize=16)
def _rules(language: str) -> _Rules | None:
    from newsdesk.lang import PhraseTable

    events = lang_table(language, "events")
    if not events:
        return None
    mapping: dict[str, tuple[str, str | None]] = {}  # the first kind listed wins a phrase
    for kind, table in (("specific", events.get("triggers", {})), ("vague", events.get("vague", {})),
                        ("weapon", events.get("weapons", {}))):
        for etype, phrases in dict(table).items():
            if etype not in EVENT_TYPES:
                continue  # a misspelt type in a resource file is ignored rather than emitted
            for p in phrases:
                mapping.setdefault(str(p), (kind, etype))
    for p in dict(events.get("generic", {})).get("words", ()):
        mapping.setdefault(str(p), ("generic", None))
    modifiers: dict[str, list[tuple[str, Any]]] = {}
    for etype, table in dict(events.get("modifiers", {})).items():
        for new_type, phrases in dict(table).items():
            if new_type in EVENT_TYPES and phrases:
                modifiers.setdefault(etype, []).append((new_type, _words(list(phrases))))
    anaphora = [str(p) for p in events.get("anaphora", ())]
    anaphora_rx = None
    if anaphora:
        alt = "|".join(phrase_pattern(p) for p in sorted(anaphora, key=len, reverse=True))
        anaphora_rx = re.compile(r"(?<![\w])(?:" + alt + r")\s+(?:['‘’\"“”]?[^\W\d][\w-]*['‘’\"“”]?\s+)?\Z", re.IGNORECASE)
    return _Rules(
        triggers=PhraseTable(mapping),
        attack_verbs=_words(list(events.get("attack_verbs", ()))),
        incident=_words(list(events.get("incident_cues", ()))),
        hypothetical=_words(list(events.get("hypothetical", ()))),
        anaphora=anaphora_rx,
        subset=_words(list(lang_table(language, "figures").get("subset_cues", ()))),
        modifiers=modifiers,
        generic_type=str(events.get("generic_type", "attack")),
        disasters=_words(list(events.get("disasters", ()))) if events.get("disasters") else None,
        diseases=_words(list(events.get("diseases", ()))) if events.get("diseases") else None,
        list_gap=_list_gap(list(lang_table(language, "figures").get("list_joiners", ()))),
        additive=_words(list(events["additive"])) if events.get("additive") else None,
        one_victim={c: _words(list(p)) for c, p in dict(events.get("one_victim", {})).items() if p},
        one_victim_of={c: _words(list(p)) for c, p in dict(events.get("one_victim_of", {})).items() if p},
        determiners=frozenset(str(w).lower() for w in events.get("victim_determiners", ())),
    )


def _list_gap(joiners: list[str]) -> re.Pattern[str] | None:
    words = sorted({" ".join(str(j).lower().split()) for j in joiners if str(j).strip()}, key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w) if not w[0].isalnum() else rf"(?<![\w]){re.escape(w)}(?![\w])" for w in words)
    return re.compile(rf"(?:\s*(?:{alt})){{1,2}}\s*")


def _has(table: Any, low: str) -> bool:
    """Does lower-cased ``low`` contain one of the phrases of ``table``?"""
    return table.regex.search(low) is not None


def _hypothetical(rules: _Rules, clause: str) -> bool:
    """Whether a hypothetical word governs the trigger at the end of ``clause``: not when a verb of
    its own follows it ("an investigation will be conducted into the murders")."""
    last = None
    for last in rules.hypothetical.regex.finditer(clause):
        pass
    if last is None:
        return False
    return not any(w.endswith("ed") and len(w) > 4 for w in clause[last.end():].split())


def _clause_before(text: str, sent_start: int, pos: int) -> str:
    lo = max(sent_start, pos - 80)
    chunk = text[lo:pos]
    cut = max(chunk.rfind(","), chunk.rfind(";"), chunk.rfind(":"), chunk.rfind("—"))
    return chunk[cut + 1:] if cut >= 0 else chunk


class _Article:
    """Positions of one article's sentences, for bucketing spans by sentence."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        from newsdesk.lang import lower_same_length

        self.text = text
        self.low = lower_same_length(text)
        self.sentences = list(sentences) or [Sentence(0, len(text))]
        self.starts = [s.start for s in self.sentences]

    def index(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return i
        return None


def _is_broad(place: Place) -> bool:
    return place.kind in _BROAD_KINDS


def _place_key(place: Place) -> Any:
    return place.geonameid if place.geonameid is not None else (place.name.casefold(), place.country)


def _pick_place(pos: int, end: int, candidates: Sequence[int], places: Sequence[Place]) -> int | None:
    if not candidates:
        return None

    def key(i: int) -> tuple[int, int, int]:
        p = places[i]
        after = p.start >= end
        return (1 if _is_broad(p) else 0, 0 if after else 1, (p.start - end) if after else (pos - p.end))

    return min(candidates, key=key)


def _mentions(art: _Article, rules: _Rules, figures: Sequence[Figure],
              fig_sent: list[int | None]) -> list[_Mention]:
    text = art.text
    low = art.low
    out: list[_Mention] = []
    fig_cats: dict[int, set[str]] = {}
    for fi, si in enumerate(fig_sent):
        if si is not None:
            fig_cats.setdefault(si, set()).add(figures[fi].category)
    by_sent: dict[int, list[tuple[str, str | None, re.Match[str]]]] = {}
    for count, m in enumerate(rules.triggers.regex.finditer(low)):
        if count >= MAX_MENTIONS:
            break  # a text of nothing but trigger words is no news report; read only its start
        si = art.index(m.start())
        if si is None:
            continue
        found_value = rules.triggers.value(m.group())
        if found_value is None:
            continue
        kind, etype = found_value
        by_sent.setdefault(si, []).append((kind, etype, m))
    for si, found in sorted(by_sent.items()):
        sent = art.sentences[si]
        cats = fig_cats.get(si, set())
        specific_types = {e for k, e, _ in found if k == "specific"}
        slow = low[sent.start:sent.end]
        has_use = _has(rules.attack_verbs, slow) or bool(cats & _USE_CATEGORIES)
        for kind, etype, m in found:
            if _hypothetical(rules, _clause_before(low, sent.start, m.start())):
                continue
            if kind == "weapon":
                if etype in specific_types:
                    continue  # "missile strikes ... missiles": one mention
                if has_use:
                    pass
                elif _has(rules.incident, slow):
                    etype = "other"
                else:
                    continue
            if etype is not None:
                for new_type, rx in rules.modifiers.get(etype, ()):
                    if _has(rx, slow):
                        etype = new_type
                        break
            before = text[max(sent.start, m.start() - 40):m.start()]
            anaphoric = bool(rules.anaphora and rules.anaphora.search(before))
            if not anaphoric and kind == "generic" and rules.additive is not None:
                # "a commander was also killed": more of what was told before, the same event
                anaphoric = rules.additive.regex.search(low, max(sent.start, m.start() - 40), m.start()) is not None
            out.append(_Mention(kind, etype, m.start(), m.end(), si, anaphoric))
    return out


def _assign_places(art: _Article, mentions: list[_Mention], places: Sequence[Place],
                   actor_spans: list[tuple[int, int]], aside: re.Pattern[str] | None = None) -> None:
    by_sent: dict[int, list[_Mention]] = {}
    for mt in mentions:
        by_sent.setdefault(mt.sent, []).append(mt)
    for pi, p in enumerate(places):
        if any(s <= p.start and p.end <= e for s, e in actor_spans):
            continue  # "Russia's Defense Ministry", "Russia said": an actor, not where it happened
        si = art.index(p.start)
        if si is None or si not in by_sent:
            continue
        ms = by_sent[si]
        before = [mt for mt in ms if mt.end <= p.start]
        target = before[-1] if before else min(ms, key=lambda mt: mt.start)
        if before and aside is not None and aside.search(art.low, target.end, p.start):
            continue  # "injured in the quakes, which also sent tsunamis into Japan": about something else
        target.places.append(pi)
    for mt in mentions:
        mt.place = _pick_place(mt.start, mt.end, mt.places, places)


def _collapse_types(mentions: list[_Mention], places: Sequence[Place]) -> None:
    """One type per sentence for its typed mentions (see ``PRECEDENCE``), unless they are placed
    at different places."""
    by_sent: dict[int, list[_Mention]] = {}
    for mt in mentions:
        if mt.type is not None and mt.type != "disrupted_weapons_use":
            by_sent.setdefault(mt.sent, []).append(mt)
    for ms in by_sent.values():
        if len({mt.type for mt in ms}) < 2:
            continue
        keys = {_place_key(places[mt.place]) for mt in ms if mt.place is not None and not _is_broad(places[mt.place])}
        if len(keys) > 1:
            continue
        best = min((mt.type for mt in ms), key=lambda t: _RANK.get(t or "", len(_RANK)))
        for mt in ms:
            mt.type = best


def _assign_actors(art: _Article, mentions: list[_Mention], actors: list[ActorMention]) -> None:
    text = art.text
    by_sent: dict[int, list[ActorMention]] = {}
    for a in actors:
        si = art.index(a.start)
        if si is not None:
            by_sent.setdefault(si, []).append(a)
    sent_mentions: dict[int, list[_Mention]] = {}
    for mt in mentions:
        sent_mentions.setdefault(mt.sent, []).append(mt)
    for si, ms in sent_mentions.items():
        all_acts = by_sent.get(si, [])
        starts = [a.start for a in all_acts]
        first_of: dict[int, ActorMention] = {}
        near: dict[int, list[ActorMention]] = {}
        for mt in ms:
            lo = bisect.bisect_left(starts, mt.start - _ACTOR_WINDOW)
            hi = bisect.bisect_right(starts, mt.end + _ACTOR_WINDOW)
            near[id(mt)] = all_acts[lo:hi]
            # civilians are acted on, never the ones who attack ("75 civilians were killed")
            parties = [a for a in near[id(mt)] if not a.claimant and a.sector != "civilians"]
            actor1 = None
            for a in parties:  # right before the trigger: "Russian missile strikes", "Ukraine's bombardment"
                if a.end <= mt.start and mt.start - a.end <= 40 and _ADJ_GAP.match(text[a.end:mt.start]):
                    actor1 = a
            if actor1 is None:
                for a in parties:  # "attack by rebels"
                    if a.start >= mt.end and re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?",
                                                          text[mt.end:a.start], re.IGNORECASE):
                        actor1 = a
                        break
            if actor1 is None and not mt.anaphoric:  # the subject of the clause: "Russia has hit back with strikes"
                before = [a for a in parties if a.end <= mt.start and a.sector != "international"]
                if before and _SUBJECT_GAP.fullmatch(text[before[-1].end:mt.start]):
                    actor1 = before[-1]
            if actor1 is not None:
                first_of[id(mt)] = actor1
        interceptors = {first_of[id(mt)].country for mt in ms
                        if mt.type == "disrupted_weapons_use" and id(mt) in first_of}
        for mt in ms:
            acts = near[id(mt)]
            parties = [a for a in acts if not a.claimant]
            actor1 = first_of.get(id(mt))
            victims = [a for a in parties if a.sector == "civilians"]
            if interceptors and mt.type != "disrupted_weapons_use" and (actor1 is None or actor1.country in interceptors):
                # "Ukrainian air defence shot down 21 of the 49 drones": the drones are the other side's
                other = [a for a in parties if a.country and a.country not in interceptors]
                actor1 = min(other, key=lambda a: abs(a.start - mt.start)) if other else None
            roles: list[Actor] = []
            if actor1 is not None:
                roles.append(to_actor(actor1, "actor1"))
            for a in parties:
                if a is actor1 or a.start < mt.end:
                    continue
                gap = text[mt.end:a.start]
                if (re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}?(?:on|against|at|targeting)\s+(?:the\s+)?(?:[\w-]+\s+)?",
                                 gap, re.IGNORECASE) or (a.sector == "civilians" and len(gap) < 80)) and not (
                        actor1 is not None and a.country == actor1.country and a.sector == actor1.sector):
                    roles.append(to_actor(a, "actor2"))
                    break
            else:
                # victims told just before a harm word: "75 civilians were killed"
                close = [a for a in victims if a.end <= mt.start and mt.start - a.end <= 40]
                if close and mt.type in VIOLENT_TYPES | {None}:
                    roles.append(to_actor(close[-1], "actor2"))
            for a in acts:
                if a.claimant:
                    roles.append(to_actor(a, "claimant"))
            mt.actors = roles


def _assign_dates(art: _Article, mentions: list[_Mention], dates: Sequence[Any]) -> None:
    by_sent: dict[int, list[Any]] = {}
    for d in dates:
        si = art.index(d.start)
        if si is not None:
            by_sent.setdefault(si, []).append(d)
    for mt in mentions:
        found = by_sent.get(mt.sent)
        if found:
            d = min(found, key=lambda d: min(abs(d.start - mt.end), abs(mt.start - d.end)))
            mt.date = (d.date, d.precision)


def _assign_figures(art: _Article, mentions: list[_Mention], figures: Sequence[Figure],
                    fig_sent: list[int | None]) -> None:
    by_sent: dict[int, list[_Mention]] = {}
    for mt in mentions:
        by_sent.setdefault(mt.sent, []).append(mt)
    for fi, f in enumerate(figures):
        si = fig_sent[fi]
        if si is None:
            continue
        ms = by_sent.get(si)
        target: _Mention | None = None
        if ms:
            if f.category == "intercepted":
                target = next((mt for mt in ms if mt.type == "disrupted_weapons_use"), None)
            elif f.category == "launched":
                wanted = _WEAPON_SUBJECTS.get(f.subject or "")
                target = next((mt for mt in ms if wanted and mt.type == wanted), None)
                if target is None:
                    target = next((mt for mt in ms if mt.type != "disrupted_weapons_use"), None)
            if target is None:
                pool = [mt for mt in ms if mt.type != "disrupted_weapons_use"] or ms
                target = min(pool, key=lambda mt: (0 if mt.end <= f.start else 1,
                                                   abs(f.start - mt.end) if mt.end <= f.start else mt.start - f.end))
        elif f.category in _HARM_CATEGORIES:
            for back in (1, 2):
                prev = by_sent.get(si - back)
                if prev:
                    gap = art.text[art.sentences[si - back].end:f.start]
                    if "\n\n" not in gap:
                        target = prev[-1]
                    break
        if target is not None:
            target.figures.append(fi)


class _Draft:
    """An event being built from its mentions; what the merge rules ask is kept up to date on
    each ``add`` (so merging stays linear in the number of mentions)."""

    __slots__ = ("_strong_type", "first", "keys", "last", "last_sent", "mentions", "sents", "type")

    def __init__(self, m: _Mention, places: Sequence[Place]) -> None:
        self.mentions: list[_Mention] = []
        self.type: str | None = None
        self._strong_type: str | None = None
        self.first = m.start
        self.last = m.start
        self.last_sent = m.sent
        self.sents: set[int] = set()
        self.keys: set[Any] = set()
        self.add(m, places)

    def add(self, m: _Mention, places: Sequence[Place]) -> None:
        self.mentions.append(m)
        if m.type is not None:
            if self._strong_type is None and m.kind in ("specific", "weapon"):
                self._strong_type = m.type
            if self.type is None or self._strong_type is not None:
                self.type = self._strong_type or m.type
        self.first = min(self.first, m.start)
        self.last = max(self.last, m.start)
        self.last_sent = max(self.last_sent, m.sent)
        self.sents.add(m.sent)
        if m.place is not None and not _is_broad(places[m.place]):
            self.keys.add(_place_key(places[m.place]))

    def place_keys(self, places: Sequence[Place]) -> set[Any]:
        return self.keys


def _compatible(d: _Draft, m: _Mention) -> bool:
    dtype = d.type
    if m.type is None:
        return dtype is None or dtype in VIOLENT_TYPES
    if dtype is None:
        return m.type in VIOLENT_TYPES
    return dtype == m.type


def _last(d: _Draft) -> int:
    return d.last


def _merge(mentions: list[_Mention], places: Sequence[Place]) -> list[_Draft]:
    drafts: list[_Draft] = []
    # typed words first within a sentence, so that a generic word finds the event it belongs to
    for m in sorted(mentions, key=lambda m: (m.sent, m.type is None, m.start)):
        own = m.place if m.place is not None and not _is_broad(places[m.place]) else None
        target: _Draft | None = None
        if m.anaphoric and own is None:  # the antecedent is told before the anaphor
            cands = [d for d in drafts if _compatible(d, m) and d.first < m.start]
            if cands:
                target = max(cands, key=_last)
        if target is None and own is not None:
            key = _place_key(places[own])
            cands = [d for d in drafts if _compatible(d, m) and key in d.place_keys(places)]
            if not cands and m.type is not None:  # "Looters ransacked shops in X": one event
                cands = [d for d in drafts if d.type == m.type and not d.place_keys(places)
                         and m.sent in d.sents]
            if cands:
                target = max(cands, key=_last)
        if target is None and m.type is None:  # a generic word joins the typed event of its sentence
            key = _place_key(places[own]) if own is not None else None
            same = [d for d in drafts if d.type is not None and _compatible(d, m)
                    and m.sent in d.sents
                    and (key is None or not d.place_keys(places) or key in d.place_keys(places))]
            if same:
                target = same[-1]
        if target is None and own is None:
            same = [d for d in drafts if m.sent in d.sents
                    and (d.type == m.type if m.type is not None else _compatible(d, m))]
            if same:
                target = max(same, key=lambda d: (d.type is not None, _last(d)))
        if target is None and own is None:
            # "the shelling ... As a result of the shelling, 28 were hurt": the same type told again
            # without a place of its own, a few sentences on, is the same event; so is a generic word
            # ("12 people were killed") right after an event
            window = _RECENT_SENTENCES if m.type is not None else _RECENT_GENERIC
            recent = [d for d in drafts if (d.type == m.type if m.type is not None else _compatible(d, m))
                      and m.sent - d.last_sent <= window]
            if recent:
                target = max(recent, key=_last)
        if target is None:
            drafts.append(_Draft(m, places))
        else:
            target.add(m, places)
    for d in drafts:
        d.mentions.sort(key=lambda m: m.start)
    drafts.sort(key=lambda d: d.first)
    return drafts


def _is_part(f: Figure, figures: Sequence[Figure], subset: Any, art: _Article) -> bool:
    """Is ``f`` a part of an earlier figure of the same category ("including two children")?"""
    si = art.index(f.start)
    for g in figures:
        if g is f or g.category != f.category or g.end > f.start:
            continue
        if si is not None and art.index(g.start) == si and _has(subset, art.low[g.end:f.start]):
            return True
    return False


def read_events(text: str, sentences: Sequence[Sentence], language: str | None, *,
                places: Sequence[Place] = (), figures: Sequence[Figure] = (),
                dates: Sequence[Any] = ()) -> EventReading:
    """The events of one article and the links of its figures (see the module docstring)."""
    n = len(figures)
    empty = EventReading([], [f.event for f in figures], [f.place for f in figures])
    if not text or not language:
        return empty
    rules = _rules(language)
    if rules is None:
        return empty
    art = _Article(text, sentences)
    fig_sent = [art.index(f.start) for f in figures]
    mentions = _mentions(art, rules, figures, fig_sent)
    actor_mentions: list[ActorMention] = []
    for si in sorted({m.sent for m in mentions}):  # actors are read only where an event is told
        sent = art.sentences[si]
        actor_mentions += find_actors(text, language, places, start=sent.start, end=sent.end, low=art.low)
    actor_spans = [(a.start, a.end) for a in actor_mentions if a.from_sector or a.claimant]
    sources = [(a.start, a.end) for a in actor_mentions if a.claimant and not a.from_sector]  # "Russia denies"
    _assign_places(art, mentions, places, actor_spans, _aside_pattern(language))
    _collapse_types(mentions, places)
    _assign_actors(art, mentions, actor_mentions)
    _assign_dates(art, mentions, dates)
    _assign_figures(art, mentions, figures, fig_sent)
    drafts = _merge(mentions, places)
    lists = figure_lists(figures, art.low, rules.list_gap) if rules.list_gap is not None else [None] * n
    extra = figure_extra(figures, art, rules.additive)

    events: list[Event] = []
    event_places: list[set[int]] = []
    # an outbreak or disaster told in the lead (first sentences) is what the article is about
    lead_end = art.sentences[min(len(art.sentences), _LEAD_SENTENCES) - 1].end
    disaster = rules.disasters is not None and rules.disasters.regex.search(art.low, 0, lead_end) is not None
    figure_events: list[int | None] = [None] * n
    for d in drafts:
        figs = sorted({fi for m in d.mentions for fi in m.figures})
        placed = [m.place for m in d.mentions if m.place is not None]
        place = next((p for p in placed if not _is_broad(places[p])), placed[0] if placed else None)
        if place is None:  # the sentence's places when no mention had its own
            sents = {m.sent for m in d.mentions}
            cands = [pi for pi, p in enumerate(places) if art.index(p.start) in sents]
            # a place that is no actor's, else one that is not a bare source ("a claim Russia denies")
            cands = ([pi for pi in cands if not any(s <= places[pi].start and places[pi].end <= e
                                                    for s, e in actor_spans)]
                     or [pi for pi in cands if not any(s <= places[pi].start and places[pi].end <= e
                                                       for s, e in sources)] or cands)
            first = d.mentions[0]
            place = _pick_place(first.start, first.end, cands, places)
        strong = any(m.kind in ("specific", "weapon") for m in d.mentions)
        own_place = any(m.place is not None and not _is_broad(places[m.place]) for m in d.mentions)
        if not strong and not own_place and not figs and \
                _one_victim(art, rules, d, d.type or rules.generic_type, "killed", language) is None:
            # "attacks from both sides", "the ongoing battle": no event of its own; "colonel
            # rivera, who was killed in a machinegun attack" is one
            continue
        if d.type == "other" and place is None:
            continue
        if disaster and all(m.kind == "generic" for m in d.mentions):
            continue  # "1,400 have been killed" in a report on floods: the disaster's toll (rule 8)
        etype = d.type or rules.generic_type
        first = d.mentions[0]
        sent = art.sentences[first.sent]
        actors: list[Actor] = []
        seen: set[tuple[str, str | None, str | None, str]] = set()
        for m in d.mentions:
            for a in m.actors:
                k = (a.role, a.country, a.sector, "" if a.country or a.sector else a.text.casefold())
                if k not in seen:
                    seen.add(k)
                    actors.append(a)
        for fi in figs:
            c = figures[fi].claimant
            if c is not None:
                k = ("claimant", c.country, None, c.text.casefold())
                if not any(a.role == "claimant" and a.text.casefold() == c.text.casefold() for a in actors):
                    seen.add(k)
                    actors.append(Actor(text=c.text, role="claimant", country=c.country))
        date = next((m.date for m in d.mentions if m.date), None)
        fig_objs = [figures[fi] for fi in figs]
        parts = [getattr(f, "part_of", None) is not None or _is_part(f, figures, rules.subset, art)
                 for f in fig_objs]
        ei = len(events)
        for fi in figs:
            figure_events[fi] = ei
        event_places.append({pi for m in d.mentions for pi in m.places} | ({place} if place is not None else set()))
        events.append(Event(
            type=etype, start=sent.start, end=sent.end, text=text[sent.start:sent.end], actors=actors,
            place=place, date=date[0] if date else None, date_precision=date[1] if date else None,
            killed=event_total(fig_objs, "killed", parts=parts, lists=[lists[fi] for fi in figs],
                               extra=[extra[fi] for fi in figs]) or _one_victim(art, rules, d, etype, "killed", language),
            injured=event_total(fig_objs, "injured", parts=parts, lists=[lists[fi] for fi in figs],
                                extra=[extra[fi] for fi in figs]) or _one_victim(art, rules, d, etype, "injured", language),
            figures=figs,
        ))
    _add_disaster(art, rules, figures, fig_sent, places, events, event_places, figure_events, lists,
                  _aside_pattern(language))
    # a figure's place: the nearest place of its sentence that its event was told at ("3 were
    # killed in Kyiv"), else its event's place, else the nearest place of its sentence
    figure_places: list[int | None] = []
    aside = _aside_pattern(language)
    for fi, f in enumerate(figures):
        si = fig_sent[fi]
        aside_at = aside.search(art.low, f.end, art.sentences[si].end) if aside is not None and si is not None \
            else None
        cands = [pi for pi, p in enumerate(places) if si is not None and art.index(p.start) == si
                 and not any(s <= p.start and p.end <= e for s, e in actor_spans)
                 and not (aside_at is not None and p.start >= aside_at.start())]
        ei = figure_events[fi]
        if ei is not None:
            own = [pi for pi in cands if pi in event_places[ei]]
            pick = _pick_place(f.start, f.end, own, places) if own else events[ei].place
            if pick is not None and aside_at is not None and art.index(places[pick].start) == si \
                    and places[pick].start >= aside_at.start():
                pick = None  # the event was placed by the aside only
            if pick is None:
                pick = _pick_place(f.start, f.end, cands, places)
        else:
            pick = _pick_place(f.start, f.end, cands, places)
        figure_places.append(pick if pick is not None else f.place)
    return EventReading(events, figure_events, figure_places)


def _one_victim(art: _Article, rules: _Rules, d: _Draft, etype: str, category: str, language: str) -> Count | None:
    """A violent event with no count of ``category`` among its figures, told of one person in its
    own sentences ("colonel rivera, who was killed", "the assassination of judge espinosa"): 1
    (docs/annotation-guide.md, section 4: "a man was killed" counts toward the totals)."""
    if etype not in VIOLENT_TYPES or category not in rules.one_victim:
        return None
    for si in sorted({m.sent for m in d.mentions}):
        sent = art.sentences[si]
        if rules.one_victim[category].regex.search(art.low, sent.start, sent.end):
            return Count(1, 1, 1)
        table = rules.one_victim_of.get(category)
        for m in table.regex.finditer(art.low, sent.start, sent.end) if table is not None else ():
            end = min(sent.end, m.end() + 60)
            words = art.low[m.end():end].split()
            while words and words[0] in rules.determiners:
                words = words[1:]
            head = words[:2]
            if not head or not head[0].isalpha() or any(w.endswith("s") for w in head):
                continue  # "the killing of civilians": not one person
            if any(n.kind == "count" and n.start < m.end() + 40 for n in find_numbers(art.text, language, start=m.end(),
                                                                                       end=end, lowered=art.low)):
                continue  # "the murder of three reporters": counted by its figures
            return Count(1, 1, 1)
    return None

_LEAD_SENTENCES = 3  # the lead: where an article says what it is about
_DISASTER_CATEGORIES = frozenset({"killed", "injured", "missing", "displaced", "evacuated", "affected", "other"})


def _add_disaster(art: _Article, rules: _Rules, figures: Sequence[Figure], fig_sent: list[int | None],
                  places: Sequence[Place], events: list[Event], event_places: list[set[int]],
                  figure_events: list[int | None], lists: Sequence[int | None],
                  aside: re.Pattern[str] | None = None) -> None:
    """Rule 8: an outbreak or disaster ("cholera", "floods", "the tsunami") whose tolls no
    violent event took is an event of type ``other``, told at the first sentence naming it, so
    that the article's dead and sick are counted somewhere. It takes every harm figure left
    without an event and stands in text order among the other events (events and
    ``figure_events`` are updated in place)."""
    if rules.disasters is None:
        return
    free = [fi for fi, f in enumerate(figures) if figure_events[fi] is None and f.category in _DISASTER_CATEGORIES
            and f.stance != "denied"]
    tolls = [fi for fi in free if figures[fi].category in ("killed", "injured") and figures[fi].value is not None
             and figures[fi].subject not in _ANIMALS]
    if not tolls:
        return
    hit = rules.disasters.regex.search(art.low)
    si = art.index(hit.start()) if hit else None
    if si is None:
        return
    if si >= _LEAD_SENTENCES and si > (fig_sent[tolls[0]] or 0):
        return  # the disaster is named only after the tolls, outside the lead: they are not its tolls
    disease = rules.diseases is not None and rules.diseases.regex.match(art.low, hit.start()) is not None
    sent = art.sentences[si]
    fig_objs = [figures[fi] for fi in free]
    parts = [f.part_of is not None or _is_part(f, figures, rules.subset, art) for f in fig_objs]
    cands = [pi for pi, p in enumerate(places) if art.index(p.start) == si
             and not (aside is not None and p.start > hit.end() and aside.search(art.low, hit.end(), p.start))]
    place = _pick_place(hit.start(), hit.end(), cands, places)  # type: ignore[union-attr]
    event = Event(type="other", start=sent.start, end=sent.end, text=art.text[sent.start:sent.end], actors=[],
                  place=place, date=None, date_precision=None,
                  killed=event_total(fig_objs, "killed", parts=parts, lists=[lists[fi] for fi in free]),
                  # illness is no injury: an outbreak's injured total is null (docs/annotation-guide.md)
                  injured=None if disease else event_total(fig_objs, "injured", parts=parts,
                                                           lists=[lists[fi] for fi in free]),
                  figures=free)
    at = sum(1 for e in events if e.start <= sent.start)
    events.insert(at, event)
    event_places.insert(at, {place} if place is not None else set())
    for fi, ei in enumerate(figure_events):
        if ei is not None and ei >= at:
            figure_events[fi] = ei + 1
    for fi in free:
        figure_events[fi] = at


def find_events(text: str, sentences: Sequence[Sentence], language: str | None, *,
                places: Sequence[Place] = (), figures: Sequence[Figure] = (),
                dates: Sequence[Any] = ()) -> list[Event]:
    """The events of one article (see :func:`read_events` for the figure links)."""
    return read_events(text, sentences, language, places=places, figures=figures, dates=dates).events
