"""The grammar of figures: the words of a language's ``[figures]`` section, compiled once.

Split from :mod:`newsdesk.extract.figures` (the reader) so each stays readable; nothing here
reads text beyond a phrase match.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsdesk.lang import PhraseTable, available_languages, load_lang

__all__ = ["Grammar", "adjectival", "any_word", "clause_aside", "grammar", "hypothetical"]


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled ``[figures]`` words of one language."""

    triggers: PhraseTable
    subjects: PhraseTable
    not_counted: PhraseTable
    cues: PhraseTable
    tolls: PhraseTable
    revised: PhraseTable
    aux: frozenset[str]
    stop: frozenset[str]
    list_articles: frozenset[str]
    list_joiners: frozenset[str]
    pre_gap: frozenset[str]
    hypothetical: frozenset[str]  # words and two-word phrases
    person_suffixes: tuple[str, ...]
    plural_suffixes: tuple[str, ...]
    plural_exceptions: tuple[str, ...]
    transparent: frozenset[str]
    of_them: PhraseTable
    toll_links: frozenset[str]
    demonyms: PhraseTable
    default_subject: str
    passive: frozenset[str]  # auxiliaries that open a passive: "were killed", "have been arrested"
    zero_before: frozenset[str]  # "no" in "no casualties"
    zero_words: re.Pattern[str] | None  # any of the two above: a sentence without one has no zero
    vague_not_figures: frozenset[str]  # "several", "a few": no figure (docs/annotation-guide.md)
    ordinals: frozenset[str]  # "a thirteenth victim" counts no one
    conjoined: frozenset[str]  # "and" of "26 students and teachers were infected"
    place_preps: frozenset[str]  # "in" of "in the United States" between the counted and its verb
    illness: PhraseTable | None  # "flu", "symptoms": a hospital stay in their sentence is illness, not injury
    wounds: PhraseTable | None  # "wounded", "injuries": a sentence with these tells of injury after all
    rate_links: frozenset[str]  # "in" of "one in 20": the second number is a base, no figure
    past_modals: frozenset[str]  # "may" in "may have died": an estimate, not a possibility
    zero_subjects: frozenset[str]  # "no one", "nobody", "none" before "was killed"
    possible_after: frozenset[str] = frozenset()  # "be" in "could be affected": an estimate, still a figure
    agent_by: frozenset[str] = frozenset()  # "by" of "confirmed by officials as dying"
    agent_as: frozenset[str] = frozenset()  # "as" of the same
    alternatives: re.Pattern[str] | None = None  # " or " between two triggers: "displaced or affected"
    disasters: PhraseTable | None = None  # "flooding": people "hit" by one are affected
    table_dashes: frozenset[str] = frozenset()  # "Sri Lanka - 28,500": a row of a table of tolls
    of_object: frozenset[str] = frozenset()  # "of" in "the wounding of a reporter": the trigger's object follows
    apposition_articles: frozenset[str] = frozenset()  # ", a pro-Assad militia," between the counted and its verb
    relatives: frozenset[str] = frozenset()  # "who" of "persons who have been murdered"
    toll_heads: PhraseTable | None = None  # "the total number of" before a trigger: a toll ("... deaths ... is 17")
    toll_relative: re.Pattern[str] | None = None  # ", which" after a toll: "the death toll, which stands at"
    aside_openers: PhraseTable | None = None  # ", mostly women," between the counted and its verb
    suspect_clauses: re.Pattern[str] | None = None  # " suspected of" after "a man": the main verb comes later
    clause_subjects: frozenset[str] = frozenset()  # "he" of "from which he was fired": a clause's own verb
    munition_only: frozenset[str] = frozenset()  # "landed": a hit for shells and drones, not for planes
    remainder_before: frozenset[str] = frozenset()  # "the other" of "the other two bombs": the rest of a whole
    clause_relatives: frozenset[str] = frozenset()  # ", which" opening a clause about something else
    pair_words: re.Pattern[str] | None = None  # "both" of "wounding both", "both men were killed": two
    pair_list: tuple[str, ...] = ()  # the same words, to find them fast with str.find


