"""Figures: parts, lists, zeros and guessed nouns (the :class:`PartsReader` half of
:mod:`newsdesk.extract.figures`' reader), and the vocabulary of what a figure counts.

Split from :mod:`newsdesk.extract.figures` so each module stays readable. ``PartsReader`` holds
the rules that relate a number to the figures around it: "21 of the 49 drones" (a part and its
whole), "21 of them" and "including two children" (subsets), "three reporters, two salvadorans
and a netherlander" (lists), "no casualties" (zeros), "captured 23 pirates" (a plural noun outside
the subject list), and a revision with no number. It works on the reader's state (``figures``,
``text``, ``low``, ``g``) and calls the reader's word-walking methods.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.extract.figure_grammar import Grammar
from newsdesk.extract.figure_grammar import adjectival as _adjectival
from newsdesk.read.numbers import NumberMention
from newsdesk.records import Figure, Sentence

if TYPE_CHECKING:
    from newsdesk.extract.figures import _Triggers

__all__ = ["ANIMAL_SUBJECTS", "OBJECT_SUBJECTS", "PERSON_CATEGORIES", "PERSON_SUBJECTS", "WEAPON_SUBJECTS",
           "PartsReader", "fits", "not_the_speaker", "reindexed"]

PERSON_CATEGORIES = frozenset(
    {"killed", "injured", "missing", "kidnapped", "arrested", "displaced", "evacuated", "affected"}
)
PERSON_SUBJECTS = frozenset(
    {"people", "civilians", "children", "women", "men", "soldiers", "police", "fighters", "journalists", "medics", "workers"}
)
WEAPON_SUBJECTS = frozenset({"drones", "missiles", "aircraft"})
OBJECT_SUBJECTS = frozenset({"buildings", "vehicles", "ships"})
# animals dead, culled or infected are figures (docs/annotation-guide.md) but no event's toll
ANIMAL_SUBJECTS = frozenset({"animals"})
_MUNITIONS = frozenset({"missiles", "drones"})  # what "landed" or "fell" tells a hit of
_ANIMAL_CATEGORIES = frozenset({"killed", "affected", "missing"})
_ASIDE = re.compile(r"\s*(?:--[^-\n]{1,60}?--|\u2014[^\u2014\n]{1,60}?\u2014|\([^()\n]{1,60}\))")
_OF_THE = re.compile(r"\s+of\s+(?:the|those|these|our|their|its|his|her)\s+")


def fits(category: str, subject: str | None) -> str | None:
    """The category a trigger gives to a subject, or None when they do not go together."""
    if category == "other":  # "20 casualties": people killed or wounded
        return category if subject is None or subject in PERSON_SUBJECTS else None
    if subject is None:
        return category if category in PERSON_CATEGORIES or category == "intercepted" else None
    if subject in PERSON_SUBJECTS:
        return category if category in PERSON_CATEGORIES else None
    if subject in ANIMAL_SUBJECTS:
        return category if category in _ANIMAL_CATEGORIES else None
    if subject in WEAPON_SUBJECTS:
        if category in ("launched", "intercepted", "hit"):
            return category
        return "intercepted" if category == "destroyed" else None
    if subject in OBJECT_SUBJECTS:
        if category in ("damaged", "destroyed", "hit"):
            return category
        return "intercepted" if category == "intercepted" and subject == "aircraft" else None
    return None


def not_the_speaker(figures: list[Figure], g: Grammar) -> list[Figure]:
    """Without the one-person figures that are their own claimant: in "A government official
    initially reported deaths" the official is who speaks, not one of the dead. (A number the
    claimant span runs over, "fifty five deaths outside of China reports the CDC", stays.)"""
    drop = {i for i, f in enumerate(figures)
            if f.claimant is not None and f.value == 1 and f.claimant.start <= f.start < f.claimant.end
            and f.text.split(maxsplit=1)[0].lower() in g.list_articles}
    if not drop:
        return figures
    return reindexed(figures, [i for i in range(len(figures)) if i not in drop])


def reindexed(figures: list[Figure], order: list[int]) -> list[Figure]:
    """The figures at the indexes ``order``, in that order, each ``part_of`` pointing to its
    total's new index (None when the total is not kept)."""
    new_index = {old: new for new, old in enumerate(order)}
    out = []
    for old in order:
        f = figures[old]
        if f.part_of is not None:
            f.part_of = new_index.get(f.part_of)
        out.append(f)
    return out


