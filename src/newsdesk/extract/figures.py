"""Figures: the numbers a report gives for what happened, with what they count and who says so.

``find_figures(text, sentences, language, options)`` reads each sentence that holds a category
trigger ("killed", "wounded", "shot down", "загинули", "поранені", ...), finds its numbers
(:func:`newsdesk.read.numbers.find_numbers`) and links each count to

* a **category** (records.FIGURE_CATEGORIES): the trigger that governs it — right after it
  ("28 wounded"), after what it counts ("22 people were killed"), or before it ("injured at least
  22 individuals"); a number with no trigger is no figure ("over 200 markets");
* a **subject**: the noun counted, normalised to a small vocabulary (people, civilians, children,
  soldiers, police, drones, missiles, buildings, ...) that must fit the category;
* **parts**: "21 of the 49 drones" gives 21 intercepted as a part of 49 launched; "including two
  children" / "among them two boys" gives a subset of the figure before it (``part_of``).

A revision with no number ("has revised the death toll") is a figure with ``value=None`` and
stance ``revised``. Claimants and stances come from :func:`newsdesk.extract.attribution.attribute`.
All words come from the language's resource file (``[figures]``); everything is compiled once
per language and process. Languages without a resource file give no figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from newsdesk.extract.attribution import attribute
from newsdesk.extract.figure_grammar import Grammar as _Grammar
from newsdesk.extract.figure_grammar import adjectival as _adjectival
from newsdesk.extract.figure_grammar import grammar as _grammar
from newsdesk.extract.figure_grammar import hypothetical as _hypothetical
from newsdesk.extract.figure_parts import (
    _ASIDE,
    ANIMAL_SUBJECTS,
    OBJECT_SUBJECTS,
    PERSON_CATEGORIES,
    PERSON_SUBJECTS,
    WEAPON_SUBJECTS,
    PartsReader,
    _Noun,
    not_the_speaker,
    reindexed,
)
from newsdesk.extract.figure_parts import fits as _fits
from newsdesk.lang import lower_same_length
from newsdesk.options import Options
from newsdesk.read.numbers import NumberMention, find_numbers
from newsdesk.records import Figure, Sentence

__all__ = ["ANIMAL_SUBJECTS", "OBJECT_SUBJECTS", "PERSON_SUBJECTS", "WEAPON_SUBJECTS", "find_figures"]

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[\w'\u2019\u02bc]+(?:-[\w'\u2019\u02bc]+)*|[^\w\s]")
_MAX_GAP = 70  # characters between a trigger and the number it governs
_WORD_RX = re.compile(r"\w+")
_MORE = object()  # trigger_after ran out of words: read further
_ARTICLE = re.compile(r"(?<![\w'\u2019-])(\w{1,3})\s")



def _find_all(text: str, word: str) -> list[int]:
    """Every offset of ``word`` in ``text`` (str.find: far cheaper than a regex over a whole text)."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


class _Triggers:
    """The trigger words of one sentence: offsets, and categories looked up when first needed
    (a sentence may hold thousands in a bad input; only those near a number are ever asked)."""

    __slots__ = ("_cats", "_found", "_g", "_low", "ends", "starts")

    def __init__(self, found: list[tuple[int, int, str]], low: str, g: _Grammar) -> None:
        self.starts = [t[0] for t in found]
        self.ends = [t[1] for t in found]
        self._found = [t[2] for t in found]
        self._cats: dict[int, str | None] = {}
        self._low, self._g = low, g

    def __bool__(self) -> bool:
        return bool(self.starts)

    def category(self, i: int) -> str | None:
        """The category of trigger ``i``; None when it follows a modal ("can kill")."""
        if i not in self._cats:
            cat = self._g.triggers.value(self._found[i])
            if cat is not None and _hypothetical(self._low, self.starts[i], self._g):
                cat = None
            self._cats[i] = cat
        return self._cats[i]


