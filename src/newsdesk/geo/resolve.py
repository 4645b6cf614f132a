"""Find the places a text names and say which ones they are (a pure stage).

Recognition: capitalised token n-grams (up to five tokens, lower-case connectors inside)
looked up in the gazetteer, the longest match winning; dotted abbreviations ("U.S.",
"W.Va.") and "City, St." patterns; ALL-CAPS only in datelines ("CHARLESTON, W.Va. --") and
for a few acronyms; Russian/Ukrainian case endings stripped when a word is not found.
Natural features take their namesake's point ("Neches River", "Lake Opechee"); a direction
joins the name of a large area ("Northern Europe").
Rejected: common words (``lexicon.STOPWORDS``), names inside a longer proper name or after
a title or given name ("Gov. Georgia Smith", "Chiquita Raquel Henry"), surnames in speech
and age patterns ("Baker said", "Williams, 41,"), organisations and diseases named after a
place ("New York Times", "Marburg virus"), streets, and later mentions of a small place's
name already seen as a person's.

Resolution (linear in the number of mentions): each candidate gets a prior (population,
feature kind, whether the name is its main one), then votes from the document: countries and
first-level divisions that the article's other places fall in (each distinct name votes
once; a mention is scored against the totals minus its own vote), "Springfield, Illinois",
"Alexandria, La." and "Greenlane, Auckland" patterns (hard constraints), the outlet's home
region (:class:`HomeRegion`), and one sense per name per document. A town under
``MINOR_POPULATION`` is kept only with support: a pattern, its division named in the text
or being the outlet's, or another place of the text within ``NEAR_KM``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from newsdesk.geo import lexicon
from newsdesk.geo.build import KINDS
from newsdesk.geo.gazetteer import Gazetteer
from newsdesk.geo.home import HomeRegion, home_from_url, infer_home
from newsdesk.geo.tokenise import Tokens, fold_token, stem_keys
from newsdesk.options import Options
from newsdesk.records import Place

__all__ = ["HomeRegion", "find_places", "home_from_url", "infer_home"]

MAX_TOKENS = 5
_GAPS = frozenset((" ", "\u00a0", "-", ".", ". ", "'", "’", ".-"))  # what may join the words of a name
_ACRONYMS = frozenset({"US", "UK", "USA", "UAE", "DRC", "NSW", "PRC", "DPRK", "РФ", "США"})
_DOTTED = frozenset({*lexicon.STATE_ABBREVIATIONS, *(a for v in lexicon.COUNTRY_ALIASES.values() for a in v
                                                       if a.endswith("."))})
_STATE_AFTER_COMMA = re.compile(
    r", ?(" + "|".join(re.escape(a) for a in sorted(lexicon.STATE_ABBREVIATIONS, key=len, reverse=True))
    + r"|[A-Z]{2}(?![\w.]))")
_DATELINE_AFTER = re.compile(r"^(?:,[^\n]{0,25}?)?\s*(?:--|—|–|-\s|:|\(AP\)|\(Reuters\))")
_PERSON_TITLES = lexicon.PERSON_TITLES
_STOPWORDS, _MULTIWORD_STOP, _DEMONYMS = lexicon.STOPWORDS, lexicon.MULTIWORD_STOP, lexicon.DEMONYMS
_FEATURE_AFTER, _FEATURE_BEFORE, _DIRECTIONS = lexicon.FEATURE_AFTER, lexicon.FEATURE_BEFORE, lexicon.DIRECTIONS
# a word before a name that makes it a place even when "said" follows ("in Alberta said")
_LOCATIVE = frozenset(["in", "from", "across", "throughout", "near", "outside", "inside"])
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lady", "lord"])  # only ever before a person
_K_ADMIN1, _K_COUNTRY, _K_CONTINENT = KINDS.index("admin1"), KINDS.index("country"), KINDS.index("continent")
_K_CAPITAL = KINDS.index("capital")
_K_TOP = frozenset(KINDS.index(k) for k in ("country", "continent", "region"))
_KIND_BONUS = {"country": 3.0, "continent": 3.0, "region": 2.5, "admin1": 2.0, "capital": 1.0,
               "admin2": 1.5, "city": 0.0, "town": -0.6}
# Countries that write their place names in Cyrillic (where a Cyrillic name at a sentence start is
# most likely meant as a place)
_CYRILLIC_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "TJ", "BG", "RS", "MK", "MN", "ME", "BA", "MD"})
MINOR_POPULATION = 30000  # a town smaller than this needs support from the document or the outlet
NEAR_KM = 60.0  # ... such as another place of the text this close
# weights of the resolution score (set on the even halves of LGL and GeoVirus)
W = {"pop": 0.4, "prominent": 2.0, "weak": 1.2, "country": 1.4, "admin": 1.5, "home_admin": 5.0,
     "home_country": 2.0, "home_name": 1.5}


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    key: str
    cands: list[int]  # gazetteer rows
    weak: set[int]
    first_tok: int
    last_tok: int
    forced: set[int] | None = None  # rows allowed by a "City, State" pattern
    container: bool = False  # this mention is the State of a "City, State"
    demonym: bool = False
    abbreviation: bool = False
    word: str | None = None  # a one-word name that may also be a common word ("green", "reading")
    inflected: bool = False  # found through a Russian/Ukrainian case ending ("России")
    choice: int = -1
    score: float = 0.0


# --- recognition ------------------------------------------------------------------------------


def _sentence_initial(text: str, toks: Tokens, i: int) -> bool:
    if i == 0:
        return True
    k = toks[i].start - 1
    while k >= 0 and text[k] in " \t\"“‘'(":
        k -= 1
    if k >= 0 and text[k] == "." and (toks[i - 1].key in _PERSON_TITLES or len(toks[i - 1].text) == 1):
        return False  # "Const. Kwesi Millington", "L. Dale Harley": an abbreviation, not a sentence end
    return k < 0 or text[k] in ".!?\n:;—-"


def _caps_ok(text: str, toks: Tokens, i: int, j: int) -> bool:
    """An ALL-CAPS span is read only in a dateline, at a line start, or as a known acronym."""
    surface = text[toks[i].start:toks[j].end]
    if surface in _ACRONYMS:
        return True
    if "." in surface and all(len(toks[k].text) <= 2 for k in range(i, j + 1)):  # U.S., D.C.
        return True
    after = text[toks[j].end:toks[j].end + 40]
    if _DATELINE_AFTER.match(after):
        return True
    # a headline in capitals: the whole line is upper case
    line_start = text.rfind("\n", 0, toks[i].start) + 1
    line_end = text.find("\n", toks[j].end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return len(line) >= 12 and line == line.upper() and line != line.lower()


def _recognise(text: str, toks: Tokens, gaz: Gazetteer, language: str | None, demonyms: bool) -> list[_Mention]:
    mentions: list[_Mention] = []
    n = len(toks)
    cyr = language in ("ru", "uk", "be", "bg", "sr", None)
    index_get = gaz.index.get
    spans = toks.spans
    decoded: dict[tuple[int, ...], tuple[list[int], set[int]]] = {}
    stems: dict[str, tuple[str, tuple[int, ...]] | None] = {}
    skip_to = 0
    prefixes = gaz.prefixes
    for i in toks.capitalised():
        if i < skip_to:
            continue
        s0, e0 = spans[i]
        w = text[s0:e0]
        key = w.lower() if w.isascii() else fold_token(w)
        found = index_get(key)
        if found is None and key not in prefixes and w not in _ABBR_FIRST \
                and not (demonyms and (w in _DEMONYM_FIRST or w in lexicon.DEMONYMS)) \
                and not (cyr and "\u0400" <= w[0] <= "\u04ff"):
            continue  # opens no name: most capitalised words of a text
        key0 = key  # the first word's key (``key`` grows with the n-gram)
        best: tuple[int, str, tuple[int, ...]] | None = None
        if demonyms and w in _DEMONYM_FIRST and i + 1 < n and text[e0:spans[i + 1][0]] == " " \
                and f"{w} {text[spans[i + 1][0]:spans[i + 1][1]]}" in lexicon.DEMONYMS:
            best = _demonym(gaz, f"{w} {toks[i + 1].text}", i + 1)
            if best is not None:
                mentions.append(_Mention(s0, toks[i + 1].end, best[1], [best[2][0] >> 1], set(), i, i + 1,
                                         demonym=True))
                skip_to = i + 2
                continue
        if demonyms and w in lexicon.DEMONYMS and not (i + 1 < n and gaz.keys(f"{key} {toks[i + 1].key}")):
            best = _demonym(gaz, w, i)
            if best is not None:
                mentions.append(_Mention(s0, e0, best[1], [best[2][0] >> 1], set(), i, i, demonym=True))
                skip_to = i + 1
                continue
        abbr = _state_abbreviation(text, toks, i, gaz) if w in _ABBR_FIRST else None
        if abbr is not None:
            mentions.append(abbr)
            skip_to = abbr.last_tok + 1
            continue
        shorter = None
        if found is not None:
            best = (i, key, found)
        prev_end = e0
        for j in range(i + 1, min(n, i + MAX_TOKENS)):
            if key not in prefixes:
                break  # no longer name starts with these words
            s_j, e_j = spans[j]
            if text[prev_end:s_j] not in _GAPS:
                break
            upper = text[s_j].isupper()
            wj = text[s_j:e_j]
            if not upper and wj.lower() not in lexicon.CONNECTORS:
                break
            prev_end = e_j
            key += " " + (wj.lower() if wj.isascii() else fold_token(wj))
            if upper:
                found = index_get(key)
                if found is not None:
                    shorter, best = best, (j, key, found)
        if best is None and cyr and "\u0400" <= w[0] <= "\u04ff":
            # every base form that names a place; the most prominent wins ("России" is Russia,
            # not a village called "Росс")
            if key0 not in stems:
                top, base = -1.0, None
                for k in stem_keys(key0):
                    found = gaz.keys(k)
                    if found:
                        weight = max(_prior(gaz, v >> 1, bool(v & 1)) for v in found)
                        if weight > top:
                            top, base = weight, (k + "~", found)
                stems[key0] = base
            if stems[key0] is not None:
                best = (i, *stems[key0])
        if best is None:
            continue
        if shorter is not None and best[1].endswith(" city") and _next_is_capitalised(text, toks, best[0]) \
                and all(gaz.kind_of(v >> 1) in ("admin1", "admin2") for v in _as_tuple(best[2])) \
                and any(gaz.kind_of(v >> 1) in ("city", "capital") for v in _as_tuple(shorter[2])):
            best = shorter  # "Dublin City Council" is Dublin's council
        j, key, found = best
        if isinstance(found, int):
            found = (found,)
        if w.isupper() and len(w) > 1 and all(toks[k].text.isupper() for k in range(i, j + 1)) \
                and (not _caps_ok(text, toks, i, j) or text[toks[j].end:toks[j].end + 1] == "$"
                     or text[s0 - 1:s0] == "$"):
            skip_to = j + 1
            continue
        start, end = s0, spans[j][1]
        if end < len(text) and text[end] == "." and text[start:end + 1] in _DOTTED:
            end += 1
        first, last = i, j
        s_n, e_n = spans[j + 1] if j + 1 < n else (end, end)
        s_p, e_p = spans[i - 1] if i > 0 else (0, 0)
        prev_word = text[s_p:e_p]
        if text[s_n:e_n] in _FEATURE_AFTER and text[end:s_n] == " ":
            last, end = j + 1, e_n  # "Neches River", "Salinas Valley": near their namesake
        elif prev_word in _FEATURE_BEFORE and text[e_p:start] in (" ", ". "):
            first, start = i - 1, s_p  # "Lake Opechee", "Mount Hood", "River Lune"
        elif prev_word in _DIRECTIONS and text[e_p:start] == " " \
                and any(gaz.kind_of(v >> 1) in ("continent", "region") and not v & 1 for v in found):
            first, start = i - 1, s_p  # "Northern Europe", "East Java": part of a large area
        mkey = key if (first, last) == (i, j) else f"{key}#{first}-{last}"
        inflected = key.endswith("~")
        if inflected:
            mkey = mkey.replace("~", "")
        skip_to = last + 1
        if mkey in _MULTIWORD_STOP or ((mkey in _STOPWORDS or (first == last and (
                key0 in _STOPWORDS or key0 in _PERSON_TITLES or w in _DEMONYMS))) and not _STATE_AFTER_COMMA.match(text, end)):
            continue  # a common word ("The", "He"): what _filter's first tests drop, dropped before any work
        cached = decoded.get(found)
        if cached is None:
            cached = decoded[found] = (list(dict.fromkeys(v >> 1 for v in found)),
                                       {v >> 1 for v in found if v & 1} - {v >> 1 for v in found if not v & 1})
        rows, weak = cached  # shared by the mentions of one name: read only
        m = _Mention(start, end, mkey, rows, weak, first, last, inflected=inflected)
        mentions.append(m)
    return mentions


def _as_tuple(v: int | tuple[int, ...]) -> tuple[int, ...]:
    return (v,) if isinstance(v, int) else v


def _next_is_capitalised(text: str, toks: Tokens, j: int) -> bool:
    return j + 1 < len(toks) and text[toks[j].end:toks[j + 1].start] == " " and toks[j + 1].text[:1].isupper()


_ABBR_BY_TOKENS: dict[tuple[str, ...], str] = {}
for _a in lexicon.STATE_ABBREVIATIONS:
    _ABBR_BY_TOKENS[tuple(re.findall(r"[^\W_]+", _a))] = _a


_ABBR_FIRST = frozenset(k[0] for k in _ABBR_BY_TOKENS)
# first words of the two-word demonyms ("New Zealander"): only these open a two-word lookup
_DEMONYM_FIRST = frozenset(k.split(" ", 1)[0] for k in lexicon.DEMONYMS if " " in k)


def _state_abbreviation(text: str, toks: Tokens, i: int, gaz: Gazetteer) -> _Mention | None:
    """"W.Va.", "N.Y.", "La." as written (with the final period); one-segment forms not at a
    sentence start ("Pa. officials" is read, a sentence opening "Pa." is not)."""
    if toks[i].text not in _ABBR_FIRST or text[toks[i].end:toks[i].end + 1] != ".":
        return None
    for width in (2, 1):
        if i + width > len(toks):
            continue
        parts = tuple(toks[k].text for k in range(i, i + width))
        abbr = _ABBR_BY_TOKENS.get(parts)
        if abbr is None:
            continue
        start, end = toks[i].start, toks[i + width - 1].end
        if text[start:end + 1] != abbr:
            continue
        if width == 1 and "." not in abbr[:-1]:
            k = start - 1
            while k >= 0 and text[k] == " ":
                k -= 1
            if k < 0 or text[k] in ".!?\n\"“":
                return None
        row = gaz.state_entry.get("US-" + lexicon.STATE_ABBREVIATIONS[abbr])
        if row is None:
            return None
        return _Mention(start, end + 1, fold_token(abbr), [row], set(), i, i + width - 1, abbreviation=True)
    return None


def _demonym(gaz: Gazetteer, word: str, j: int) -> tuple[int, str, tuple[int, ...]] | None:
    code = lexicon.DEMONYMS[word]
    if code.startswith("US-"):
        row = gaz.state_entry.get(code)
    else:
        row = gaz.country_entry.get(code)
    if row is None:
        return None
    return (j, "=" + code, (row * 2,))


_AGE = re.compile(r"^, \d{1,3},")  # "Williams, 41, of ...": a person's surname


class _Headlines:
    """Whether a token lies in a title-case stretch (a headline), where capitals say nothing
    about names: a sentence of three or more words with no lower-case word but short function
    words. Each sentence is found and judged on demand (once)."""

    _FUNCTION = frozenset(("a", "an", "to", "for", "in", "at", "by", "with", "as", "s"))

    def __init__(self, text: str, toks: Tokens) -> None:
        self.text = text
        self.toks = toks
        self.cache: dict[int, bool] = {}
        self.bounds: list[int] | None = None  # every sentence start: only for very long sentences

    def __contains__(self, i: int) -> bool:
        pos = self.toks.spans[i][0]
        text = self.text
        lo = _gap_before(text, pos, max(0, pos - _WINDOW))
        hi = _gap_after(text, pos, pos + _WINDOW)
        if lo is None or hi is None:  # a sentence longer than the window: find every gap once
            if self.bounds is None:
                self.bounds = [m.end() for m in _SENT_GAP.finditer(text)]
            k = bisect.bisect_right(self.bounds, pos)
            lo = self.bounds[k - 1] if k > 0 else 0
            hi = self.bounds[k] if k < len(self.bounds) else -1
        if lo in self.cache:
            return self.cache[lo]
        spans = self.toks.spans
        first = bisect.bisect_left(spans, (lo,))  # the first token starting at or after lo
        last = bisect.bisect_left(spans, (hi,)) if hi >= 0 else len(spans)
        # the words' surfaces, read from the spans (no Token objects); stop at the first
        # lower-case word, which most sentences have within a few words
        count = 0
        result = True
        for s, e in spans[max(0, first):last]:
            w = text[s:e]
            if w.isdigit():
                continue
            if not w[:1].isupper():
                f = fold_token(w)
                if f not in lexicon.CONNECTORS and f not in self._FUNCTION:
                    result = False
                    break
            count += 1
        result = result and count >= 3
        self.cache[lo] = result
        return result


# Sentences are separated by what ``_SENT_GAP`` matches; a sentence starts where a match ends.
# The two functions below find the match ends around a position with str.find/rfind (in C)
# within a window, instead of scanning the whole text: a match end is k + 1 after a newline at
# k, or k + 2 after a ".", "!" or "?" at k followed by white space (a newline right after the
# stop ends the same match). None when the window does not decide (a very long sentence).
_SENT_GAP = re.compile(r"[.!?]\s|\n")
_WINDOW = 2000


def _gap_before(text: str, pos: int, floor: int) -> int | None:
    """The last sentence start at or before ``pos`` (0 if none), looking back to ``floor``."""
    end = pos
    while True:
        k = max(text.rfind(".", floor, end), text.rfind("!", floor, end), text.rfind("?", floor, end),
                text.rfind("\n", floor, end))
        if k < 0:
            return 0 if floor == 0 else None
        if text[k] == "\n":
            return k + 1
        if k + 2 <= pos and text[k + 1].isspace():
            return k + 2
        end = k


def _gap_after(text: str, pos: int, ceiling: int) -> int | None:
    """The first sentence start after ``pos`` (-1 if none), looking up to ``ceiling``."""
    start = max(0, pos - 1)
    n = len(text)
    limit = min(n, ceiling)
    while True:
        k = limit
        for ch in ".!?\n":
            f = text.find(ch, start, k)
            if f >= 0:
                k = f
        if k == limit:
            return -1 if limit == n else None
        if text[k] == "\n":
            b = k + 1
        elif k + 1 < n and text[k + 1].isspace():
            b = k + 2
        else:
            start = k + 1
            continue
        if b > pos:
            return b
        start = k + 1


def _filter(text: str, toks: Tokens, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Drop common words and people who share a place's name."""
    person_keys: set[str] = set()
    fame: dict[str, tuple[bool, bool]] = {}

    def _fame(m: _Mention) -> tuple[bool, bool]:
        got = fame.get(m.key)
        if got is None:
            major = famous = False
            kinds, pops, ccs, cc_of_row = gaz.kind, gaz.pop, gaz.ccs, gaz.cc
            for r in m.cands:
                kind, pop = kinds[r], pops[r]
                top = kind in _K_TOP or (kind == _K_ADMIN1 and ccs[cc_of_row[r]] == "US")
                major = major or top or pop >= MINOR_POPULATION
                famous = famous or top or kind == _K_CAPITAL or pop >= 100_000
                if famous and major:
                    break  # neither can change any more
            got = fame[m.key] = (major, famous)
        return got

    def major(m: _Mention) -> bool:  # names too prominent to be read as a person everywhere
        return _fame(m)[0]

    def famous(m: _Mention) -> bool:  # even a clear person cue does not unmake these elsewhere
        return _fame(m)[1]

    headlines = _Headlines(text, toks)
    spans = toks.spans
    n = len(spans)
    stopwords, titles, first_names = lexicon.STOPWORDS, _PERSON_TITLES, lexicon.FIRST_NAMES
    mid_sentence = {m.key for m in mentions if "\u0400" <= text[m.start:m.start + 1] <= "\u04ff"
                    and not _sentence_initial(text, toks, m.first_tok)}
    kept: list[_Mention] = []
    for m in mentions:
        if m.demonym or m.abbreviation:
            kept.append(m)
            continue
        if m.key in _MULTIWORD_STOP:
            continue
        # the words around the name, read from the token spans (no Token objects)
        i, j = m.first_tok, m.last_tok
        s_i, e_i = spans[i]
        end_j = spans[j][1]
        if j + 1 < n:
            s_n, e_n = spans[j + 1]
            nword: str | None = text[s_n:e_n]
            nkey = nword.lower() if nword.isascii() else fold_token(nword)
            next_gap = text[end_j:s_n]
        else:
            nword = nkey = None
            next_gap = ""
        if nword is not None and nkey in lexicon.STREET_WORDS and next_gap in (" ", "") and nword[:1].isupper():
            continue  # "Wichita Street", "Memphis St."
        single = i == j
        surface = text[s_i:e_i]
        key_i = surface.lower() if surface.isascii() else fold_token(surface)
        after_comma_state = bool(_STATE_AFTER_COMMA.match(text, m.end))
        if single and not after_comma_state and (key_i in stopwords or key_i in titles or surface in _DEMONYMS):
            continue  # a demonym here is an adjective ("Canadian Food Inspection Agency"), not Canadian, Texas
        if m.key in stopwords and not after_comma_state:  # multi-word: "White House"
            continue
        if single and not after_comma_state:
            m.word = surface.lower()  # checked in _resolve: also a common word in this text?
        if single and "\u0400" <= surface[:1] <= "\u04ff" and m.key not in mid_sentence and not famous(m) \
                and _sentence_initial(text, toks, i) and not any(gaz.country_of(r) in _CYRILLIC_COUNTRIES for r in m.cands):
            # Cyrillic capitalises only names, except at a sentence start: there a place outside the
            # Cyrillic-writing countries needs the name capitalised elsewhere too ("Атака дронів"
            # is no Ataq, Yemen; "Ізюм звільнено" is Izium)
            continue
        if i > 0:
            s_p, e_p = spans[i - 1]
            pword: str | None = text[s_p:e_p]
            pkey = pword.lower() if pword.isascii() else fold_token(pword)
            prev_gap = text[e_p:s_i]
        else:
            pword = pkey = None
            prev_gap = ""
        next_capitalised = next_gap == " " and nword is not None and nword[:1].isupper()
        if pword is not None and prev_gap in (" ", ". ") and pkey in titles and pword[:1].isupper() \
                and not m.inflected and (not famous(m) or next_capitalised or pkey in _HONORIFICS):
            if single and not famous(m):
                person_keys.add(m.key)
            continue  # "Gov. Georgia Smith", "Mayor Lincoln" ("President of Russia" stays)
        if single and pword is not None and prev_gap == ". " and len(pword) == 1 and pword.isupper() \
                and not (i >= 2 and text[spans[i - 2][1]:s_p] == "."):
            if not famous(m):
                person_keys.add(m.key)
            continue  # "L. Dale Harley", "George W. Bush"
        if pword is not None and prev_gap == " " and pword[:1].isupper() and not pword.isupper() \
                and (pkey not in stopwords or pkey in first_names) and i not in headlines \
                and (not _sentence_initial(text, toks, i - 1) or pkey in first_names):
            # inside a longer name: "Chiquita Raquel Henry", "Joe Biden" ("Statistics Canada" is
            # an organisation: it does not make every "Canada" a person)
            if single and (not major(m) or (pkey in first_names and not famous(m))):
                person_keys.add(m.key)
            continue
        if next_gap == " " and nword is not None and (
                (nword[:1].isupper() and nkey in lexicon.ORG_HEADS) or nkey in lexicon.DISEASE_HEADS):
            continue  # "New York Times", "China Daily", "Los Angeles Times"
        if single and not famous(m) and (
                (next_gap == " " and nkey in lexicon.SPEECH_VERBS and not (prev_gap == " " and pkey in _LOCATIVE))
                or (prev_gap == " " and pkey in lexicon.SPEECH_VERBS and not (nword is not None and nword[:1].isupper()))
                or _AGE.match(text[end_j:end_j + 8])):
            person_keys.add(m.key)  # "Baker said"; but "Moscow says", "Tbilisi said" are places
            continue
        if single and next_capitalised and surface.lower() in first_names and i not in headlines:
            continue  # "Jordan Smith", "Paris Hilton"
        kept.append(m)
    if person_keys:
        kept = [m for m in kept if m.key not in person_keys or _STATE_AFTER_COMMA.match(text, m.end)]
    return kept