@functools.cache
def grammar(language: str) -> Grammar | None:
    """The grammar of ``language``; None when it has no resource file."""
    if language not in available_languages():
        return None
    res = load_lang(language)
    fig = res.section("figures")
    attr = res.section("attribution")
    # single words only: the words are matched one by one, and "in total" makes no "in" an
    # auxiliary ("wounding two bosses in a shotgun attack")
    aux = {phrase.lower().strip() for phrase in fig.get("auxiliaries", ()) if len(phrase.split()) == 1}
    return Grammar(
        triggers=PhraseTable.from_lists(fig.get("triggers", {})),
        subjects=PhraseTable.from_lists(fig.get("subjects", {})),
        not_counted=PhraseTable.from_lists({"x": fig.get("not_counted", {}).get("words", ())}),
        cues=PhraseTable.from_lists({"cue": fig.get("subset_cues", ())}),
        tolls=PhraseTable.from_lists(fig.get("tolls", {})),
        revised=PhraseTable.from_lists({"revised": attr.get("revised_cues", ())}),
        aux=frozenset(aux),
        stop=frozenset(w.lower() for w in fig.get("noun_skip_stop", ())),
        list_articles=frozenset(w.lower() for w in fig.get("list_articles", ())),
        list_joiners=frozenset(w.lower() for w in fig.get("list_joiners", ())),
        pre_gap=frozenset(w for p in fig.get("pre_gap", ()) for w in p.lower().split()),
        hypothetical=frozenset(" ".join(p.lower().split()) for p in fig.get("hypothetical", ())),
        person_suffixes=tuple(w.lower() for w in fig.get("person_suffixes", ())),
        plural_suffixes=tuple(w.lower() for w in fig.get("plural_suffixes", ())),
        plural_exceptions=tuple(w.lower() for w in fig.get("plural_exceptions", ())),
        transparent=frozenset(w.lower() for w in fig.get("noun_transparent", ())),
        of_them=PhraseTable({p: True for p in fig.get("of_them", ())}),
        toll_links=frozenset(" ".join(p.lower().split()) for p in fig.get("toll_links", ())),
        demonyms=PhraseTable.from_lists(res.section("demonyms")),
        default_subject=str(fig.get("default_person_subject", "people")),
        passive=frozenset(w.lower() for w in fig.get("passive", ())),
        zero_before=frozenset(w.lower() for w in fig.get("zero_before", ())),
        past_modals=frozenset(w.lower() for w in fig.get("past_modals", ())),
        conjoined=frozenset(w.lower() for w in fig.get("conjoined", ())),
        place_preps=frozenset(w.lower() for w in fig.get("place_prepositions", ())),
        illness=PhraseTable.from_lists({"x": fig["illness"]}) if fig.get("illness") else None,
        wounds=PhraseTable.from_lists({"x": fig["wounds"]}) if fig.get("wounds") else None,
        rate_links=frozenset(" ".join(w.lower().split()) for w in fig.get("rate_links", ())),
        vague_not_figures=frozenset(" ".join(w.lower().split()) for w in fig.get("vague_not_figures", ())),
        ordinals=frozenset(w.lower() for w in res.section("numbers").get("context", {}).get("ordinals", ())),
        zero_subjects=frozenset(" ".join(w.lower().split()) for w in fig.get("zero_subjects", ())),
        zero_words=any_word([*fig.get("zero_before", ()), *fig.get("zero_subjects", ())]),
        possible_after=frozenset(w.lower() for w in fig.get("possible_after", ())),
        agent_by=frozenset(w.lower() for w in fig.get("agent_by", ())),
        agent_as=frozenset(w.lower() for w in fig.get("agent_as", ())),
        alternatives=_between(fig.get("alternatives", ())),
        disasters=PhraseTable.from_lists({"x": res.section("events")["disasters"]})
        if res.section("events").get("disasters") else None,
        table_dashes=frozenset(fig.get("table_dashes", ())),
        of_object=frozenset(w.lower() for w in fig.get("of_object", ())),
        apposition_articles=frozenset(w.lower() for w in fig.get("apposition_articles", ())),
        relatives=frozenset(w.lower() for w in fig.get("relatives", ())),
        toll_heads=PhraseTable({p: True for p in fig["toll_heads"]}) if fig.get("toll_heads") else None,
        toll_relative=re.compile(r"\s*,\s*(?:" + "|".join(re.escape(w) for w in fig["toll_relatives"]) + r")\s+")
        if fig.get("toll_relatives") else None,
        aside_openers=PhraseTable({p: True for p in fig["aside_openers"]}) if fig.get("aside_openers") else None,
        pair_words=any_word(fig.get("pair_words", [])),
        pair_list=tuple(" ".join(w.lower().split()) for w in fig.get("pair_words", ()) if w.strip()),
        clause_relatives=frozenset(w.lower() for w in fig.get("clause_relatives", ())),
        remainder_before=frozenset(" ".join(w.lower().split()) for w in fig.get("remainder_before", ())),
        munition_only=frozenset(" ".join(w.lower().split()) for w in fig.get("munition_only", ())),
        suspect_clauses=re.compile(r"\s*,?\s*(?:" + "|".join(re.escape(w) for w in fig["suspect_clauses"]) + r")\s")
        if fig.get("suspect_clauses") else None,
        clause_subjects=frozenset(w.lower() for w in fig.get("clause_subjects", ())),
    )


