"""Attribution: who gives a figure, and how (reported, claimed, denied, revised, estimated).

``attribute(text, sentences, figures, language)`` sets each figure's ``claimant`` (the span as
written, "Russia's Defense Ministry", plus its country when known) and ``stance`` from the
sentence that holds it:

* "X said/stated/reported/told/announced", "said X", "according to X", "по данным X",
  "за словами X" -> reported; "X claimed/alleged" -> claimed; "X denies" -> denied;
  "X has revised" / "the toll rose to" -> revised; "estimated", "believed to be" -> estimated;
* a denial of a figure's claim — in a trailing clause ("..., a claim X denies") or in the next
  sentence ("X denied this.") — adds a second figure with the same numbers, stance ``denied``
  and the denier as claimant, appended at the end of the list (so ``part_of`` indexes hold).

Returns the list of figures (the ones passed in, updated, plus any denials).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsdesk.lang import PhraseTable, available_languages, load_lang, lower_same_length
from newsdesk.records import Claimant, Figure, Sentence

__all__ = ["STANCE_PRIORITY", "attribute", "claimant_country"]

STANCE_PRIORITY = {"denied": 5, "revised": 4, "estimated": 3, "claimed": 2, "reported": 1}
_TOKEN = re.compile(r"[\w'\u2019\u02bc]+(?:[-.][\w'\u2019\u02bc]+)*\.?|[^\w\s]")
_MAX_CLAIMANT_WORDS = 7
_WINDOW = 400  # characters around a figure in which its attribution is looked for
_CLAUSE_MARKS = frozenset(",;:()\"“”«»—–")
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_ANTECEDENT_SENTENCES = 3  # how far back "he said" looks for the source it stands for


@dataclass(frozen=True, slots=True)
class _Grammar:
    verbs: PhraseTable  # phrase -> stance
    according: PhraseTable
    cues: PhraseTable  # adverbs and phrases -> stance
    denial_objects: PhraseTable
    sources: PhraseTable
    countries: PhraseTable  # demonyms, country names, organisations -> ISO2
    stop: frozenset[str]
    pronouns: frozenset[str]
    aux: frozenset[str]
    personal: frozenset[str] = frozenset()  # "he", "she": a source named in a sentence before
    agent_by: frozenset[str] = frozenset()  # "by" of "confirmed by UK government officials"
    articles: frozenset[str] = frozenset()  # "an" of "An alleged confrontation": no claimant alone
    not_reporting: PhraseTable | None = None  # "claimed the lives of": a toll, no claim
    party_voice: PhraseTable | None = None  # "our fighters": the text is a party's communiqué
    party_first: tuple[str, ...] = ()  # their first words ("our "), a cheap test before the regex
    holder_verbs: frozenset[str] = frozenset()  # "has" of "Sweden has 17 confirmed dead"


@functools.cache
def _grammar(language: str) -> _Grammar | None:
    if language not in available_languages():
        return None
    res = load_lang(language)
    attr = res.section("attribution")
    verbs: dict[str, str] = {}
    for stance in ("denied", "revised", "estimated", "claimed", "reported"):
        for phrase in attr.get(stance, ()):
            if phrase not in attr.get("according_to", ()):
                verbs.setdefault(phrase, stance)
    cues: dict[str, str] = {}
    for stance, key in (("revised", "revised_cues"), ("estimated", "estimated_cues"), ("claimed", "claimed_cues")):
        for phrase in attr.get(key, ()):
            cues.setdefault(phrase, stance)
    return _Grammar(
        verbs=PhraseTable(verbs),
        according=PhraseTable({p: "reported" for p in attr.get("according_to", ())}),
        cues=PhraseTable(cues),
        denial_objects=PhraseTable({p: True for p in attr.get("denial_pronouns", ())}),
        sources=PhraseTable({p: True for p in attr.get("source_words", ())}),
        countries=PhraseTable(_country_words(language)),
        stop=frozenset(w.lower() for w in attr.get("claimant_stop", ())),
        pronouns=frozenset(w.lower() for w in attr.get("pronouns", ())),
        # single words only: "in total" makes no "in" an auxiliary ("Doctors in Gaza said")
        aux=frozenset(p.lower() for p in res.section("figures").get("auxiliaries", ()) if " " not in p.strip())
        | {"has", "have", "had", "also", "earlier", "later", "now", "then", "further", "again", "previously",
           "уже", "также", "ранее", "вже", "також", "раніше"},
        personal=frozenset(w.lower() for w in attr.get("personal_pronouns", ())),
        agent_by=frozenset(w.lower() for w in res.section("figures").get("agent_by", ())),
        articles=frozenset(w.lower() for w in res.section("numbers").get("articles", ())) | {"the"},
        not_reporting=PhraseTable({p: True for p in attr["not_reporting"]}) if attr.get("not_reporting") else None,
        party_voice=PhraseTable({p: True for p in attr["party_voice"]}) if attr.get("party_voice") else None,
        party_first=tuple(sorted({p.lower().split()[0] + " " for p in attr.get("party_voice", ()) if p.split()})),
        holder_verbs=frozenset(w.lower() for w in attr.get("holder_verbs", ())),
    )


def _country_words(language: str) -> dict[str, str]:
    res = load_lang(language)
    words: dict[str, str] = {}
    for iso, phrases in res.section("attribution").get("organisations", {}).items():
        for p in phrases:
            words.setdefault(p, iso)
    for iso, phrases in res.section("demonyms").items():
        for p in phrases:
            words.setdefault(p, iso)
    if language == "en":
        try:
            import pycountry

            for c in pycountry.countries:
                for name in (getattr(c, "name", None), getattr(c, "common_name", None)):
                    if name and "," not in name and "(" not in name:
                        words.setdefault(name.lower(), c.alpha_2)
        except ImportError:  # pragma: no cover - pycountry is a dependency
            pass
    return words


def claimant_country(claimant_text: str, language: str) -> str | None:
    """The ISO 3166-1 alpha-2 code a claimant belongs to, when its words say ("Russia's Defense
    Ministry" -> RU, "Poland's defense forces" -> PL), else None."""
    g = _grammar(language or "")
    if g is None:
        return None
    m = g.countries.regex.search(claimant_text.lower())
    return g.countries.value(m.group()) if m else None


@dataclass(slots=True)
class _Attribution:
    start: int  # the verb or cue
    end: int
    stance: str
    claimant: Claimant | None
    denial_of_claim: bool = False  # "a claim X denies", "X denied this"


def _words_before(low: str, lo: int, pos: int) -> list[tuple[int, int, str]]:
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(low, max(lo, pos - 120), pos)]
    return toks