def _patterns(text: str, gaz: Gazetteer, mentions: list[_Mention]) -> list[_Mention]:
    """"City, State" / "City, Country" / "City, St." constraints; adds abbreviation mentions."""
    by_start = {m.start: m for m in mentions}
    names_area: dict[str, bool] = {}  # the name is itself a country's or a state's
    extra: list[_Mention] = []
    for m in mentions:
        if text.startswith(" state", m.end) or text.startswith(" State ", m.end):
            states = {r for r in m.cands if gaz.kind_of(r) == "admin1"}
            if states:
                m.forced = states  # "Washington state", "New York State Police"
                continue
        if m.key not in names_area:
            names_area[m.key] = any(gaz.kind_of(r) in ("country", "admin1", "continent") and r not in m.weak
                                    for r in m.cands)
        if m.demonym or names_area[m.key]:
            continue  # a list ("Georgia, Iraq, Iran"; "Alaska, Alabama"), not "City, State"
        pos = m.end
        if pos + 2 > len(text) or text[pos] != ",":
            continue
        nxt_start = pos + 1 + (1 if pos + 1 < len(text) and text[pos + 1] == " " else 0)
        container_rows: list[int] = []
        nm = by_start.get(nxt_start)
        if nm is not None:
            container_rows = [r for r in nm.cands if gaz.kind_of(r) in ("admin1", "country", "admin2")
                              or (gaz.kind_of(r) == "region" and gaz.country_of(r))]
            if container_rows:
                nm.container = True
            else:  # "Greenlane, Auckland", "Balintawak, Quezon City": a district of a nearby city
                cities = sorted((r for r in nm.cands if gaz.kind_of(r) in ("city", "capital")),
                                key=lambda r: -gaz.pop[r])[:5]
                near = {c for c in m.cands for r in cities if c != r and gaz.kind_of(c) in ("city", "town")
                        and _near(gaz.lat[c], gaz.lon[c], (gaz.lat[r], gaz.lon[r]), NEAR_KM)}
                if near:
                    m.forced = near
                continue
        else:
            am = _STATE_AFTER_COMMA.match(text, pos)
            if am:
                abbr = am.group(1)
                code = lexicon.STATE_ABBREVIATIONS.get(abbr) or (abbr if abbr in lexicon.US_STATES else None)
                row = gaz.state_entry.get(f"US-{code}") if code else None
                if row is not None and (abbr in lexicon.STATE_ABBREVIATIONS or _upper_pair_ok(text, am.end(1))):
                    s = am.start(1)
                    e = am.end(1)
                    am_m = _Mention(s, e, fold_token(abbr), [row], set(), -1, -1, container=True)
                    extra.append(am_m)
                    container_rows = [row]
        if not container_rows:
            continue
        allowed = set()
        for c in m.cands:
            for r in container_rows:
                kind = gaz.kind_of(r)
                if c == r:
                    continue
                same_country = gaz.country_of(c) == gaz.country_of(r)
                if (kind in ("country", "region") and same_country) or (
                        kind in ("admin1", "admin2") and same_country and gaz.admin1_of(c) == gaz.admin1_of(r)):
                    allowed.add(c)
        if allowed:
            m.forced = allowed
    if extra:
        mentions = sorted(mentions + extra, key=lambda x: x.start)
    return mentions