def _between(words: list[str]) -> re.Pattern[str] | None:
    """A pattern for one of ``words`` standing alone between spaces (" or ")."""
    words = [" ".join(w.lower().split()) for w in words if w.strip()]
    if not words:
        return None
    return re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in words) + r")\s+")


def any_word(phrases: list[str]) -> re.Pattern[str] | None:
    """A pattern finding any of ``phrases`` (lower case) as whole words; None for no phrases."""
    words = sorted({" ".join(p.lower().split()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


def adjectival(word: str) -> bool:
    """Whether a trigger right after a number reads as an adjective or a plural noun, never as the
    first half of a compound ("five assassinated leaders", "3,172 deaths out of"; not "27 arrest
    warrants")."""
    return word.endswith(("ed", "s")) and " " not in word


def hypothetical(low: str, pos: int, g: Grammar) -> bool:
    """Whether the trigger at ``pos`` follows a modal: "can kill", "could be killed"."""
    if not g.hypothetical:
        return False
    head = low[max(0, pos - 40):pos]
    cut = max(head.rfind(","), head.rfind(";"), head.rfind("."))
    words = head[cut + 1:].split()[-5:]
    for i, w in enumerate(words):
        if w in g.hypothetical or (i + 1 < len(words) and f"{w} {words[i + 1]}" in g.hypothetical):
            if w in g.past_modals and words[i + 1:i + 2] and (words[i + 1] == "have" or words[i + 1] in g.possible_after):
                # "as many as 1,103 may have died", "60,000 could become affected": an estimate
                # (attribution says so), not a capability ("can kill")
                return False
            # "will be conducted into the murders": the modal governs a verb of its own
            return not any(v.endswith("ed") and v not in g.aux for v in words[i + 1:])
    return False


@functools.cache
def clause_aside(language: str | None) -> re.Pattern[str] | None:
    """", which" / ", who": a place after it, in a clause about something else, is not where a
    figure before it happened ("injured in the quakes, which also sent small tsunamis into Japan")."""
    g = grammar(language or "")
    if g is None or not g.clause_relatives:
        return None
    return re.compile(r",\s*(?:" + "|".join(re.escape(w) for w in sorted(g.clause_relatives)) + r")(?!\w)")