class _Sentence:
    def __init__(self, text: str, low: str, sent: Sentence, g: _Grammar, language: str,
                 before: Callable[[], Claimant | None] | None = None) -> None:
        self.text, self.low, self.sent, self.g, self.language = text, low, sent, g, language
        self.before = before  # the source of the sentences before, for "he said" (asked lazily)

    def _claimant(self, start: int, end: int) -> Claimant | None:
        while start < end and not self.text[start].isalnum():
            start += 1
        # a leading preposition is not part of the source: "сообщили в МЧС"
        first = self.low[start:end].split(" ", 1)
        if len(first) == 2 and first[0] in self.g.stop and first[0] not in self.g.pronouns:
            start += len(first[0]) + 1
        while end > start and not self.text[end - 1].isalnum():
            end -= 1
        if end <= start:
            return None
        span = self.text[start:end]
        words = span.lower().split()
        if not words or all(w in self.g.pronouns for w in words) and not span.isupper() or \
                all(w in self.g.articles for w in words):
            return None
        if any(ch.isdigit() for ch in span):
            return None
        # a claimant is a noun phrase: no auxiliary ("were"), no reporting verb, no trigger
        if any(w in self.g.aux for w in words[1:]) or self.g.verbs.regex.search(self.low, start, end):
            return None
        has_source = self.g.sources.regex.search(self.low, start, end) is not None
        has_country = self.g.countries.regex.search(self.low, start, end) is not None
        proper = any(w[:1].isupper() for w in span.split()[1:]) or span[:1].isupper() and (
            start > self.sent.start or self._name_elsewhere(span))
        if not (has_source or has_country or proper):
            return None
        return Claimant(text=span, start=start, end=end, country=claimant_country(span, self.language))

    def _name_elsewhere(self, word: str) -> bool:
        """Whether a sentence-initial capitalised word is a name: the text writes it capitalised
        inside a sentence too ("Perez confirmed" after "Health Minister Nancy Perez")."""
        if " " in word or not word.isalpha() or word.lower() in self.g.pronouns:
            return False
        return re.search(r"[\w,;]\s+" + re.escape(word) + r"(?![\w])", self.text) is not None

    def _before_aux(self, pos: int) -> int:
        """Where the words before ``pos`` end once auxiliaries ("has", "had") are skipped."""
        toks = _words_before(self.low, self.sent.start, pos)
        i = len(toks)
        while i > 0 and toks[i - 1][2] in self.g.aux:
            i -= 1
        return toks[i - 1][1] if i > 0 else pos

    def claimant_before(self, pos: int) -> Claimant | None:
        toks = _words_before(self.low, self.sent.start, pos)
        i = len(toks)
        while i > 0 and toks[i - 1][2] in self.g.aux:
            i -= 1
        if i > 0 and toks[i - 1][2] == ")":
            # "the World Health Organization (WHO) says": the name before the bracket
            k = next((k for k in range(i - 2, -1, -1) if toks[k][2] == "("), None)
            if k is not None and k > 0:
                return self.claimant_before(toks[k][0])
        if i > 1 and toks[i - 1][2] == ",":
            # "Dr. Cordova, the health secretary of Mexico, said": the name before the apposition
            k = next((k for k in range(i - 2, -1, -1) if toks[k][2] in _CLAUSE_MARKS), None)
            if k is not None and toks[k][2] == "," and k > 0 and i - k <= 2 * _MAX_CLAIMANT_WORDS:
                head = self.claimant_before(toks[k][0])
                if head is not None:
                    return head
            return self._claimant(toks[k + 1][0] if k is not None else toks[0][0], toks[i - 1][0]) \
                if k is not None or toks[0][0] >= self.sent.start else None
        end = toks[i - 1][1] if i > 0 else pos
        if any(t[2] in _PASSIVE for t in toks[i:]):
            return None  # "is reported in 33 million people": passive, no source named (but see "by")
        j = i
        while j > 0 and i - j < _MAX_CLAIMANT_WORDS:
            w = toks[j - 1][2]
            if w in self.g.stop and j >= 2 and 0 < j < i and self._capital(toks[j - 2]) and self._capital(toks[j]):
                j -= 1  # "Centers for Disease Control and Prevention"
                continue
            acronym = len(w) > 1 and self.text[toks[j - 1][0]:toks[j - 1][1]].isupper()  # "the WHO"
            if w in _CLAUSE_MARKS or w in self.g.stop and not acronym or any(ch.isdigit() for ch in w):
                break
            j -= 1
        if j == i:
            return None
        # a clause-opening adverb or conjunction is not part of the claimant
        start = toks[j][0]
        return self._claimant(start, end)

    def agent_after(self, pos: int) -> Claimant | None:
        """The agent of a passive reporting verb: "have been confirmed by UK government officials"."""
        nxt = _TOKEN.match(self.low, pos + (1 if self.low[pos:pos + 1] == " " else 0))
        if not self.g.agent_by or nxt is None or nxt.group() not in self.g.agent_by:
            return None
        toks = _words_before(self.low, self.sent.start, pos)
        if len(toks) < 2 or toks[-2][2] not in _PASSIVE:
            return None
        return self.claimant_after(nxt.end())

    def holder(self, pos: int) -> Claimant | None:
        """Who has a count the verb qualifies: "Sweden has 17 confirmed dead" (the verb inside a
        figure, right after its number: the subject before "has" gives it)."""
        toks = _words_before(self.low, self.sent.start, pos)
        if len(toks) < 2 or not any(ch.isdigit() for ch in toks[-1][2]) or toks[-2][2] not in self.g.holder_verbs:
            return None
        return self.claimant_before(toks[-1][0])

    def antecedent(self, pos: int) -> Claimant | None:
        """The source a personal pronoun before a reporting verb stands for ("he also said"): the
        latest claimant of the sentences before, else the subject that opens the one before."""
        if self.before is None or not self.g.personal or \
                not any(p in self.g.personal for p in self.low[max(self.sent.start, pos - 40):pos].split()):
            return None  # no "he"/"she" just before: the common case, decided cheaply
        toks = _words_before(self.low, self.sent.start, pos)
        i = len(toks)
        while i > 0 and toks[i - 1][2] in self.g.aux:
            i -= 1
        if i == 0 or toks[i - 1][2] not in self.g.personal:
            return None
        if i > 1 and toks[i - 2][2] not in _CLAUSE_MARKS and toks[i - 2][2] not in self.g.stop:
            return None
        return self.before()

    def opening_subject(self) -> Claimant | None:
        """The noun phrase that opens this sentence, up to its first auxiliary or reporting verb."""
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.low, self.sent.start,
                                                                            min(self.sent.end, self.sent.start + 200))]
        caps = 0
        while caps < min(len(toks), _MAX_CLAIMANT_WORDS) and self._capital(toks[caps]):
            caps += 1
        if caps >= 2 and caps < len(toks):  # "Governor Ivan Petrov visited": a name in capitals
            named = self._claimant(toks[0][0], toks[caps - 1][1])
            if named is not None:
                return named
        for k, (s, _, w) in enumerate(toks[:_MAX_CLAIMANT_WORDS + 1]):
            if w in self.g.aux or self.g.verbs.regex.match(self.low, s):
                return self._claimant(toks[0][0], toks[k - 1][1]) if k > 0 else None
            if w in _CLAUSE_MARKS or w in self.g.stop:
                return None
        return None

    def _capital(self, tok: tuple[int, int, str]) -> bool:
        return self.text[tok[0]:tok[0] + 1].isupper()

    def claimant_after(self, pos: int) -> Claimant | None:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.low, pos, min(self.sent.end, pos + 150))]
        out = []
        for s, e, w in toks:
            if w in _CLAUSE_MARKS or w in (".", "!", "?") or (w in self.g.stop and out) or any(ch.isdigit() for ch in w):
                break
            out.append((s, e))
            if len(out) >= _MAX_CLAIMANT_WORDS:
                break
        if not out:
            return None
        return self._claimant(out[0][0], out[-1][1])

    def attributions(self) -> list[_Attribution]:
        g, low, sent = self.g, self.low, self.sent
        out: list[_Attribution] = []
        for m in g.according.regex.finditer(low, sent.start, sent.end):
            out.append(_Attribution(m.start(), m.end(), "reported", self.claimant_after(m.end())))
        according = list(out)  # in order, not overlapping
        according_ends = [a.end for a in according]
        for m in g.verbs.regex.finditer(low, sent.start, sent.end):
            k = bisect_right(according_ends, m.start())
            if k < len(according) and according[k].start <= m.start():
                continue  # a verb inside "according to" ("reported by")
            if g.not_reporting is not None and g.not_reporting.regex.match(low, m.start()):
                continue  # "the fire claimed the lives of 12 people": the toll's verb
            stance = g.verbs.value(m.group()) or "reported"
            before = self.claimant_before(m.start())
            claimant = before
            inverted = False
            if claimant is None:
                prev = low[max(sent.start, m.start() - 3):m.start()].strip()
                if not prev or prev[-1:] in ",\"'”’»—":
                    claimant = self.claimant_after(m.end())
                    inverted = claimant is not None
            if claimant is None:
                claimant = self.agent_after(m.end()) or self.antecedent(m.start()) or self.holder(m.start())
            att = _Attribution(m.start(), m.end(), stance, claimant)
            if stance == "denied" and not inverted:
                # "..., a claim Russia denies": the claimant stands between the object and the verb
                head_start = max(sent.start, m.start() - 60)
                obj = None
                for o in g.denial_objects.regex.finditer(low, head_start, m.start()):
                    obj = o
                if obj is not None and not any(ch in _CLAUSE_MARKS for ch in low[obj.end():m.start()]):
                    denier = self._claimant(obj.end(), self._before_aux(m.start()))
                    if denier is not None:
                        att.claimant = denier
                        att.denial_of_claim = True
            if stance == "denied" and not att.denial_of_claim:
                obj = g.denial_objects.regex.match(low, m.end() + (1 if low[m.end():m.end() + 1] == " " else 0))
                if obj:
                    att.denial_of_claim = True  # "Russia denied this", "отверг эти данные"
            out.append(att)
        for m in g.cues.regex.finditer(low, sent.start, sent.end):
            if g.not_reporting is not None and g.not_reporting.regex.match(low, m.start()):
                continue
            out.append(_Attribution(m.start(), m.end(), g.cues.value(m.group()) or "reported", None))
        return out