def _upper_pair_ok(text: str, end: int) -> bool:
    """A bare postal code ("Springfield, IL") must end the phrase, not start a word."""
    return end >= len(text) or not text[end].isalpha()


# --- resolution -------------------------------------------------------------------------------


def _prior(gaz: Gazetteer, row: int, weak: bool) -> float:
    kind = gaz.kind_of(row)
    pop = gaz.pop[row]
    s = _KIND_BONUS.get(kind, 0.0) + W["pop"] * math.log10(pop + 10)
    if weak:
        s -= W["weak"]
    elif kind in ("country", "continent", "region") or (kind == "admin1" and gaz.country_of(row) == "US"):
        # the main name of a country or US state is its usual sense ("Nevada", "Jordan"); other
        # divisions earn it when the text or the outlet is about their country (see _resolve)
        s += W["prominent"]
    return s


def _resolve(text: str, gaz: Gazetteer, mentions: list[_Mention], home: HomeRegion | None) -> list[_Mention]:
    cache: dict[int, float] = {}  # row * 2 + weak -> prior
    # pass 1: priors and patterns (one choice per name, unless a pattern constrains it)
    first_choice: dict[str, int] = {}
    cache_get = cache.get
    for m in mentions:
        if m.forced is None and m.key in first_choice:
            m.choice = first_choice[m.key]
            continue
        weak = m.weak
        choice, top = -1, 0.0
        for r in (m.forced or m.cands):  # the first of the highest priors, as max() picks
            k = r * 2 + (r in weak)
            p = cache_get(k)
            if p is None:
                p = cache[k] = _prior(gaz, r, bool(k & 1))
            if choice < 0 or p > top:
                choice, top = r, p
        m.choice = choice
        if m.forced is None:
            first_choice[m.key] = m.choice
    # votes from the document, one per distinct name
    country_v: dict[str, float] = defaultdict(float)
    admin_v: dict[str, float] = defaultdict(float)
    contrib: dict[str, tuple[str | None, str | None, float]] = {}
    for m in mentions:
        if m.key in contrib and not m.forced:
            continue
        r = m.choice
        cc = gaz.country_of(r)
        kind = gaz.kind_of(r)
        cc_index = gaz.cc
        ambiguous = len({cc_index[c] for c in (m.forced or m.cands)}) > 1  # (country codes are unique)
        w = 0.5 if ambiguous else 1.0
        if kind in ("country",):
            w *= 1.5
        adm = f"{cc}|{gaz.admin1_of(r)}" if gaz.admin1_of(r) and kind not in ("country", "continent") else None
        old = contrib.get(m.key)
        if old:
            if old[0]:
                country_v[old[0]] -= old[2]
            if old[1]:
                admin_v[old[1]] -= old[2]
        contrib[m.key] = (cc, adm, w)
        if cc:
            country_v[cc] += w
        if adm:
            admin_v[adm] += w
    h = home.normalised() if home else None
    # pass 2: rescore with the document's votes (minus the mention's own) and the home region
    settled: dict[str, tuple[int, float]] = {}
    # the weights and the gazetteer's columns, bound once for the inner loop (same arithmetic)
    w_country, w_prominent, w_admin = W["country"], W["prominent"], W["admin"]
    ccs, cc_of_row, admins, adm_of_row, kind_of_row = gaz.ccs, gaz.cc, gaz.admins, gaz.adm, gaz.kind
    log2 = math.log2
    country_get, admin_get = country_v.get, admin_v.get
    for m in mentions:
        if m.forced is None and m.key in settled:
            m.choice, m.score = settled[m.key]
            continue
        own_cc, own_adm, own_w = contrib.get(m.key, (None, None, 0.0))
        best, best_s, second = m.choice, -1e9, -1e9
        weak = m.weak
        for r in (m.forced or m.cands):
            cc = ccs[cc_of_row[r]] or None
            kind = kind_of_row[r]
            k = r * 2 + (r in weak)
            s = cache_get(k)
            if s is None:
                s = cache[k] = _prior(gaz, r, bool(k & 1))
            cv = country_get(cc, 0.0) - (own_w if cc == own_cc else 0.0) if cc else 0.0
            if cv > 0.0:
                s += w_country * log2(1.0 + cv)
            if kind == _K_ADMIN1 and cc != "US" and not k & 1 \
                    and (cv > 0 or (h is not None and h.countries.get(cc, 0.0) > 0.2)):
                s += w_prominent  # "Ontario" in a text about Canada
            a1 = admins[adm_of_row[r]]
            if a1 and kind != _K_COUNTRY and kind != _K_CONTINENT:
                ak = f"{cc}|{a1}"
                av = admin_get(ak, 0.0) - (own_w if ak == own_adm else 0.0)
                if av > 0.0:
                    s += w_admin * log2(1.0 + min(av, 3.0))
                if h is not None:
                    s += W["home_admin"] * h.admin1.get(ak, 0.0)
            if h is not None and cc:
                s += W["home_country"] * h.countries.get(cc, 0.0)
                if h.names and gaz.names[r] in h.names and kind != _K_COUNTRY and kind != _K_CONTINENT:
                    s += W["home_name"]
            if s > best_s:
                best, best_s, second = r, s, best_s
            elif s > second:
                second = s
        m.choice = best
        m.score = 1.0 / (1.0 + math.exp(-(best_s - second))) if second > -1e9 else 1.0
        if m.forced is None:
            settled[m.key] = (best, m.score)
    # a name resolved by a pattern settles its other mentions
    forced_choice = {m.key: m.choice for m in mentions if m.forced}
    for m in mentions:
        if m.forced is None and m.key in forced_choice and forced_choice[m.key] in m.cands:
            m.choice = forced_choice[m.key]
    # small towns and words also used in lower case need support: a pattern, or their division
    # named elsewhere in the text or being the outlet's home
    supported_keys = {m.key for m in mentions if m.forced}

    common: dict[str, bool] = {}

    def used_in_lower_case(word: str) -> bool:
        if word not in common:
            common[word] = any(f" {word}{c}" in text for c in " ,.;:")
        return common[word]

    def minor(m: _Mention) -> bool:
        r = m.choice
        if m.forced is not None or m.key in supported_keys or m.demonym \
                or gaz.kind_of(r) not in ("city", "town", "capital"):
            return False
        pop = gaz.pop[r]
        return pop < MINOR_POPULATION or (pop < 200_000 and m.word is not None and used_in_lower_case(m.word))

    # anchors for spatial support: up to 20 distinct places that need no support themselves
    is_minor = [minor(m) for m in mentions]
    anchors: dict[str, tuple[float, float]] = {}
    for m, small in zip(mentions, is_minor):
        if len(anchors) >= 20:
            break
        if m.key not in anchors and not small \
                and gaz.kind_of(m.choice) in ("city", "capital", "admin1", "admin2", "town"):
            anchors[m.key] = (gaz.lat[m.choice], gaz.lon[m.choice])
    kept = []
    for m, small in zip(mentions, is_minor):
        r = m.choice
        if small:
            cc = gaz.country_of(r)
            ak = f"{cc}|{gaz.admin1_of(r)}"
            own_cc, own_adm, own_w = contrib.get(m.key, (None, None, 0.0))
            av = admin_v.get(ak, 0.0) - (own_w if ak == own_adm else 0.0)
            hv = h.admin1.get(ak, 0.0) if h is not None else 0.0
            named = h is not None and gaz.names[r] in h.names
            if av <= 0.0 and hv < 0.15 and not named \
                    and not any(_near(gaz.lat[r], gaz.lon[r], a, NEAR_KM) for k, a in anchors.items() if k != m.key):
                continue
        kept.append(m)
    return kept


