"""What the story stage looks at in one report: words, names, numbers, dates, shingles, and,
when the reading stage gave one, place ids, event types and figures.

Everything here is language-independent on purpose: words are Unicode ``\\w+`` runs, names
are capitalised tokens (accents folded, so ``Zelensky``/``Zelenský`` meet), numbers are
digit strings, dates are ISO strings, places are GeoNames ids and event types are the ACLED
vocabulary. Reports in two languages that share none of their words still share these
*anchors*, which is how they can join one story.

:func:`article_features` is a pure function of an :class:`~newsdesk.records.Article` and an
optional :class:`~newsdesk.records.Reading`.
"""

from __future__ import annotations

import functools
import math
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.records import Article, Reading

__all__ = ["SHINGLE_SIZE", "STOPWORDS", "ArticleFeatures", "article_features", "fold"]

SHINGLE_SIZE = 3  # words per shingle for near-duplicate detection (MinHash)
MAX_TEXT_CHARS = 1_500  # the lead of a report says what it is about; the tail adds cost, not signal
LEAD_TOKENS = 40  # a name first met within this many tokens is in the lead (salient)
MAX_SHINGLE_WORDS = 250  # near-duplicates are judged on the first words (wire copies share their lead)

# Common function words of the languages newsdesk reads most; everything else is left to
# the online document frequencies (idf) of the clusterer.
STOPWORDS = frozenset(
    """
    a an the and or but if of at by for with about against between into through during before
    after above below to from up down in out on off over under again further then once here there
    when where why how all any both each few more most other some such no nor not only own same so
    than too very can will just don should now is are was were be been being have has had having do
    does did doing i me my we our you your he him his she her it its they them their what which who
    whom this that these those am would could also said says say told according since while as per
    one two three four five six seven eight nine ten first second new last yesterday today tomorrow
    mr mrs ms s t n re ve ll d m
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
    было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до
    вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя
    их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого
    какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда
    можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая
    много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им
    более всегда конечно всю между та це що як ці ще та які який яка було були буде та також від до
    за на не по при про та те то у і й та або але й його її їх ми ви вони він вона воно це цей ця
    der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an
    werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war
    haben nur oder aber vor zur bis mehr durch man sein wurde sei le la les de des du un une et en
    est que qui dans pour pas sur au aux avec ce ces il elle ils se sa son ses par plus el los las
    del y en que por con para una su al lo como más pero sus le ya o este sí porque esta entre
    cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni
    contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto
    esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# day and month names are dates, not words: two similar events on different days part on them
_DATE_WORDS = {w: i for i, w in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}  # noqa: SIM905
_MONTHS = {w: i + 1 for i, w in enumerate(
    "january february march april may june july august september october november december".split())}  # noqa: SIM905
_MONTHS.update({w[:3]: i for w, i in list(_MONTHS.items()) if w != "may"})
_MONTHS["sept"] = 9

_TOKEN = re.compile(r"\w+(?:[.,]\d+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;:]\s|\n")
_DIGITS = re.compile(r"^\d[\d.,]*$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(slots=True)
class ArticleFeatures:
    """The features of one report. ``vector`` is the sparse bag the clusterer weighs with idf:
    keys are prefixed by kind (``w:`` word, ``n:`` name, ``#:`` number, ``d:`` date,
    ``p:`` GeoNames id, ``e:`` event type, ``f:`` figure, ``a:`` actor) and values are raw counts."""

    vector: dict[str, float] = field(default_factory=dict)
    names: frozenset[str] = frozenset()
    salient: frozenset[str] = frozenset()  # names in the lead or named twice: who/where the report is about
    numbers: frozenset[str] = frozenset()
    places: frozenset[int] = frozenset()
    events: frozenset[str] = frozenset()
    shingles: list[str] = field(default_factory=list)  # for MinHash; empty when too short
    n_tokens: int = 0


@functools.lru_cache(maxsize=1 << 16)
def fold(token: str) -> str:
    """Lower-case and strip accents (NFKD, combining marks dropped): ``Zelenský`` -> ``zelensky``."""
    low = token.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude, language-blind stem: cut a few common endings, then keep at most 7 characters.
    Prefix truncation is a known language-independent stand-in for stemming in TDT systems."""
    for suffix in ("'s", "’s", "ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:7]


@functools.lru_cache(maxsize=1 << 17)
def _word_key(low: str) -> str:
    """The vector key of a word (``w:`` and its stem); cached, so that stories, postings and
    the idf table share one string per term instead of one per report."""
    return sys.intern("w:" + _stem(low))


@functools.lru_cache(maxsize=1 << 17)
def _name_key(low: str) -> str:
    return sys.intern("n:" + low)


def _number(token: str) -> str | None:
    if not _DIGITS.match(token):
        return None
    plain = token.replace(",", "")
    if plain.count(".") > 1:
        plain = plain.replace(".", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:g}"


_PLAIN, _NUMBER, _CAPITALISED = 0, 1, 2


@functools.lru_cache(maxsize=1 << 16)
def _token(tok: str) -> tuple[str, str | None, int]:
    """What one token is, cached (news repeats its tokens): the item it adds to the word
    sequence (folded word or normalised number), its vector key (None: not counted) and its
    kind (a number that is not a year, a capitalised word that may be a name, or plain)."""
    num = _number(tok) if tok[0].isdigit() else None
    if num is not None:
        if _YEAR.match(num):
            return num, "d:" + num, _PLAIN
        return num, "#:" + num, _NUMBER
    low = fold(tok)
    if low in _DATE_WORDS:
        return low, f"d:wd{_DATE_WORDS[low]}", _PLAIN
    if low in _MONTHS and tok[:1].isupper():
        return low, f"d:m{_MONTHS[low]}", _PLAIN
    if low in STOPWORDS or len(low) < 2 or low.isdigit():
        return low, None, _PLAIN
    capitalised = tok[:1].isupper() and not tok.isupper() or (tok.isupper() and 2 <= len(tok) <= 5)
    return low, _word_key(low), _CAPITALISED if capitalised else _PLAIN


def _is_headline(tokens: list[str]) -> bool:
    words = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    if len(words) < 3:
        return False
    return sum(1 for t in words if t[:1].isupper()) >= 0.75 * len(words)


def article_features(article: Article, reading: Reading | None = None) -> ArticleFeatures:
    """Features of one report (and of its reading, when given). Pure; never raises on odd text."""
    parts = [article.title or "", (article.news_text() or "")[:MAX_TEXT_CHARS]]
    text = "\n".join(p for p in parts if p)
    vector: Counter[str] = Counter()
    names: set[str] = set()
    initial_caps: list[str] = []
    first_at: dict[str, int] = {}  # capitalised word -> token position of its first occurrence
    caps_count: Counter[str] = Counter()
    numbers: set[str] = set()
    words_seq: list[str] = []
    for segment in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(segment)
        if not tokens:
            continue
        headline = _is_headline(tokens)
        for i, tok in enumerate(tokens):
            item, key, kind = _token(tok)
            words_seq.append(item)
            if key is None:
                continue
            vector[key] = vector.get(key, 0) + 1
            if kind == _NUMBER:
                numbers.add(item)
            elif kind == _CAPITALISED:
                low = item
                first_at.setdefault(low, len(words_seq))
                caps_count[low] += 1
                if i == 0 or headline:
                    initial_caps.append(low)
                else:
                    names.add(low)
    # a capitalised word at a sentence start or in a headline is a name only if it is
    # capitalised elsewhere too (keeps "Police", "Tuesday" and headline case out)
    for low in initial_caps:
        if low in names:
            vector[_name_key(low)] += 1
    for low in names:
        vector[_name_key(low)] += 1
    salient = frozenset(n for n in names if first_at.get(n, LEAD_TOKENS) < LEAD_TOKENS or caps_count[n] >= 2)
    places: set[int] = set()
    events: set[str] = set()
    if reading is not None:
        for place in reading.places:
            if place.geonameid is not None:
                places.add(int(place.geonameid))
                vector[f"p:{place.geonameid}"] += 1
        for event in reading.events:
            if event.type and event.type != "other":
                events.add(event.type)
                vector["e:" + event.type] += 1
            if event.date:
                vector["d:" + event.date[:10]] += 1
            for actor in event.actors:  # "Russian forces" and "российские войска" meet as actor1:RU:military
                if actor.role in ("actor1", "actor2") and (actor.country or actor.sector):
                    vector[f"a:{actor.role}:{actor.country or '-'}:{actor.sector or '-'}"] += 1
        for fig in reading.figures:
            if fig.value is not None and fig.category != "other":
                vector[f"f:{fig.category}:{fig.value:g}"] += 1
    lead = words_seq[:MAX_SHINGLE_WORDS]
    shingles = [" ".join(lead[i:i + SHINGLE_SIZE]) for i in range(max(0, len(lead) - SHINGLE_SIZE + 1))]
    return ArticleFeatures(
        vector=dict(vector),
        names=frozenset(names),
        salient=salient,
        numbers=frozenset(numbers),
        places=frozenset(places),
        events=frozenset(events),
        shingles=shingles,
        n_tokens=len(words_seq),
    )