def attribute(text: str, sentences: list[Sentence], figures: list[Figure], language: str, *,
              lowered: str | None = None) -> list[Figure]:
    """Set ``claimant`` and ``stance`` of ``figures`` (in place) from their sentences; return
    them with the denial figures appended (see the module doc). Unknown languages: unchanged.
    ``lowered`` is ``lower_same_length(text)`` when the caller has it."""
    g = _grammar(language or "")
    if g is None or not figures:
        return figures
    low = lowered if lowered is not None and len(lowered) == len(text) else lower_same_length(text)
    by_sentence: dict[int, list[int]] = {}
    si = 0
    for fi, fig in enumerate(figures):
        while si < len(sentences) and sentences[si].end <= fig.start:
            si += 1
        if si < len(sentences) and sentences[si].start <= fig.start:
            by_sentence.setdefault(si, []).append(fi)
    denials: list[Figure] = []
    def source_before(si: int) -> Claimant | None:
        for back in range(1, _ANTECEDENT_SENTENCES + 1):
            if si - back < 0:
                break
            prev = _Sentence(text, low, sentences[si - back], g, language)
            named = [a.claimant for a in prev.attributions() if a.claimant is not None]
            if named:
                return named[-1]
            if back == 1:
                subject = prev.opening_subject()
                if subject is not None:
                    return subject
        return None

    for si, indexes in by_sentence.items():
        reader = _Sentence(text, low, sentences[si], g, language, before=functools.partial(source_before, si))
        atts = reader.attributions()
        claimers = [a for a in atts if not a.denial_of_claim]
        deniers = [a for a in atts if a.denial_of_claim]
        if not deniers and si + 1 < len(sentences) and si + 1 not in by_sentence:
            nxt = _Sentence(text, low, sentences[si + 1], g, language).attributions()
            deniers = [a for a in nxt if a.stance == "denied" and a.denial_of_claim and a.claimant is not None]
        claimers.sort(key=lambda a: a.start)
        claimer_starts = [a.start for a in claimers]
        for fi in indexes:
            fig = figures[fi]
            # only what is said near the figure (a bad input may be one huge "sentence")
            lo = bisect_left(claimer_starts, fig.start - _WINDOW)
            hi = bisect_left(claimer_starts, fig.end + _WINDOW)
            _apply(fig, claimers[lo:hi], low)
            for d in deniers:
                if d.claimant is None:
                    continue
                if fig.stance == "reported":
                    fig.stance = "claimed"
                denials.append(replace(fig, claimant=d.claimant, stance="denied", part_of=None))
    if _party_voice(text, low, g):
        # a party's communiqué ("our fighters annihilated that position"): what it states in its
        # own voice about its action or the enemy's losses is a claim (docs/annotation-guide.md)
        for fig in figures:
            if fig.stance == "reported" and fig.claimant is None:
                fig.stance = "claimed"
    return figures + denials