@dataclass(slots=True)
class _Noun:
    subject: str | None = None
    end: int = 0  # end of the noun (or of the number when none)
    adjacent: str | None = None  # a trigger right after the number: "28 wounded"
    adjacent_end: int = 0
    not_counted: bool = False
    unknown: bool = False  # followed by a noun that is not a known subject: "two clashes"
    guess_end: int | None = None  # end of that unknown plural noun ("23 pirates"), when it is one
    guess: str | None = None  # the unknown plural noun itself


_fits = fits


class PartsReader:
    """The rules of parts, lists and zeros; mixed into the figures reader (see the module doc)."""

    text: str
    low: str
    g: Grammar
    figures: list[Figure]

    def _listed_after(self, m: NumberMention, first_here: int) -> str | None:
        """The category of the figure this number follows in a list ("three reporters, two
        salvadorans and a netherlander"), when only a list joiner stands between them."""
        if len(self.figures) <= first_here or first_here < 0:
            return None
        prev = self.figures[-1]
        if prev.end > m.start or prev.value is None or prev.category not in PERSON_CATEGORIES:
            return None
        gap = self.low[prev.end:m.start].strip()
        if gap not in self.g.list_joiners:
            # "thirteen cases, three in Texas, two in Kansas": a place after each item
            words = self.text[prev.end:m.start].split()
            if len(words) < 2 or words[0].lower() not in self.g.place_preps or \
                    " ".join(words[-1:]).lower() not in self.g.list_joiners and not words[-1].endswith(","):
                return None
            names = [w.rstrip(",") for w in words[1:]]
            names = [w for w in names if w and w.lower() not in self.g.list_joiners]
            if not names or len(names) > 4 or not all(w[:1].isupper() for w in names):
                return None
        return prev.category

    def _of_the_trigger(self, m: NumberMention, noun: _Noun, sent: Sentence) -> None:
        """"11 of the injured": a part of a group named by a trigger takes its category (a verb
        after the group still wins: "two of the wounded died")."""
        om = _OF_THE.match(self.low, m.end, sent.end)
        if om is None:
            return
        tm = self.g.triggers.regex.match(self.low, om.end(), sent.end)
        if tm is None:
            # "all six of the members killed", "two of our comrades were killed": a group, then
            # its trigger
            g = self.g
            sm = g.subjects.regex.match(self.low, om.end(), sent.end)
            group_end = sm.end() if sm else None
            if sm is None:
                first = self._tokens(om.end(), sent.end, 1)
                if first and first[0][2].isalpha() and first[0][2].endswith(g.plural_suffixes or ("\0",)) and \
                        not first[0][2].endswith(g.plural_exceptions) and first[0][2] not in g.stop | g.aux:
                    group_end = first[0][1]
            if group_end is None:
                return
            nxt = self._tokens(group_end, sent.end, 1)
            tm = g.triggers.regex.match(self.low, nxt[0][0], sent.end) if nxt else None
            if tm is not None and _adjectival(tm.group()):
                noun.adjacent, noun.adjacent_end = g.triggers.value(tm.group()), tm.end()
                noun.subject = g.subjects.value(sm.group()) if sm else None
                noun.end = tm.end()
                return
            post = self.trigger_after(group_end, sent.end)
            between = self.low[group_end:post[1]].split() if post else []
            if post and between and between[0] in g.passive:
                noun.adjacent, noun.adjacent_end = post[0], group_end
                noun.subject = g.subjects.value(sm.group()) if sm else None
                noun.end = m.end
            return
        post = self.trigger_after(tm.end(), sent.end)
        nxt = self._tokens(tm.end(), sent.end, 1)
        sub = self.g.subjects.regex.match(self.low, nxt[0][0], sent.end) if nxt else None
        end = sub.end() if sub else tm.end()
        if sub is None and nxt and nxt[0][2].isalpha() and nxt[0][2].endswith(self.g.plural_suffixes or ("\0",)) \
                and nxt[0][2] not in self.g.stop and nxt[0][2] not in self.g.aux:
            end = nxt[0][1]  # "of the wounded subversives"
        if post is None and end > tm.end() or sub is not None:
            post = self.trigger_after(end, sent.end)
        noun.adjacent, noun.adjacent_end = (post[0], m.end) if post else (self.g.triggers.value(tm.group()), m.end)
        noun.subject = self.g.subjects.value(sub.group()) if sub else None
        noun.end = m.end
        if post:
            noun.adjacent_end = end  # the verb after the group is searched from its end

    def _zeros(self, sent: Sentence, triggers: _Triggers, first_here: int) -> None:
        """"no casualties", "no one was killed", "none were injured": a count of zero."""
        g = self.g
        if g.zero_words is None or g.zero_words.search(self.low, sent.start, sent.end) is None:
            return
        taken = [(f.start, f.end) for f in self.figures[first_here:]]
        for i, ts in enumerate(triggers.starts):
            cat = triggers.category(i)
            if cat is None or cat not in PERSON_CATEGORIES | {"other"}:
                continue
            head = self.low[max(sent.start, ts - 40):ts]
            words = head.split()
            start = None
            if words and words[-1] in g.zero_before and head.endswith(" "):
                start = ts - len(head) + head.rfind(words[-1])  # "no casualties"
            elif len(words) >= 2 and words[-2] in g.zero_before and words[-1].isalpha() and \
                    words[-1] not in g.stop and head.endswith(" "):
                start = ts - len(head) + head.rfind(" ".join(words[-2:]))  # "no human cases"
            else:
                k = len(words)
                while k > 0 and words[k - 1] in g.aux:
                    k -= 1
                for n in (2, 1):
                    if k >= n and " ".join(words[k - n:k]) in g.zero_subjects and k < len(words):
                        start = ts - len(head) + head.rfind(" ".join(words[k - n:]))
                        break
            if start is None or start < 0:
                continue
            end = triggers.ends[i]
            if any(a < end and start < b for a, b in taken):
                continue
            self.figures.append(Figure(start, end, self.text[start:end], cat, 0, 0, 0, "exact",
                                       g.default_subject))
            taken.append((start, end))

    def _guessed(self, m: NumberMention, noun: _Noun, triggers: _Triggers,
                 mentions: list[NumberMention], sent: Sentence) -> None:
        """A plural noun outside the subject list counts people when a person trigger governs it
        as its object ("captured 23 pirates") or in the passive ("five judges have been killed");
        an active verb after it ("two clashes killed") makes it the agent, and no figure."""
        if noun.guess_end is None:
            return
        category = None
        pre = self._pre_trigger(m, triggers, mentions, sent)
        if pre and pre[1] and not self._own_predicate(noun.guess_end, sent.end):
            category = pre[0]
        else:
            post = self.trigger_after(noun.guess_end, sent.end)
            if post is not None:
                aside = _ASIDE.match(self.low, noun.guess_end, sent.end)
                between = self.low[aside.end() if aside else noun.guess_end:post[1]].split()
                if between and between[0] in self.g.relatives:
                    between = between[1:]  # "the two brothers who were killed"
                if between and (between[0] in self.g.conjoined or between[0] in self.g.of_object):
                    # "one Australian and one English climber have fallen": the list's next item;
                    # "two leaders of a polygamous group have been arrested": what they belong to
                    k = next((k for k, w in enumerate(between) if w in self.g.passive), len(between))
                    between = between[k:]
                if between and all(w in self.g.aux for w in between) and between[0] in self.g.passive:
                    category = post[0]
                elif not between and _adjectival(self.low[post[1]:post[2]]) and not self._active(post[2], sent.end):
                    category = post[0]  # a headline's passive: "Two climbers killed", "2 leaders arrested"
        if category is None:
            category = self._listed_after(m, len(self.figures) - 1 if self.figures else 0)
        if category not in PERSON_CATEGORIES:
            return
        fig = self._figure(m.start, noun.guess_end, m, category, noun.guess)
        self.figures.append(fig)

    def _of_them(self, m: NumberMention, triggers: _Triggers, mentions: list[NumberMention],
                 sent: Sentence) -> bool:
        """"49 drones ..., 21 of them were shot down": a part of the figure just before."""
        toks = self._tokens(m.end, sent.end, 1)
        if not toks or not self.figures:
            return False
        ot = self.g.of_them.regex.match(self.low, toks[0][0], sent.end)
        if ot is None:
            return False
        parent_index = len(self.figures) - 1
        parent = self.figures[parent_index]
        if parent.value is None or parent.end > m.start or m.start - parent.end > 120:
            return False
        post = self.trigger_after(ot.end(), sent.end)
        pre = self._pre_trigger(m, triggers, mentions, sent)
        options = [c for c in (post[0] if post else None, pre[0] if pre and pre[1] else None, parent.category) if c]
        for cat in options:
            category = _fits(cat, parent.subject)
            if category:
                end = post[2] if post and post[0] == cat else ot.end()
                fig = self._figure(m.start, end, m, category, parent.subject)
                fig.part_of = parent_index
                self.figures.append(fig)
                return True
        return True

    def _part_and_whole(self, part: NumberMention, whole: NumberMention, triggers: _Triggers,
                        mentions: list[NumberMention], sent: Sentence) -> None:
        noun = self.noun_after(whole.end, sent.end, False)
        if noun.not_counted:
            return
        pre = self._pre_trigger(part, triggers, mentions, sent)
        if pre is not None and not pre[1]:
            pre = None
        post = self.trigger_after(max(noun.end, noun.adjacent_end), sent.end)
        part_cat = _fits(pre[0], noun.subject) if pre else None
        whole_cat = None
        if part_cat is not None:
            if post:
                whole_cat = _fits(post[0], noun.subject)
            if whole_cat is None and part_cat in ("intercepted", "hit") and noun.subject in WEAPON_SUBJECTS:
                whole_cat = "launched"
        elif post:
            part_cat = _fits(post[0], noun.subject)
            if part_cat is not None and not noun.adjacent and not self.low[max(noun.end, whole.end):post[1]].strip():
                whole_cat = part_cat  # "one of 12 people killed": the whole is what the trigger says
        if part_cat is None and noun.adjacent:
            part_cat = _fits(noun.adjacent, noun.subject)
        if whole_cat is None and noun.adjacent and part_cat is not None:
            # "two of the 12 initially killed", "111 of the 163 recorded deaths"; "two of the 12
            # hostages were killed" gives 12 kidnapped too
            whole_cat = _fits(noun.adjacent, noun.subject)
        end = max(noun.end, whole.end)
        whole_index = None
        if whole_cat is not None:
            whole_index = len(self.figures)
            self.figures.append(self._figure(whole.start, end, whole, whole_cat, noun.subject))
        if part_cat is not None:
            fig = self._figure(part.start, end, part, part_cat, noun.subject)
            fig.part_of = whole_index
            self.figures.append(fig)

    def _subset_parent(self, m: NumberMention, sent: Sentence, first_here: int) -> int | None:
        if not self.figures:
            return None
        last = len(self.figures) - 1
        prev = self.figures[last]
        if prev.end > m.start or prev.value is None:
            return None
        if last >= first_here:
            gap_start = prev.end
        elif prev.end >= sent.start - 400:
            gap_start = sent.start  # "Among them were two children." after the total's sentence
        else:
            return None
        cue = self.g.cues.regex.search(self.low, gap_start, m.start)
        if cue is None or m.start - cue.end() > 25:
            return None
        if prev.part_of is not None:
            return prev.part_of
        return last

    def _list_items(self, pos: int, sent: Sentence, parent: int, category: str) -> None:
        """"among them two boys and a security adviser": each item with an article counts one."""
        g = self.g
        if not g.list_articles:
            return
        while True:
            toks = self._tokens(pos, sent.end, 8)
            if len(toks) < 3 or toks[0][2] not in g.list_joiners:
                return
            k = 1
            if toks[0][2] == "," and toks[1][2] in g.list_joiners:
                k = 2
            if toks[k][2] not in g.list_articles:
                return
            words = []
            for s, e, word in toks[k + 1:k + 4]:
                if not word[0].isalnum() or word in g.stop:
                    break
                words.append((s, e, word))
            if not words:
                return
            sm = None
            for s, _, _ in words:
                sm = g.subjects.regex.match(self.low, s, sent.end)
                if sm:
                    break
            if sm:
                subject, end = g.subjects.value(sm.group()), sm.end()
            elif words[-1][2].endswith(g.person_suffixes) and category in PERSON_CATEGORIES:
                kept = [w for _, _, w in words if not any(ch.isdigit() for ch in w)]  # drop "14-year-old"
                subject, end = " ".join(kept), words[-1][1]
            else:
                return
            if _fits(category, subject if subject in PERSON_SUBJECTS | WEAPON_SUBJECTS | OBJECT_SUBJECTS else None) is None:
                return
            start = toks[k][0]
            fig = Figure(start, end, self.text[start:end], category, 1, 1, 1, "exact", subject)
            fig.part_of = parent
            self.figures.append(fig)
            pos = end

    def _revision_without_number(self, sent: Sentence) -> None:
        g = self.g
        rev = g.revised.regex.search(self.low, sent.start, sent.end)
        if rev is None:
            return
        toll = g.tolls.regex.search(self.low, sent.start, sent.end)
        if toll is None:
            return
        category = g.tolls.value(toll.group())
        s, e = toll.start(), toll.end()
        fig = Figure(s, e, self.text[s:e], category, None, None, None, "exact", g.default_subject, stance="revised")
        self.figures.append(fig)

    def _after_suspect_clause(self, pos: int, limit: int, triggers: _Triggers) -> str | None:
        """"A man suspected of shooting three people ... was arrested": the category of the main
        verb after a reduced relative clause opened by "suspected of", "accused of" (the first
        passive person trigger whose auxiliary has no subject of its own: not "he was fired")."""
        g = self.g
        if g.suspect_clauses is None or g.suspect_clauses.match(self.low, pos, limit) is None:
            return None
        toks = self._tokens(pos, limit, 48)
        for k, (s, _, word) in enumerate(toks):
            if word not in g.passive or k == 0 or toks[k - 1][2] in g.clause_subjects:
                continue
            for s2, _, w2 in toks[k + 1:k + 4]:
                i = bisect_left(triggers.starts, s2)
                if i < len(triggers.starts) and triggers.starts[i] == s2:
                    category = triggers.category(i)
                    if category in PERSON_CATEGORIES:
                        return category  # a passive: no object after it ("was arrested a few hours later")
                    break
                if w2 not in g.aux:
                    break
        return None

    def _pairs(self, sent: Sentence, first_here: int, triggers: _Triggers) -> None:
        """"wounding both", "both men were killed", "both died": a pair word counts two people,
        when it stands for them; "both civilians and soldiers" joins two groups and counts none."""
        g = self.g
        for pm in g.pair_words.finditer(self.low, sent.start, sent.end):  # type: ignore[union-attr]
            start, end = pm.span()
            if any(f.start < end and start < f.end for f in self.figures[first_here:]):
                continue
            before = self.low[max(sent.start, start - 20):start].split()
            if before and before[-1] in g.aux:
                continue  # "the two men were both killed": the count is the men's
            om = g.of_them.regex.match(self.low, end, sent.end) if self.low[end:end + 1] == " " else None
            if om is None and self.low[end:end + 1] == " ":
                om = g.of_them.regex.match(self.low, end + 1, sent.end)
            if om is not None:
                after = self._tokens(om.end(), sent.end, 1)
                if after and after[0][2][0].isalpha() and after[0][2] not in g.aux:
                    continue  # "both of these cases": a determiner, the noun says what is counted
                end = om.end()  # "both of them"
            nxt = self._tokens(end, sent.end, 3)
            first = nxt[0][2] if nxt else ""
            subject = g.default_subject
            sm = g.subjects.regex.match(self.low, nxt[0][0], sent.end) if nxt and first[0].isalpha() else None
            if sm is not None and not g.triggers.regex.match(self.low, nxt[0][0], sent.end):
                subject = g.subjects.value(sm.group())
                if subject not in PERSON_SUBJECTS:
                    continue
                end = sm.end()
                after = self._tokens(end, sent.end, 1)
                first = after[0][2] if after else ""
            joins = first in g.conjoined or first in g.list_joiners
            if joins and sm is not None:
                continue  # "both civilians and soldiers were killed": two groups, no count
            post = self.trigger_after(end, sent.end, relatives=False)
            if post is not None and not self._active(post[2], sent.end):
                category = post[0]
            elif sm is None and (not first or not first[0].isalnum() or joins):
                category = self._trigger_before(start, triggers)  # "wounding both ,"
            else:
                continue
            if category not in PERSON_CATEGORIES:
                continue
            self.figures.append(Figure(start, end, self.text[start:end], category, 2, 2, 2, "exact", subject))

    def _toll_head(self, ts: int, te: int) -> bool:
        """Whether a plural trigger noun is headed by "the number of" ("the total number of
        confirmed swine flu cases"): at most three words between, none a function word."""
        g = self.g
        if g.toll_heads is None or not self.low[ts:te].endswith(g.plural_suffixes or ("\0",)):
            return False
        head = None
        for head in g.toll_heads.regex.finditer(self.low, max(0, ts - 60), ts):
            pass
        if head is None:
            return False
        between = self.low[head.end():ts].split()
        return len(between) <= 3 and not any(w in g.stop or not w.isalpha() for w in between)

    def _table_row(self, m: NumberMention, triggers: _Triggers, sent: Sentence) -> str | None:
        """A bare number in a table of tolls after a colon ("the numbers of dead: Sri Lanka -
        approximately 28,500, India - more than 7,700"): each row is a name, a dash and the number;
        it takes the category of the trigger before the colon."""
        g = self.g
        if not g.table_dashes:
            return None
        colon = self.low.rfind(":", sent.start, m.start)
        if colon < 0:
            return None
        i = bisect_right(triggers.ends, colon) - 1
        if i < 0 or triggers.starts[i] < sent.start:
            return None
        category = triggers.category(i)
        if category not in PERSON_CATEGORIES:
            return None
        row = self.text[colon + 1:m.start].split(",")[-1].split()
        if len(row) < 2 or row[-1] not in g.table_dashes or not all(w[:1].isupper() for w in row[:-1]):
            return None
        return category

    def _munition_only(self, start: int, end: int, subject: str | None) -> bool:
        """Whether the trigger ending at ``end`` tells a hit only of munitions ("three shells
        landed") and ``subject`` is none ("two planes landed")."""
        if not self.g.munition_only or subject in _MUNITIONS:
            return False
        words = self.low[start:end].split()
        return any(" ".join(words[k:]) in self.g.munition_only for k in range(len(words)))

    def _munitions_of(self, m: NumberMention, noun: _Noun, first_here: int, limit: int) -> int | None:
        """A bare number that counts munitions: "two of the bombs fell" (the noun after "of the"),
        "four bombs were dropped - two landed inside the camp" (a hit of the munitions just
        counted: the index of that figure, the whole it is a part of). Sets ``noun``'s subject."""
        if noun.subject is not None or noun.unknown:
            return None
        om = _OF_THE.match(self.low, m.end, limit)
        if om is not None and not noun.adjacent:
            sm = self.g.subjects.regex.match(self.low, om.end(), limit)
            if sm is not None and self.g.subjects.value(sm.group()) in _MUNITIONS:
                noun.subject, noun.end = self.g.subjects.value(sm.group()), sm.end()
            return None
        if noun.adjacent and self._munition_only(m.end, noun.adjacent_end, None):
            for k in range(len(self.figures) - 1, max(first_here, 0) - 1, -1):
                f = self.figures[k]
                if f.subject in _MUNITIONS and f.end <= m.start and (f.value is None or f.value >= (m.value or 0)):
                    noun.subject = f.subject
                    return k
        return None

    def _remainder_of(self, m: NumberMention, subject: str | None, sent: Sentence) -> int | None:
        """"the other two bombs were dropped near the airstrip": the rest of a whole counted before
        (the latest figure of the same subject, no smaller, in this sentence or the one before)."""
        g = self.g
        if not g.remainder_before or subject is None or m.value is None:
            return None
        head = self.low[max(sent.start, m.start - 30):m.start].split()
        if " ".join(head[-2:]) not in g.remainder_before and " ".join(head[-1:]) not in g.remainder_before:
            return None
        for k in range(len(self.figures) - 1, -1, -1):
            f = self.figures[k]
            if f.end < sent.start - 400:
                break
            if f.subject == subject and f.part_of is None and f.value is not None and f.value > m.value \
                    and f.end <= m.start:
                return k
        return None

