"""Provides the values a sentence states, normalised: "five million" = "5m" = "5,000,000".

A value is a number with its kind (a count, an amount of money, a percentage, a year, a date
("5 May" and "May 5" are "05-05") or a time of day) and, for money, its currency: "£16.5m"
and "16.5 million pounds" are both money GBP 16,500,000. Number words count from "two" up
("one" and "un" are mostly articles and pronouns), or from "one" before a magnitude ("one
million"). A count also records the noun it counts ("20,000 workers"), which tells whether
two different values answer one question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# Written currency signs and the words after a number that name a currency.
_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "won": "KRW", "rupees": "INR",
    "dollar americain": "USD", "livres": "GBP", "livre": "GBP",
    # News agencies' abbreviations ("42.10 dlrs", "10 mln stg").
    "dlr": "USD", "dlrs": "USD", "stg": "GBP",
}
# Multipliers written onto a number ("5m", "$180bn", "3.3tn") or after it ("5 million").
_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
# "pct" is the news agencies' ("4.75 pct"), "5pc" some British papers'.
_PERCENT_WORDS = (("per", "cent"), ("pour", "cent"), ("percent",), ("pourcent",), ("pct",))
_PERCENT_SUFFIX = "pc"

_UNITS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]
_TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_UNITS_FR = ["zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
             "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"]
_TENS_FR = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}


def _number_words() -> dict[str, float]:
    words: dict[str, float] = {}
    for units, tens in ((_UNITS_EN, _TENS_EN), (_UNITS_FR, _TENS_FR)):
        for value, word in enumerate(units):
            words.setdefault(word, float(value))
        for word, value in tens.items():
            words[word] = float(value)
            for unit in range(1, 10):  # "twenty-five" is one folded token: "twentyfive"
                words[word + units[unit]] = float(value + unit)
    words.update({"dozen": 12.0, "hundred": 100.0, "cent": 100.0, "une": 1.0})
    return words


NUMBER_WORDS = _number_words()
# Words that are a number only before a magnitude ("one million", "un million").
_WEAK_WORDS = frozenset({"zero", "one", "un", "une", "cent", "hundred"})
# Month names, folded ("fevrier"), for days of the month: "5 May", "March 3", "1er mars".
MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan", "janvier"), ("february", "feb", "fevrier"), ("march", "mars"),
         ("april", "apr", "avril"), ("may", "mai"), ("june", "juin"),
         ("july", "juillet"), ("august", "aug", "aout"), ("september", "sept", "septembre"),
         ("october", "oct", "octobre"), ("november", "nov", "novembre"),
         ("december", "dec", "decembre")),
        start=1,
    )
    for name in names
}
MAGNITUDES = {"hundred": 1e2, "thousand": 1e3, "mille": 1e3, "million": 1e6, "millions": 1e6,
              "mn": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "milliard": 1e9,
              "milliards": 1e9, "trillion": 1e12, "trillions": 1e12,
              # News agencies' abbreviations: "1.5 mln barrels", "2.3 bln dlrs".
              "mln": 1e6, "bln": 1e9}


class Word(Protocol):
    """What values() reads of one token (briefing.corroboration.anchors' tokens are such)."""

    @property
    def surface(self) -> str: ...  # folded

    @property
    def stem(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def numeric(self) -> bool: ...

    @property
    def stop(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Value:
    """A number a sentence states, normalised."""

    kind: str  # "count" | "money" | "percent" | "year" | "date" | "time"
    amount: str  # canonical: "1.65e+07", with the currency for money: "GBP 1.65e+07"
    start: int  # the whole expression: "£16.5m", "16.5 million pounds", "more than 5%"
    end: int
    unit: str = ""  # a count's noun, as its stem: "worker"

    @property
    def feature(self) -> str:
        return f"#{self.kind}:{self.amount}"

    @property
    def role(self) -> str:
        """What the value measures: its kind, currency or counted noun."""
        if self.kind == "money":
            return "money:" + self.amount.split(" ", 1)[0]
        return f"{self.kind}:{self.unit}"


def canonical(number: float) -> str:
    return f"{number:.6g}"


def _digits(surface: str) -> tuple[float, float] | None:
    """(number, multiplier) of a numeric token's surface: '16.5m' -> (16.5, 1e6)."""
    body = surface.rstrip("abcdefghijklmnopqrstuvwxyz")
    suffix = surface[len(body):]
    multiplier = 1.0
    if suffix:
        if suffix not in _SUFFIXES:
            return None
        multiplier = _SUFFIXES[suffix]
    if "," in body and "." in body:
        body = body.replace(",", "")
    elif "," in body:
        parts = body.split(",")
        thousands = all(len(p) == 3 for p in parts[1:])
        body = "".join(parts) if thousands else body.replace(",", ".")
    try:
        return float(body), multiplier
    except ValueError:
        return None


# The spaces French writes between groups of thousands ("3 500 000", "25 000").
_GROUP_SPACES = frozenset(" \u00a0\u202f")


def _grouped(text: str, words: Sequence[Word], index: int) -> tuple[str, int]:
    """The surface of a number whose thousands are grouped by spaces, from its first group at
    `index` (one to three digits, then groups of three, each after one space: "25 000"), and
    the index of its last group; the token itself when it opens no such number."""
    first = words[index].surface
    last = index
    if first.isdecimal() and len(first) <= 3:
        while (last + 1 < len(words) and len(words[last + 1].surface) == 3
               and words[last + 1].surface.isdecimal()
               and text[words[last].end : words[last + 1].start] in _GROUP_SPACES):
            last += 1
    if last == index:
        return first, index
    return "".join(w.surface for w in words[index : last + 1]), last


def _kind_of_token(surface: str) -> str | None:
    """The kind of a numeric token that is no plain number: times and dates."""
    clock = surface[:-2].replace(".", "").replace(":", "")
    if surface.endswith(("am", "pm")) and clock.isdecimal():
        return "time"
    if "/" in surface or "-" in surface or ":" in surface:
        return "date"
    return None


def _day_of_month(text: str, words: Sequence[Word], index: int) -> tuple[Value, int] | None:
    """A day number written next to a month ("5 May", "May 5", "1er mars"), as a date value
    "MM-DD", and the index after it; else None."""
    surface = words[index].surface
    digits = surface[:-2] if surface.endswith(("st", "nd", "rd", "th", "er")) else surface
    if not digits.isdecimal() or not 1 <= int(digits) <= 31:
        return None
    day = int(digits)
    word = words[index]
    after = words[index + 1] if index + 1 < len(words) else None
    before = words[index - 1] if index else None

    def next_to(first: Word, second: Word) -> bool:
        return not text[first.end : second.start].strip(" .")  # "5 May", "Jan. 5", not "May, 5"

    if after is not None and after.surface in MONTHS and next_to(word, after):
        month, start, end, following = MONTHS[after.surface], word.start, after.end, 2
    elif before is not None and before.surface in MONTHS and next_to(before, word):
        month, start, end, following = MONTHS[before.surface], before.start, word.end, 1
    else:
        return None
    return Value("date", f"{month:02d}-{day:02d}", start, end), index + following


def values(text: str, words: Sequence[Word]) -> list[Value]:
    """The values of a sentence, from its tokens (surface, stem, offsets), in order."""
    found: list[Value] = []
    count = len(words)
    index = 0
    while index < count:
        word = words[index]
        number: float | None = None
        multiplier = 1.0
        grouped_to = index  # the last token of a number grouped by spaces ("25 000")
        if word.numeric:
            special = _kind_of_token(word.surface)
            if special is not None:
                found.append(Value(special, word.surface, word.start, word.end))
                index += 1
                continue
            day = _day_of_month(text, words, index)
            if day is not None:  # "5 May", "May 5": a date, not a count of five
                found.append(day[0])
                index = day[1]
                continue
            surface, grouped_to = _grouped(text, words, index)
            percent_token = surface.endswith(_PERCENT_SUFFIX) and surface[-3:-2].isdecimal()
            parsed = _digits(surface[: -len(_PERCENT_SUFFIX)] if percent_token else surface)
            if parsed is None:
                index += 1
                continue
            number, multiplier = parsed
        elif word.surface in NUMBER_WORDS:
            percent_token = False
            following = words[index + 1].surface if index + 1 < count else ""
            if word.surface in _WEAK_WORDS and following not in MAGNITUDES:
                index += 1
                continue
            number = NUMBER_WORDS[word.surface]
        else:
            index += 1
            continue
        start, end, last = word.start, word.end, index
        if grouped_to != index:
            last, end = grouped_to, words[grouped_to].end
        if multiplier != 1.0 and last + 1 < count and words[last + 1].surface in MAGNITUDES:
            index += 2  # "$4.5bn trillion": a slip of the pen, no value to compare
            continue
        if last + 1 < count and words[last + 1].surface in MAGNITUDES and multiplier == 1.0:
            last += 1
            multiplier = MAGNITUDES[words[last].surface]
            end = words[last].end
        kind, currency = "count", ""
        sign_at = start - 1
        while sign_at >= 0 and text[sign_at] == " ":
            sign_at -= 1
        written = text[start:end]
        if written[:1] in _SIGNS:
            currency = _SIGNS[written[0]]
        elif sign_at >= 0 and text[sign_at] in _SIGNS and sign_at >= start - 2:
            currency = _SIGNS[text[sign_at]]
            start = sign_at
        if not currency:
            # "5 million dollars", "1,2 milliard de dollars", "millions of pounds"
            linked = 2 if last + 1 < count and words[last + 1].surface in ("de", "of") else 1
            if last + linked < count and words[last + linked].surface in _CURRENCY_WORDS:
                last += linked
                currency = _CURRENCY_WORDS[words[last].surface]
                end = words[last].end
        if percent_token:
            kind = "percent"  # "5pc": the token spans its sign
        elif currency:
            kind = "money"
        elif written.endswith("%"):
            kind = "percent"  # the token spans its sign
        elif text[end : end + 1] == "%":
            kind = "percent"
            end += 1
        elif text[end : end + 1] in _GROUP_SPACES and text[end + 1 : end + 2] == "%":
            kind = "percent"  # "5,5 %": French sets the sign apart
            end += 2
        else:
            for phrase in _PERCENT_WORDS:
                next_words = [w.surface for w in words[last + 1 : last + 1 + len(phrase)]]
                if tuple(next_words) == phrase:
                    kind = "percent"
                    last += len(phrase)
                    end = words[last].end
                    break
        amount = number * multiplier
        if (
            kind == "count"
            and word.numeric
            and multiplier == 1.0
            and 1900 <= amount <= 2099
            and amount == int(amount)
            and "," not in word.surface
            and grouped_to == index  # "1 999 votes": a count
        ):
            found.append(Value("year", str(int(amount)), start, end))
            index = last + 1
            continue
        unit = ""
        if kind == "count":
            for after in words[last + 1 : last + 4]:
                if after.numeric:
                    break
                if not after.stop:
                    unit = after.stem
                    break
        shown = f"{currency} {canonical(amount)}" if currency else canonical(amount)
        found.append(Value(kind, shown, start, end, unit))
        index = last + 1
    return found