def _near(lat: float, lon: float, anchor: tuple[float, float], km: float) -> bool:
    dlat = math.radians(anchor[0] - lat)
    dlon = math.radians(anchor[1] - lon) * math.cos(math.radians((anchor[0] + lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon) < km


# --- public ---------------------------------------------------------------------------------------


def find_places(text: str, gazetteer: Gazetteer, options: Options | None = None, *, language: str | None = None,
                url: str | None = None, source: str | None = None, home: HomeRegion | None = None) -> list[Place]:
    """The places named in ``text``, resolved with the whole document as context.

    ``url``/``source`` give the outlet's home region (its country domain and the place named in
    it); ``home`` adds what the outlet's other articles say (:func:`infer_home`). Offsets are
    Python string indexes into ``text``. Adjectives of places ("Russian") are places only when
    ``options.geo.demonyms`` is set.
    """
    options = options or Options()
    if not text:
        return []
    toks = Tokens(text)
    mentions = _recognise(text, toks, gazetteer, language, options.geo.demonyms)
    mentions = _filter(text, toks, mentions, gazetteer)
    mentions = _patterns(text, gazetteer, mentions)
    region = home_from_url(url or source, gazetteer) if (url or source) else None
    if home is not None:
        region = home.merge(region) if region else home
    mentions = _resolve(text, gazetteer, mentions, region)
    out: list[Place] = []
    for m in mentions:
        e = gazetteer.entry(m.choice)
        out.append(Place(start=m.start, end=m.end, text=text[m.start:m.end], geonameid=e.geonameid, name=e.name,
                         country=e.country, admin1=e.admin1, lat=e.lat, lon=e.lon, kind=e.kind,
                         score=round(m.score, 3)))
    if language in ("ru", "uk", None) and _HAS_CYRILLIC.search(text):
        from newsdesk.geo.regions import find_regions

        regions = find_regions(text, gazetteer)  # "в Белгородской области": the division, not the city
        if regions:
            out = sorted([*regions, *(p for p in out if not any(p.start < r.end and r.start < p.end for r in regions))],
                         key=lambda p: p.start)
    return out


_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")