class _Reader(PartsReader):
    """The figures of one text (holds the per-call state; the grammar is shared)."""

    def __init__(self, text: str, low: str, g: _Grammar, language: str) -> None:
        self.text = text
        self.low = low
        self.g = g
        self.language = language
        self.figures: list[Figure] = []
        self._mention_starts: list[int] = []
        self._sentence: Sentence | None = None
        self._all_lower: bool | None = None
        self._tok_cache: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
        # where "both" stands in the text (found once: most texts have none)
        self._pair_starts = sorted(i for w in g.pair_list for i in _find_all(low, w))

    # --- word walking ---------------------------------------------------------------------

    def _tokens(self, pos: int, limit: int, n: int) -> list[tuple[int, int, str]]:
        """The next ``n`` words or punctuation marks from ``pos`` (lower case), with offsets.
        Remembered within a sentence (the same words are asked for by several rules); callers
        must not change the list."""
        key = (pos, limit, n)
        out = self._tok_cache.get(key)
        if out is not None:
            return out
        out = []
        for m in _WORD.finditer(self.low, pos, min(limit, pos + 24 * n)):
            out.append((m.start(), m.end(), m.group()))
            if len(out) >= n:
                break
        self._tok_cache[key] = out
        return out

    def noun_after(self, pos: int, limit: int, vague: bool) -> _Noun:
        g = self.g
        aside = _ASIDE.match(self.low, pos, limit)
        if aside is not None and aside.group().lstrip().startswith("(") and \
                self._tokens(aside.end(), limit, 1) and self._tokens(aside.end(), limit, 1)[0][2][0].isalpha():
            pos = aside.end()  # "five (number as received) individuals"
        noun = _Noun(end=pos)
        skipped = 0
        skipped_of = False
        coordinated = -1  # the end of an adjective joined by "and": "23 Somali and Yemeni pirates"
        prev_upper = False
        toks = self._tokens(pos, limit, 5)
        if any(t[2] in g.conjoined for t in toks):
            toks = self._tokens(pos, limit, 7)  # "23 heavily armed Somalian and Yemeni pirates"
        for s, e, word in toks:
            if not word[0].isalnum():
                break
            if s < coordinated:
                continue
            if word in g.conjoined and skipped and prev_upper:
                nxt = self._tokens(e, limit, 2)
                if len(nxt) == 2 and self.text[nxt[0][0]:nxt[0][0] + 1].isupper() and nxt[1][2][0].isalpha() \
                        and nxt[0][2] not in g.stop and nxt[1][2] not in g.stop:
                    # two adjectives of one noun ("Somali and Yemeni pirates"), not two items
                    coordinated = nxt[0][1]
                    continue
            prev_upper = self.text[s:s + 1].isupper()
            if any(ch.isdigit() for ch in word):
                noun.unknown = True  # "46 m-16 rifles"
                return noun
            sm = g.subjects.regex.match(self.low, s, limit)
            tm = g.triggers.regex.match(self.low, s, limit)
            if sm:
                head = self._tokens(sm.end(), limit, 1)
                hm = g.subjects.regex.match(self.low, head[0][0], limit) if head and head[0][2][0].isalpha() else None
                if hm is not None and not tm and g.subjects.value(sm.group()) in OBJECT_SUBJECTS | WEAPON_SUBJECTS \
                        and not g.triggers.regex.match(self.low, head[0][0], limit):
                    sm = hm  # "two tank shells": the last noun of a compound is what is counted
                noun.subject = g.subjects.value(sm.group())
                noun.end = sm.end()
                if tm and skipped <= 1 and tm.end() >= sm.end():
                    noun.adjacent, noun.adjacent_end = g.triggers.value(tm.group()), tm.end()
                    # "14 dead birds", "two dead officers": the word after says what is counted
                    for ns, _, nword in self._tokens(tm.end(), limit, 2):
                        if not nword[0].isalpha() or nword in g.stop:
                            break  # "50 injured and buildings destroyed": "buildings" is not what 50 counts
                        if g.not_counted.regex.match(self.low, ns, limit):
                            noun.not_counted = True  # "4,000 dead wild birds"
                            break
                        sub = g.subjects.regex.match(self.low, ns, limit)
                        if sub:
                            noun.subject, noun.end = g.subjects.value(sub.group()), sub.end()
                            break
                return noun
            if tm:
                # "28 wounded", "12 new cases", "12 new human cases" (a plural noun after two words)
                if (skipped <= 1 or skipped == 2 and tm.group().endswith("s") and " " not in tm.group()) and \
                        (_adjectival(tm.group()) or not self._compound(tm.end(), limit)):
                    noun.adjacent, noun.adjacent_end = g.triggers.value(tm.group()), tm.end()
                    noun.end = tm.end()
                    nxt = self._tokens(tm.end(), limit, 1)
                    sub = g.subjects.regex.match(self.low, nxt[0][0], limit) if nxt else None
                    if sub:  # "the two dead officers"
                        noun.subject, noun.end = g.subjects.value(sub.group()), sub.end()
                else:
                    noun.unknown = True
                return noun
            if g.not_counted.regex.match(self.low, s, limit):
                noun.not_counted = True
                return noun
            if word in g.transparent:
                continue
            if word in g.stop:
                if vague and word in ("of", "из", "з") and skipped == 0 and not skipped_of:
                    skipped_of = True
                    continue
                noun.unknown = skipped > 0
                return noun
            dm = g.demonyms.regex.match(self.low, s, limit)
            if dm and self.text[s:s + 1].isupper() and dm.end() == e and word.endswith("s"):
                noun.subject, noun.end = "people", e  # "five Palestinians"
                return noun
            if g.plural_suffixes and word.endswith(g.plural_suffixes) and not word.endswith(g.plural_exceptions):
                noun.unknown = True  # "two clashes": it counts something we do not know ...
                noun.guess_end, noun.guess = e, word  # ... unless a trigger makes it a person
                return noun
            skipped += 1
            if skipped > 3:
                noun.unknown = True
                return noun
        noun.unknown = skipped > 0
        return noun

    def _compound(self, pos: int, limit: int) -> bool:
        """Whether a trigger word is the first half of a compound noun: "27 arrest warrants"."""
        toks = self._tokens(pos, limit, 1)
        if not toks:
            return False
        s, _, word = toks[0]
        g = self.g
        if not word[0].isalpha() or word in g.stop or word in g.aux or word in g.pre_gap:
            return False
        return not (g.triggers.regex.match(self.low, s, limit) or g.subjects.regex.match(self.low, s, limit))

    def _own_predicate(self, pos: int, limit: int) -> bool:
        """Whether what follows a counted noun is its own verb ("44 terrorists have deserted"), so
        a trigger earlier in the sentence does not govern it."""
        toks = self._tokens(pos, limit, 1)
        # a verb ("have", "were"), not an adverb ("killing two soldiers instantly")
        return bool(toks) and toks[0][2] in self.g.aux and (not self.g.passive or toks[0][2] in self.g.passive)

    def trigger_after(self, pos: int, limit: int, relatives: bool = True) -> tuple[str, int, int] | None:
        """The trigger that governs a counted noun ending at ``pos``, read after it: ``(category,
        start, end)``. ``relatives``: step over "who were" (numbers only; "a man who was injured
        spoke" tells of no count). Reads 8 words, and up to 16 only when it stepped over some."""
        found = self._trigger_after(pos, limit, relatives, 8)
        if found is _MORE:
            found = self._trigger_after(pos, limit, relatives, 16)
        return None if found is _MORE else found  # type: ignore[return-value]

    def _trigger_after(self, pos: int, limit: int, relatives: bool, size: int) -> object:
        g = self.g
        aside = _ASIDE.match(self.low, pos, limit)
        if aside is not None:
            pos = aside.end()  # "two missionaries -- aged 19 and 21 -- were shot", "(both aged 20)"
        toks = self._tokens(pos, limit, size)
        if toks and toks[0][2] == ",":
            # "four army members, including two officers, were killed": step over the aside
            cue = g.cues.regex.match(self.low, self._tokens(toks[0][1], limit, 1)[0][0], limit) if len(toks) > 1 else None
            if cue is None and len(toks) > 2 and self._is_mention_start(toks[1][0]):
                cue = g.of_them.regex.match(self.low, toks[2][0], limit)  # "three people, one of them a child,"
            close = self.low.find(",", toks[0][1], limit) if cue else -1
            if cue is None and len(toks) > 1 and g.aside_openers is not None and \
                    g.aside_openers.regex.match(self.low, toks[1][0], limit):
                cue = True  # type: ignore[assignment]  # "12 people, mostly women, were killed"
                close = self.low.find(",", toks[1][1], min(limit, toks[1][1] + 40))
            if cue is None and len(toks) > 1 and toks[1][2] in g.apposition_articles:
                # "A local commander, a militia leader, was also killed": an apposition
                close = self.low.find(",", toks[1][1], min(limit, toks[1][1] + 50))
                if close > 0 and any(ch in self.low[toks[1][1]:close] for ch in ".;:"):
                    close = -1
            if close < 0:
                return None
            toks = self._tokens(close + 1, limit, size)
        skip_to = -1
        passive = False
        seen = 0
        for k, (s, e, word) in enumerate(toks):
            if k >= size - 3 and len(toks) >= size and size < 16:
                return _MORE  # near the end of the words read: read further (rare)
            if s < skip_to:
                continue
            seen += 1
            if seen > 7 and not passive:
                return None  # only what is stepped over, or an agent phrase, reaches further
            if k == 0:
                om = g.of_them.regex.match(self.low, s, limit)
                if om is not None:
                    skip_to = om.end()  # "two of whom were among the dead"
                    continue
                if word in g.of_object:
                    # "two leaders of a polygamous community have been arrested": what the counted
                    # belong to (common nouns only; a named place is read below)
                    n = k + 1 + (k + 1 < len(toks) and toks[k + 1][2] in (*g.list_articles, *g.apposition_articles))
                    start_n = n
                    while n < len(toks) and n < start_n + 3 and toks[n][2].isalpha() and \
                            not self.text[toks[n][0]:toks[n][0] + 1].isupper() and toks[n][2] not in g.stop and \
                            toks[n][2] not in g.aux and not g.triggers.regex.match(self.low, toks[n][0], limit):
                        n += 1
                    if n > start_n:
                        skip_to = toks[n - 1][1]
                        continue
                cm = g.cues.regex.match(self.low, s, limit)
                if cm is not None:
                    # "12 people including the bomber were killed": step over the subset
                    n = next((n for n, t in enumerate(toks) if t[0] >= cm.end()), len(toks))
                    start_n = n
                    while n < len(toks) and n < start_n + 4 and toks[n][2][0].isalnum() and toks[n][2] not in g.aux \
                            and not g.triggers.regex.match(self.low, toks[n][0], limit):
                        n += 1
                    if n > start_n and n < len(toks) and (toks[n][2] in g.aux or
                                                          g.triggers.regex.match(self.low, toks[n][0], limit)):
                        skip_to = toks[n - 1][1]
                        continue
            if word in g.conjoined and k + 2 < len(toks) and self._is_mention_start(toks[k + 1][0]):
                # "two soldiers and three rebels were killed": step over the next item of the list
                n = k + 2
                while n < len(toks) and n < k + 5 and toks[n][2][0].isalpha() and toks[n][2] not in g.stop \
                        and toks[n][2] not in g.aux and not g.triggers.regex.match(self.low, toks[n][0], limit):
                    n += 1
                if n > k + 2:
                    skip_to = toks[n - 1][1]
                    continue
            if word in g.conjoined and k + 2 < len(toks) and toks[k + 1][2] in g.list_articles:
                # "two other Americans and an Afghani injured": step over a second, singular item
                n = k + 2
                while n < len(toks) and n < k + 5 and toks[n][2][0].isalpha() and toks[n][2] not in g.stop \
                        and not g.triggers.regex.match(self.low, toks[n][0], limit):
                    n += 1
                if n > k + 2 and n < len(toks) and (g.triggers.regex.match(self.low, toks[n][0], limit)
                                                    or toks[n][2] in g.passive):
                    skip_to = toks[n - 1][1]  # "... and a Spanish technician were kidnapped"
                    continue
            if word in g.conjoined and k + 1 < len(toks) and toks[k + 1][2][0].isalpha() and (
                    g.subjects.regex.match(self.low, toks[k + 1][0], limit) is not None
                    or toks[k + 1][2].endswith(g.plural_suffixes or ("\0",)) and toks[k + 1][2] not in g.stop
                    and not g.triggers.regex.match(self.low, toks[k + 1][0], limit)):
                skip_to = toks[k + 1][1]  # "26 students and teachers might have been infected"
                continue
            if word in g.place_preps and k + 1 < len(toks) and not g.triggers.regex.match(self.low, s, limit):
                # "twenty people in the United States have been infected": step over a named place
                n = k + 1 + (toks[k + 1][2] == "the")
                lower = n
                while lower < len(toks) and lower < n + 3 and toks[lower][2].isalpha() and \
                        not self.text[toks[lower][0]:toks[lower][0] + 1].isupper() and toks[lower][2] not in g.passive \
                        and toks[lower][2] not in g.relatives and toks[lower][2] not in g.conjoined and \
                        (lower > n or toks[lower][2] not in g.stop and toks[lower][2] not in g.aux) and \
                        not g.triggers.regex.match(self.low, toks[lower][0], limit):
                    lower += 1
                if lower < len(toks) and self.text[toks[lower][0]:toks[lower][0] + 1].isupper():
                    n = lower  # "in western Canada", "with ties to Utah"
                names = 0
                while n < len(toks) and self.text[toks[n][0]:toks[n][0] + 1].isupper() and names < 4:
                    n, names = n + 1, names + 1
                if names and n + 2 < len(toks) and toks[n][2] == "," and \
                        self.text[toks[n + 1][0]:toks[n + 1][0] + 1].isupper():
                    # "in Bountiful, British Columbia, have been arrested": the region after the town
                    c = n + 1
                    while c < len(toks) and c < n + 4 and self.text[toks[c][0]:toks[c][0] + 1].isupper():
                        c += 1
                    if c < len(toks) and toks[c][2] == ",":
                        n = c + 1
                if names:
                    skip_to = toks[n - 1][1]
                    continue
            if word == "," and k > 0 and k + 1 < len(toks) and toks[k + 1][2] in g.apposition_articles:
                # "A local commander of the NDF, a pro-Assad militia, was also killed": an apposition
                close = self.low.find(",", toks[k + 1][1], min(limit, toks[k + 1][1] + 50))
                if close > 0 and not any(ch in self.low[toks[k + 1][1]:close] for ch in ".;:"):
                    skip_to = close + 1
                    continue
            tm = g.triggers.regex.match(self.low, s, limit)
            if tm:
                return self._either(g.triggers.value(tm.group()), s, tm.end(), limit)
            nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
            if word in g.hypothetical and not (word in g.past_modals and nxt in ("have", *g.possible_after)):
                return None  # "this can kill 60": a capability; "60 people could be killed" is an estimate
            if word in g.aux or word in g.transparent:
                passive = passive or word in g.passive
                continue
            if relatives and word in g.relatives and k + 1 < len(toks) and toks[k + 1][2] in g.passive:
                continue  # "100,000 persons who have been murdered"
            if word in g.agent_by and passive:
                # "1,000 turkeys have been confirmed by officials as dying": the agent, then the verb
                a = next((a for a in range(k + 1, min(len(toks), k + 6)) if toks[a][2] in g.agent_as), None)
                if a is not None and all(t[2][0].isalnum() and t[2] not in g.stop for t in toks[k + 1:a]):
                    skip_to = toks[a][1]
                    continue
            return None
        return _MORE if len(toks) >= size and size < 16 else None

    def _either(self, category: str | None, start: int, end: int, limit: int) -> tuple[str, int, int] | None:
        """A trigger, or the pair it opens with "or": "displaced or affected" is affected (the wider),
        "killed or injured" is casualties (other)."""
        if category is None:
            return None
        m = self.g.alternatives.match(self.low, end, limit) if self.g.alternatives is not None else None
        if m is not None:
            tm = self.g.triggers.regex.match(self.low, m.end(), limit)
            other = self.g.triggers.value(tm.group()) if tm else None
            if other is not None and other != category:
                pair = {category, other}
                if "affected" in pair:
                    return "affected", start, tm.end()  # type: ignore[union-attr]
                if pair == {"killed", "injured"}:
                    return "other", start, tm.end()  # type: ignore[union-attr]
        return category, start, end

    # --- the sentence ---------------------------------------------------------------------

    def read_sentence(self, sent: Sentence, triggers: _Triggers) -> None:
        text = self.text
        self._sentence = sent
        self._tok_cache.clear()
        mentions = find_numbers(text, self.language, start=sent.start, end=sent.end, lowered=self.low)
        self._mention_starts = [o.start for o in mentions]
        counts = [i for i, m in enumerate(mentions)
                  if m.kind == "count" and (m.value is not None or m.is_vague or m.qualifier == "range")
                  and not (m.is_vague and " ".join(self.low[m.start:m.end].split()) in self.g.vague_not_figures)]
        first_here = len(self.figures)
        consumed: set[int] = set()
        for i in counts:
            if i in consumed:
                continue
            m = mentions[i]
            whole = mentions[m.part_of] if m.part_of is not None else None
            if whole is not None:
                consumed.add(m.part_of)  # type: ignore[arg-type]
                self._part_and_whole(m, whole, triggers, mentions, sent)
                continue
            self._single(m, i, triggers, mentions, sent, first_here)
        if self.g.list_articles and triggers:
            self._one_by_article(sent, first_here, triggers)
        if triggers and self._pair_starts and bisect_left(self._pair_starts, sent.start) < \
                bisect_left(self._pair_starts, sent.end):
            self._pairs(sent, first_here, triggers)
        if triggers:
            self._zeros(sent, triggers, first_here)
        if len(self.figures) == first_here:
            self._revision_without_number(sent)

    def _one_by_article(self, sent: Sentence, first_here: int, triggers: _Triggers) -> None:
        """"A 45-year-old man was killed": an article before a person who is the subject of a
        trigger counts one."""
        g = self.g
        taken = [(f.start, f.end) for f in self.figures[first_here:]]
        for art in _ARTICLE.finditer(self.low, sent.start, sent.end):
            if art.group(1) not in g.list_articles:
                continue
            pos = art.end()
            sm = None
            ordinal = False
            words: list[tuple[int, int, str]] = []  # the plain words after the article
            plain = True
            for s, e, word in self._tokens(pos, sent.end, 4):
                if not word[0].isalnum():
                    break
                sm = g.subjects.regex.match(self.low, s, sent.end)
                if sm and words and g.triggers.regex.match(self.low, s, sent.end):
                    sm = None  # "left a receptionist dead": "dead" is the trigger, not the noun
                if sm or word in g.stop or g.triggers.regex.match(self.low, s, sent.end):
                    break
                ordinal = ordinal or word in g.ordinals  # "a thirteenth victim" counts no one
                plain = plain and word.isalpha() and word not in g.aux
                if plain:
                    words.append((s, e, word))
            if ordinal:
                continue
            dm = g.demonyms.regex.match(self.low, pos, sent.end) \
                if self.text[pos:pos + 1].isupper() or self._lower_text() else None  # "an Afghani injured"
            if dm is not None and not dm.group().endswith("s") and (sm is None or sm.start() > dm.start()):
                nxt = self._tokens(pos, sent.end, 2)
                if nxt and nxt[0][1] == dm.end() and (len(nxt) < 2 or not nxt[1][2][0].isalpha()
                                                      or g.triggers.regex.match(self.low, nxt[1][0], sent.end)
                                                      or nxt[1][2] in g.aux):
                    sm = dm  # the demonym is the noun itself, not an adjective ("an Afghan soldier")
            if sm is None and (len(self.figures) > first_here and self.figures[-1].end <= art.start(1) and
                               self.low[self.figures[-1].end:art.start(1)].strip() in g.list_joiners and
                               self.low[self.figures[-1].end:art.start(1)].strip() != ","  # ", a militia leader,"
                               or self._trigger_before(art.start(1), triggers) is not None):
                # "three reporters, two salvadorans and a netherlander": the last item of a list;
                # "killing a receptionist": the object of a trigger
                after = self._tokens(words[-1][1], sent.end, 1) if words else []
                if 0 < len(words) <= 4 and words[-1][2].endswith(g.person_suffixes) and \
                        not (after and after[0][2] in g.of_object):  # not "a number of"
                    # "a netherlander", "a state bomb disposal technician"
                    sm = dm = _WORD_RX.match(self.low, words[-1][0])
            nearby = bisect_left(triggers.starts, words[-1][1]) if words else len(triggers.starts)
            if sm is None and 0 < len(words) <= 3 and words[-1][2].endswith(g.person_suffixes) and \
                    nearby < len(triggers.starts) and triggers.starts[nearby] - words[-1][1] <= _MAX_GAP:
                # "A British climber has fallen to his death": a person noun, then its own trigger
                post = self.trigger_after(words[-1][1], sent.end, relatives=False)
                between = self.low[words[-1][1]:post[1]].split() if post else []
                if post and (not between or between[0] in g.passive) and not self._active(post[2], sent.end):
                    sm = dm = _WORD_RX.match(self.low, words[-1][0])
            if sm is None:
                continue
            subject = "people" if sm is dm else g.subjects.value(sm.group())
            if g.triggers.regex.match(self.low, sm.start(), sent.end):
                continue  # "a dead wild duck": an adjective, not a person
            if subject not in PERSON_SUBJECTS or sm.group().endswith("s") or self.low[sm.end():sm.end() + 1] == "'":
                continue  # one person only ("a man", not "a group of men"), not a possessive
            for h, (hs, _, hword) in enumerate(self._tokens(sm.end(), sent.end, 3)):
                # "a police chief", "an Oregon State Police bomb squad technician": the head noun ends it
                if not hword.isalpha() or hword in g.stop or hword in g.aux or \
                        g.subjects.regex.match(self.low, hs, sent.end) or g.triggers.regex.match(self.low, hs, sent.end):
                    break
                if hword.endswith(g.person_suffixes):
                    sm = _WORD_RX.match(self.low, hs)
                    break
            start = art.start(1)
            post = self.trigger_after(sm.end(), sent.end, relatives=False)
            if post is not None and self._active(post[2], sent.end):
                continue  # "a suicide bomber killed 23 soldiers": the agent, not a victim
            category = post[0] if post else self._after_suspect_clause(sm.end(), sent.end, triggers)
            parent = None
            cue = None
            for cue in g.cues.regex.finditer(self.low, max(sent.start, start - 30), start):
                pass
            if category is None and cue is not None and not self.low[cue.end():start].strip(" ,:—–-"):
                # "..., among them a 14-year-old apprentice"
                parent = next((k for k in range(len(self.figures) - 1, first_here - 1, -1)
                               if self.figures[k].value is not None and self.figures[k].end <= start), None)
                if parent is not None:
                    category = self.figures[parent].category
            if category is None:
                # "an attack killed a soldier", "the wounding of a reporter": a trigger right before
                category = self._trigger_before(start, triggers)
            if category is None and len(self.figures) > first_here:
                # "... of a salvadoran reporter and a cbs reporter": the next item of a list
                prev = self.figures[-1]
                if prev.end <= start and prev.category in PERSON_CATEGORIES and \
                        self.low[prev.end:start].strip() in g.list_joiners:
                    category = prev.category
            if category not in PERSON_CATEGORIES:
                continue
            if any(a < sm.end() and start < b for a, b in taken):
                continue
            fig = Figure(start, sm.end(), self.text[start:sm.end()], category, 1, 1, 1, "exact", subject)
            fig.part_of = parent
            self.figures.append(fig)
            taken.append((start, sm.end()))
            if parent is not None:
                self._list_items(sm.end(), sent, parent, category)

    def _trigger_before(self, start: int, triggers: _Triggers) -> str | None:
        """The category of a trigger right before ``start`` ("killed a", "the murder of a")."""
        i = bisect_right(triggers.ends, start) - 1
        if i < 0:
            return None
        gap = self.low[triggers.ends[i]:start].strip()
        if gap in self.g.of_object and self.low[triggers.starts[i]:triggers.ends[i]].endswith("s"):
            return None  # "cases of a neurological disorder": what the cases are of, not a person
        if gap in ("", *self.g.of_object):
            return triggers.category(i)
        return None

    def _lower_text(self) -> bool:
        """Whether the text is written all in lower case (MUC-style wires), so that names carry
        no capital."""
        if self._all_lower is None:
            sample = self.text[:2000]
            self._all_lower = not any(ch.isupper() for ch in sample)
        return self._all_lower

    def _pre_trigger(self, m: NumberMention, triggers: _Triggers,
                     mentions: list[NumberMention], sent: Sentence) -> tuple[str, bool] | None:
        i = bisect_right(triggers.ends, m.start) - 1
        best = None
        while i >= 0 and triggers.ends[i] >= m.start - _MAX_GAP and triggers.starts[i] >= sent.start:
            cat = triggers.category(i)
            if cat is not None:
                best = (triggers.starts[i], triggers.ends[i], cat)
                break
            i -= 1
        if best is None:
            return None
        ts, te, cat = best
        if self.g.alternatives is not None and i > 0:
            # "погибли или пострадали 120 человек": the pair the trigger closes
            alt = self.g.alternatives.match(self.low, triggers.ends[i - 1], ts)
            if alt is not None and alt.end() == ts:
                pair = self._either(triggers.category(i - 1), triggers.starts[i - 1], triggers.ends[i - 1], te)
                if pair is not None:
                    cat = pair[0]
        # another count between the trigger and this number takes the trigger
        j = bisect_left(self._mention_starts, m.start) - 1
        while j >= 0 and mentions[j].kind != "count":
            j -= 1
        if j >= 0 and mentions[j].start >= te:
            return None
        gap = self.low[te:m.start]
        if ";" in gap:
            return None
        words = gap.split()
        if words and words[-1] in self.g.agent_by and len(words) <= 2:
            return None  # "murdered by two paid assassins": the agents, not the victims
        strong = len(words) <= 4 and all(w in self.g.pre_gap for w in words)
        rel = self.g.toll_relative.match(gap) if self.g.toll_relative is not None else None
        if rel is not None:  # "the death toll, which officially stands at 23,000"
            gap = gap[rel.end():]
            words = gap.split()
        if not strong and words and len(words) <= 8 and not any(ch in gap for ch in ",.:()"):
            # "raised the death toll from the virus to 152", "the total number of deaths ... is 17"
            last = words[-1] if words[-1] in self.g.toll_links else " ".join(words[-2:])
            strong = last in self.g.toll_links and (
                self.g.tolls.regex.search(self.low, max(0, ts - 30), te) is not None or self._toll_head(ts, te))
        return cat, strong

    def _single(self, m: NumberMention, idx: int, triggers: _Triggers,
                mentions: list[NumberMention], sent: Sentence, first_here: int) -> None:
        if self._rate(m, idx, mentions):
            return  # "one in 20 infected persons", "nine out of ten"
        if self._of_them(m, triggers, mentions, sent):
            return
        noun = self.noun_after(m.end, sent.end, m.is_vague)
        if noun.not_counted:
            return
        whole = self._munitions_of(m, noun, first_here, sent.end) if noun.subject is None and not noun.unknown \
            else None  # "two of the bombs fell", "two landed"
        if noun.subject is None and not noun.adjacent and not noun.unknown:
            self._of_the_trigger(m, noun, sent)  # "11 of the injured", "20 of the deaths"
        if noun.subject is None and not noun.adjacent:
            if noun.unknown and noun.guess_end is None and m.value == 1:
                # "one bodyguard was killed", "one English climber has fallen to his death"
                words = []
                for _, te, tw in self._tokens(m.end, sent.end, 4):
                    if not tw.isalpha() or tw in self.g.stop or tw in self.g.aux:
                        break
                    words.append((te, tw))
                if 0 < len(words) <= 3 and words[-1][1].endswith(self.g.person_suffixes):
                    noun.guess_end, noun.guess = words[-1]
            if noun.unknown:
                self._guessed(m, noun, triggers, mentions, sent)
                return  # it counts something else: "two clashes", "Power 1 Walnut"
            if m.from_words and m.value == 1 and not self._object_one(m, triggers, mentions, sent):
                return  # "one" alone is a pronoun more often than a count
        # a subset of the figure before it: "..., among them two boys"
        parent = self._subset_parent(m, sent, first_here)
        if parent is None:
            parent = whole if whole is not None or noun.subject is None else self._remainder_of(m, noun.subject, sent)
        options: list[str] = []
        if noun.adjacent and (noun.adjacent != "hit" or not self._munition_only(m.end, noun.adjacent_end, noun.subject)):
            options.append(noun.adjacent)
        pre = self._pre_trigger(m, triggers, mentions, sent)
        post = self.trigger_after(max(noun.end, noun.adjacent_end), sent.end)
        if post and post[0] == "hit" and self._munition_only(post[1], post[2], noun.subject):
            post = None
        if pre and pre[1]:
            options.append(pre[0])
        if post:
            options.append(post[0])
        if pre and not pre[1] and noun.subject is not None and not self._own_predicate(noun.end, sent.end):
            options.append(pre[0])
        if parent is not None and not noun.adjacent:
            # the parent's category, unless a verb of its own says otherwise ("of whom 5 were
            # later found murdered")
            options.insert(1 if post and not (pre and pre[1]) else 0, self.figures[parent].category)
        listed = self._listed_after(m, first_here)
        if listed is not None:
            options.append(listed)  # "killed three reporters, two salvadorans and ..."
        if not options and noun.subject is None and not noun.unknown:
            row = self._table_row(m, triggers, sent)
            if row is not None:
                options.append(row)  # "the dead: Sri Lanka - approximately 28,500, India - ..."
        if noun.subject is None and not noun.unknown and not noun.adjacent:
            noun.subject = self._further(m, first_here)  # "1,000 turkeys ... and a further 1,600 have died"
        category = None
        for cat in options:
            category = _fits(cat, noun.subject) or self._hit_by_disaster(cat, noun.subject, sent)
            if category:
                break
        if category is None:
            return
        if parent is not None and category != self.figures[parent].category and parent != whole:
            parent = None
        end = max(noun.end, noun.adjacent_end if noun.adjacent else m.end, m.end)
        if post and post[0] == category and noun.subject is not None:
            end = self._conjoined_end(end, post[1])  # "26 students and teachers might have been infected"
        fig = self._figure(m.start, end, m, category, noun.subject)
        fig.part_of = parent
        self.figures.append(fig)
        if parent is not None:
            self._list_items(end, sent, parent, category)

    def _conjoined_end(self, end: int, trigger_start: int) -> int:
        """The end of a second noun joined to the counted one ("students and teachers"), when only
        it and auxiliaries stand before the trigger; else ``end``."""
        toks = self._tokens(end, trigger_start, 3)
        g = self.g
        if len(toks) >= 2 and toks[0][2] in g.conjoined and toks[1][2][0].isalpha() and \
                toks[1][2] not in g.stop and toks[1][2] not in g.aux and \
                all(t[2] in g.aux for t in self._tokens(toks[1][1], trigger_start, 6)):
            return toks[1][1]
        return end

    def _hit_by_disaster(self, category: str, subject: str | None, sent: Sentence) -> str | None:
        """People "hit" by a flood or a storm are affected (docs/annotation-guide.md)."""
        if category != "hit" or not (subject is None or subject in PERSON_SUBJECTS) or self.g.disasters is None:
            return None
        return "affected" if self.g.disasters.regex.search(self.low, sent.start, sent.end) else None

    def _further(self, m: NumberMention, first_here: int) -> str | None:
        """The subject of a bare number that adds to the figure before it in its sentence ("a
        further 1,600", "another 20"): that figure's subject."""
        if len(self.figures) <= first_here:
            return None
        before = self.low[max(0, m.start - 20):m.start].split()
        if not before or before[-1] not in self.g.transparent:
            return None
        return self.figures[-1].subject

    def _object_one(self, m: NumberMention, triggers: _Triggers, mentions: list[NumberMention],
                    sent: Sentence) -> bool:
        """"killing one", "killing at least one and ...": "one" right after a person trigger, with
        nothing it could stand for after it, is the trigger's object, a count."""
        pre = self._pre_trigger(m, triggers, mentions, sent)
        if pre is None or not pre[1] or pre[0] not in PERSON_CATEGORIES:
            return False
        nxt = self._tokens(m.end, sent.end, 1)
        return not nxt or not nxt[0][2][0].isalnum() or nxt[0][2] in self.g.list_joiners or \
            (nxt[0][2] in self.g.stop and nxt[0][2] not in ("of", "who", "whom", "which", "that"))

    def _is_mention_start(self, pos: int) -> bool:
        k = bisect_left(self._mention_starts, pos)
        return k < len(self._mention_starts) and self._mention_starts[k] == pos

    def _ill(self, pos: int) -> bool:
        """Whether the sentence around ``pos`` tells of illness and its "hurt" word is a hospital
        stay ("hospitalized", "treated"), not a wound."""
        g, sent = self.g, self._sentence
        if g.illness is None or sent is None or g.illness.regex.search(self.low, sent.start, sent.end) is None:
            return False
        return g.wounds is None or g.wounds.regex.search(self.low, sent.start, sent.end) is None

    def _rate(self, m: NumberMention, idx: int, mentions: list[NumberMention]) -> bool:
        """Whether a number is the base of a rate: "one in 20", "nine out of ten"."""
        if idx == 0 or not self.g.rate_links or mentions[idx - 1].kind != "count":
            return False
        return " ".join(self.low[mentions[idx - 1].end:m.start].split()) in self.g.rate_links

    def _active(self, pos: int, limit: int) -> bool:
        """Whether a trigger verb ending at ``pos`` has an object after it ("killed 23 soldiers",
        "wounded a policeman"): its subject is then the agent."""
        toks = self._tokens(pos, limit, 1)
        if not toks:
            return False
        s, _, word = toks[0]
        return word in self.g.list_articles or word in ("the", "his", "her", "their", "its") or \
            bisect_left(self._mention_starts, s) < len(self._mention_starts) and \
            self._mention_starts[bisect_left(self._mention_starts, s)] == s

    def _figure(self, start: int, end: int, m: NumberMention, category: str, subject: str | None) -> Figure:
        if category == "injured" and self._ill(start):
            category = "affected"  # "hospitalised because of flu-like symptoms": illness, not injury
        if subject is None and category in PERSON_CATEGORIES:
            subject = self.g.default_subject
        return Figure(start, end, self.text[start:end], category, m.value, m.low, m.high, m.qualifier, subject)