_QUOTES = "\"“”«»"


def _party_voice(text: str, low: str, g: _Grammar) -> bool:
    """Whether the text speaks as a party to the conflict: a first-person military phrase ("our
    fighters", "our forces") outside quotation marks."""
    if g.party_voice is None:
        return False
    for first in g.party_first:  # the phrases' first words, found by str.find (cheap)
        i = low.find(first)
        while i >= 0:
            m = g.party_voice.regex.match(low, i)
            if m is not None and sum(text.count(q, 0, i) for q in _QUOTES) % 2 == 0:
                return True
            i = low.find(first, i + 1)
    return False


def _apply(fig: Figure, atts: list[_Attribution], low: str) -> None:
    if not atts:
        return
    mid = (fig.start + fig.end) / 2
    with_claimant = [a for a in atts if a.claimant is not None]
    if with_claimant:
        nearest = min(with_claimant, key=lambda a: abs((a.start + a.end) / 2 - mid))
        fig.claimant = nearest.claimant
    stance = fig.stance
    for a in atts:
        if STANCE_PRIORITY.get(a.stance, 0) > STANCE_PRIORITY.get(stance, 0):
            # a stance word far from the figure (another clause) does not change it, except revisions
            if a.claimant is None and a.stance != "revised" and not _same_clause(a, fig, low):
                continue
            stance = a.stance
    fig.stance = stance


_CLAUSE_BREAK = re.compile(r"[,;:()]|\s(?:and|but|while|whereas|и|а|но|і|та|але)\s")


def _same_clause(a: _Attribution, fig: Figure, low: str) -> bool:
    """Whether a stance word with no claimant bears on a figure: inside it, just before it, or
    after it in the same clause ("five are believed to be dead")."""
    if a.start < fig.end and fig.start < a.end:
        return True
    if a.end <= fig.start:
        gap = low[a.end:fig.start].lstrip()
        gap = gap.removeprefix(",")  # an opening phrase: "По предварительным данным, ..."
        return len(gap) <= 25 and not _CLAUSE_BREAK.search(gap)
    return a.start - fig.end <= 40 and not _CLAUSE_BREAK.search(low, fig.end, a.start)