def find_figures(text: str, sentences: list[Sentence], language: str, options: Options | None = None) -> list[Figure]:
    """The figures of ``text`` (an article's ``news_text()``), in reading order.

    ``sentences`` are the article's sentences (:func:`newsdesk.read.sentences.split_sentences`;
    split here when the list is empty).
    Each figure's ``claimant`` and ``stance`` are set by attribution; ``place`` and ``event`` stay
    ``None``. ``part_of`` is the index (in the returned list) of the total a figure is a part of.
    A language without a resource file gives ``[]``.
    """
    g = _grammar(language or "")
    if g is None or not text:
        return []
    if not sentences and text.strip():
        from newsdesk.read.sentences import split_sentences

        sentences = split_sentences(text, language)
    low = lower_same_length(text)
    reader = _Reader(text, low, g, language)
    # triggers of the whole text at once; only sentences holding one are read further (a toll
    # phrase, "the death toll has been revised", holds one too)
    found = [(m.start(), m.end(), m.group()) for m in g.triggers.regex.finditer(low)]
    starts = [t[0] for t in found]
    for sent in sentences:
        lo = bisect_left(starts, sent.start)
        hi = bisect_left(starts, sent.end, lo)
        if lo < hi:
            reader.read_sentence(sent, _Triggers(found[lo:hi], low, g))
        elif reader.figures and reader.figures[-1].end >= sent.start - 400 and \
                g.cues.regex.search(low, sent.start, min(sent.end, sent.start + 40)):
            reader.read_sentence(sent, _Triggers([], low, g))  # "They included two soldiers." after the total
    figures = attribute(text, sentences, _in_order(reader.figures), language, lowered=low)
    return not_the_speaker(figures, g)


def _in_order(figures: list[Figure]) -> list[Figure]:
    return reindexed(figures, sorted(range(len(figures)), key=lambda i: (figures[i].start, figures[i].end, i)))
