"""Provides split_paragraphs(): a decoded file cut into numbered paragraphs, headings and titles.

The text is expected with "\\n" line endings (files.read_text normalises them); every offset is
into that text, and every paragraph's text is exactly text[start:end].

How a file is cut:
- blank lines (white space only, no-break spaces included) end blocks; a blank line holding a
  no-break space, or a separator line (*** / * * * / --- / ___), also separates articles;
- inside a block, headings and boilerplate lines stand alone; lines that each end a sentence
  are one paragraph each; a line that stops mid-sentence is joined to the next (hard wrap);
- a paragraph over PASSAGE_LIMIT characters is cut into passages that share its number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.corpus.abbreviations import never_ends_sentence
from briefing.corpus.boilerplate import folded_words, is_boilerplate, looks_like_navigation
from briefing.models import Paragraph, ParagraphKind

PASSAGE_LIMIT = 2000
# A first line indented this many columns past the block's margin opens a paragraph (a
# typewriter's, or a wire service's, paragraph; a list's " - " is indented by one).
PARAGRAPH_INDENT = 2

HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100
# Title Case lines are unmistakably headlines, so they may be longer.
TITLE_CASE_MAX_WORDS = 20
TITLE_CASE_MAX_CHARS = 150
HEADLINE_MAX_WORDS = 25
# Longer lines are prose: they are never copied out for the line-level tests.
_SHORT_LINE = 400
# A passage is cut at the last sentence end past this share of the limit, else at a space.
_MIN_CUT = PASSAGE_LIMIT // 5

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_CONTENT = re.compile(rf"[^\s{_INVISIBLE}]")
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
_RULE = re.compile(r"(?:([-*_=~])[ \t]*)(?:\1[ \t]*){2,}")
_ATX = re.compile(r"[ ]{0,3}(#{1,6})(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_EMPHASIS_LINE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_BULLET = re.compile(r"(?:[-*+•·–▪◦]|\d{1,3}[.)])[ \t]")
_FIRST_WORD = re.compile(r"\S+")
# A sentence end: terminators and closing quotes/brackets, followed by white space.
# Each alternative starts only at the first mark of a run, so a run of a million dots is
# scanned once, not once per dot.
_SENTENCE_END = re.compile(
    r"(?<![.!?…])[.!?…]+[\"'”’»)\]]*(?=\s)|(?<![。！？])[。！？]+[」』”’)]*"
)
_CLOSERS = "\"'”’»)]*_"
_TERMINATORS = ".!?…。！？"
_OPENERS = "\"'“‘«([¿¡"
_SMALL_WORDS = frozenset(
    "a an and as at but by en for from in into nor of on onto or over per the to up vs via "
    "with de del della der des di du e et la le les l d un une au aux à sur pour par avec "
    "dans y und van von".split()
)

_BODY = ParagraphKind.BODY
_HEADING = ParagraphKind.HEADING
_BOILERPLATE = ParagraphKind.BOILERPLATE


class _Line:
    """One non-blank line: its content span and what the rules need to know about it."""

    __slots__ = (
        "start", "end", "lineno", "width", "indent", "text", "words", "forced", "ends",
        "heading_like", "title_case", "starts_lower", "first_word", "bullet", "boiler",
        "navigation",
    )

    def __init__(self, source: str, start: int, end: int, lineno: int, width: int,
                 forced: bool) -> None:
        self.start = start
        self.end = end
        self.lineno = lineno
        self.width = width  # with indentation, for the hard-wrap fit test
        self.indent = width - (end - start)
        self.forced = forced  # Markdown / underlined heading: a heading whatever its shape
        short = end - start <= _SHORT_LINE
        self.text = source[start:end] if short else None
        self.words = len(self.text.split()) if self.text is not None else _SHORT_LINE
        self.ends = _ends_sentence(source, start, end)
        self.bullet = _BULLET.match(source, start, end) is not None
        first = source[start]
        if first in _OPENERS and end - start > 1:
            first = source[start + 1]
        self.starts_lower = first.islower()
        match = _FIRST_WORD.match(source, start, min(end, start + 60))
        self.first_word = len(match.group()) if match else 0
        text = self.text
        self.title_case = (text is not None and not self.ends
                           and self.words <= TITLE_CASE_MAX_WORDS and _is_title_case(text))
        self.heading_like = text is not None and not forced and self._heading_shape(text)
        self.boiler = text is not None and is_boilerplate(text)
        self.navigation = text is not None and not forced and looks_like_navigation(text)

    def _heading_shape(self, text: str) -> bool:
        """Short, no final full stop, not a list item, not a continuation."""
        if self.ends or self.bullet or self.starts_lower:
            return False
        if text[-1] in ",;:-–—/&(" or not any(c.isalpha() for c in text):
            return False
        if not (text[0].isalnum() or (text[0] in _OPENERS and text[1:2].isalnum())):
            return False
        if self.words <= HEADING_MAX_WORDS and len(text) <= HEADING_MAX_CHARS:
            return True
        return (self.title_case and self.words <= TITLE_CASE_MAX_WORDS
                and len(text) <= TITLE_CASE_MAX_CHARS)


@dataclass(slots=True)
class _Block:
    lines: list[_Line]
    article_break: bool  # an article separator came before this block


@dataclass(slots=True)
class _Para:
    start: int
    end: int
    lineno: int
    kind: ParagraphKind
    article_break: bool
    headline: bool = False  # could be an article's headline sentence (top of an article)
    marked: bool = False  # a heading by Markdown markup, not by its look
    section: str | None = None
    title: str | None = None


def _ends_sentence(text: str, start: int, end: int) -> bool:
    tail = text[max(start, end - 16):end].rstrip(_CLOSERS)
    if not tail or tail[-1] not in _TERMINATORS:
        return False
    if tail[-1] == "." and not tail.endswith(".."):
        token = tail[:-1].split()[-1:] or [""]
        word = token[0].lstrip(_OPENERS)
        # "S." is an initial; "Mr." an abbreviation. "U.S." at a line end is a sentence end.
        if len(word) == 1 and word.isupper():
            return False
        if never_ends_sentence(word, before_digit=False):  # what follows is on the next line
            return False
    return True


def _is_title_case(text: str) -> bool:
    words = [w.strip("\"'“”‘’«»()[],:;!?.-–—*_") for w in text.split()]
    words = [w for w in words if any(c.isalpha() for c in w)]
    if len(words) < 2:
        return False
    big = [words[0]] + [w for w in words[1:] if w.casefold() not in _SMALL_WORDS]
    if len(big) < 2:
        return False
    return all(next(c for c in w if c.isalpha()).isupper() for w in big)


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE):
        end -= 1
    return end


def _scan(text: str, markdown: bool) -> list[_Block]:
    """Group the non-blank lines into blocks, noting article separators and forced headings."""
    blocks: list[_Block] = []
    current: list[_Line] = []
    article_break = False
    length = len(text)

    def close() -> None:
        nonlocal current, article_break
        if current:
            blocks.append(_Block(current, article_break))
            article_break = False
            current = []

    pos, lineno = _front_matter_end(text) if markdown else (0, 0)
    while pos <= length:
        newline = text.find("\n", pos)
        if newline < 0:
            newline = length
        lineno += 1
        found = _CONTENT.search(text, pos, newline)
        if found is None:
            close()
            if newline - pos <= _SHORT_LINE and any(c in _NO_BREAK_SPACES
                                                     for c in text[pos:newline]):
                article_break = True
        else:
            start = found.start()
            end = _strip_end(text, start, newline)
            short = end - start <= _SHORT_LINE
            rule = _RULE.fullmatch(text, start, end) if short else None
            atx = _ATX.match(text, start, end) if markdown and short else None
            if rule is not None:
                char = rule.group(1)
                if char in "-=" and current and _underlinable(current[-1]):
                    # Setext underline: the line above is a heading; the rule is not text.
                    current[-1] = _Line(text, current[-1].start, current[-1].end,
                                        current[-1].lineno, current[-1].width, forced=True)
                    close()
                else:
                    close()
                    if char in "-*_":
                        article_break = True
            elif atx is not None:
                close()
                inner_start = atx.end()
                closing = _ATX_CLOSE.search(text, inner_start, end)
                inner_end = closing.start() if closing else end
                found = _CONTENT.search(text, inner_start, inner_end)
                if found is not None:
                    inner_start = found.start()
                    inner_end = _strip_end(text, inner_start, inner_end)
                    current.append(_Line(text, inner_start, inner_end, lineno,
                                         end - pos, forced=True))
                    close()
            else:
                forced = False
                width = end - pos
                if markdown and short:
                    emphasis = _EMPHASIS_LINE.fullmatch(text, start, end)
                    if emphasis is not None and emphasis.group(1) not in emphasis.group(2):
                        # "**Bold Line**" is a Markdown heading when its inside reads as one.
                        inner = _Line(text, emphasis.start(2), emphasis.end(2), lineno, width,
                                      forced=False)
                        if inner.heading_like:
                            start, end, forced = emphasis.start(2), emphasis.end(2), True
                current.append(_Line(text, start, end, lineno, width, forced))
        if newline >= length:
            break
        pos = newline + 1
    close()
    return blocks


# "---", then up to this many key: value lines without a blank one, then "---" or "...".
_FRONT_MATTER_LINES = 200
_FRONT_OPEN = re.compile(r"---[ \t]*")
_FRONT_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")


def _front_matter_end(text: str) -> tuple[int, int]:
    """Offset and line count after a Markdown file's YAML front matter: metadata, not text.

    A line-by-line scan, not one regular expression: the obvious pattern backtracks
    exponentially on an opening "---" that is never closed.
    """
    newline = text.find("\n")
    if newline < 0 or not _FRONT_OPEN.fullmatch(text, 0, newline):
        return 0, 0
    pos = newline + 1
    for count in range(_FRONT_MATTER_LINES + 1):
        newline = text.find("\n", pos)
        end = len(text) if newline < 0 else newline
        if count and _FRONT_CLOSE.fullmatch(text, pos, end):
            stop = end if newline < 0 else newline + 1
            return stop, text.count("\n", 0, stop)
        if newline < 0 or pos == end or text[pos:end].isspace():
            return 0, 0
        pos = newline + 1
    return 0, 0


def _underlinable(line: _Line) -> bool:
    return line.text is not None and not line.ends and not line.bullet and line.words <= 20


def _classify(block: list[_Line], seen: set[str]) -> tuple[list[bool], list[bool], list[bool]]:
    """Per line of a block: is it boilerplate, is it a heading, is the break after it hard."""
    count = len(block)
    widest = max(line.width for line in block)

    def fits(i: int) -> bool:
        # Would the next line's first word have fitted on this line? Then the break is real.
        return block[i].width + 1 + block[i + 1].first_word <= widest

    boiler = [False] * count
    for i, line in enumerate(block):
        starts_unit = i == 0 or block[i - 1].ends or block[i - 1].heading_like or boiler[i - 1]
        if not starts_unit:
            continue  # the middle of a wrapped sentence is never furniture
        boiler[i] = line.boiler
        if line.text is None or not (line.forced or line.ends or line.heading_like):
            continue
        if i + 1 < count and block[i + 1].starts_lower:
            continue
        key = folded_words(line.text)
        if not key:
            continue
        if line.forced:
            seen.add(key)  # a Markdown heading is never furniture, but its repeats are
        elif key in seen:
            # A repeated line is furniture, unless it is a heading with text under it.
            nxt = block[i + 1] if i + 1 < count else None
            has_content = nxt is not None and not nxt.boiler and not nxt.heading_like
            if not (line.heading_like and has_content):
                boiler[i] = True
        else:
            seen.add(key)

    # Navigation ("Comments", "Sentences Mode"): a menu-like line with no text under it.
    for i in range(count - 1, -1, -1):
        line = block[i]
        if boiler[i] or not line.navigation:
            continue
        if i > 0 and not (block[i - 1].ends or block[i - 1].heading_like or boiler[i - 1]):
            continue
        if i == count - 1 or boiler[i + 1]:
            boiler[i] = True

    heading = [False] * count
    for i, line in enumerate(block):
        if boiler[i]:
            continue
        if line.forced:
            heading[i] = True
            continue
        if not line.heading_like:
            continue
        if i > 0 and not (block[i - 1].ends or heading[i - 1] or boiler[i - 1]):
            continue
        if i + 1 < count:
            nxt = block[i + 1]
            if nxt.starts_lower:
                continue
            if not (fits(i) or line.title_case or boiler[i + 1] or nxt.forced or nxt.bullet):
                continue
        heading[i] = True

    def alone(j: int) -> bool:
        return heading[j] or heading[j + 1] or boiler[j] or boiler[j + 1] or block[j + 1].bullet

    # Does the block look hard-wrapped, i.e. does some line stop mid-sentence?
    wrapped = any(not block[j].ends and not alone(j) for j in range(count - 1))
    # Typed text opens a paragraph by indenting its first line ("    This brings...") under
    # lines wrapped at the margin: a sentence's end before such a line ends a paragraph.
    margin = min(line.indent for line in block)
    hard = [True] * count
    for j in range(count - 1):
        if alone(j):
            continue
        if block[j].ends and not block[j + 1].starts_lower:
            indented = block[j + 1].indent >= margin + PARAGRAPH_INDENT
            hard[j] = not wrapped or fits(j) or indented
        else:
            hard[j] = False
    return boiler, heading, hard


def _single_sentence(text: str) -> bool:
    return all(m.end() >= len(text.rstrip()) or not _real_end(text, m)
               for m in _SENTENCE_END.finditer(text))


def _real_end(text: str, match: re.Match[str]) -> bool:
    """False when the full stop belongs to an initial or an abbreviation ("S. Korean", "Mr.")."""
    stop = match.group()
    if not stop.startswith(".") or stop.startswith(".."):
        return True
    begin = match.start()
    lo = begin
    while lo > 0 and begin - lo < 20 and not text[lo - 1].isspace():
        lo -= 1
    word = text[lo:begin].lstrip(_OPENERS)
    if len(word) == 1 and word.isupper():
        return False
    if never_ends_sentence(word, _digit_follows(text, match.end())):
        return False
    # Dotted initialisms: "U.S. President" is one sentence.
    return not ("." in word and all(len(p) <= 2 for p in word.split(".")))


def _digit_follows(text: str, pos: int) -> bool:
    """Whether the first character after the white space at `pos` is a digit ("Vol. 2")."""
    found = _CONTENT.search(text, pos, pos + 8)
    return found is not None and text[found.start()].isdigit()


def _paragraphs(text: str, blocks: list[_Block]) -> list[_Para]:
    paras: list[_Para] = []
    seen: set[str] = set()
    for block in blocks:
        lines = block.lines
        boiler, heading, hard = _classify(lines, seen)
        first = 0
        article_break = block.article_break
        for i in range(len(lines)):
            if not hard[i]:
                continue
            kind = _BODY
            if heading[i]:
                kind = _HEADING
            elif boiler[i]:
                kind = _BOILERPLATE
            para = _Para(lines[first].start, lines[i].end, lines[first].lineno, kind,
                         article_break, marked=heading[i] and lines[i].forced)
            line = lines[i]
            if (first == i and kind is _BODY and i + 1 < len(lines) and line.ends
                    and line.text is not None and line.words <= HEADLINE_MAX_WORDS
                    and not line.starts_lower and not line.bullet
                    and _single_sentence(line.text)):
                para.headline = True
            paras.append(para)
            article_break = False
            first = i + 1
    return paras


def _heading_text(text: str, para: _Para) -> str:
    return " ".join(text[para.start:para.end].split())


def _articles(text: str, paras: list[_Para]) -> tuple[str, ...]:
    """Split into articles, give each its title, and each paragraph its section."""
    starts = [0]
    pending: int | None = None
    for i, para in enumerate(paras):
        if i > 0 and para.article_break and pending is None:
            pending = i
        if pending is not None and para.kind is not _BOILERPLATE:
            # Only a headline opens a new article; a spacer inside an article does not.
            if para.kind is _HEADING or para.headline:
                starts.append(pending)
            pending = None

    titles: list[str] = []
    bounds = [*starts, len(paras)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        content = [i for i in range(a, b) if paras[i].kind is not _BOILERPLATE]
        title_index: int | None = None
        if content:
            head = content[0]
            if paras[head].kind is _HEADING:
                words = len(text[paras[head].start:paras[head].end].split())
                nxt = head + 1
                if (words <= 2 and not paras[head].marked and nxt < b
                        and paras[nxt].kind is _HEADING):
                    title_index = nxt  # a kicker ("Technology") above the real headline
                elif words > 1 or paras[head].marked:
                    title_index = head  # a one-word heading ("Introduction") is a section
            # A first line that ends a sentence ("The council approved a budget of 12
            # million pounds.") opens an article but is no title: it stays body text.
        title = _heading_text(text, paras[title_index]) if title_index is not None else None
        if title is not None and title not in titles:
            titles.append(title)
        section: str | None = None
        for i in range(a, b):
            para = paras[i]
            para.title = title
            if i == title_index:
                section = None  # headings above the headline do not carry into the article
                continue
            para.section = section
            if para.kind is _HEADING:
                section = _heading_text(text, para)
    return tuple(titles)


def _last_sentence_end(text: str, lo: int, hi: int) -> int | None:
    """End of the last sentence ending in text[lo:hi], if any."""
    best = None
    for match in _SENTENCE_END.finditer(text, lo, min(hi + 1, len(text))):
        if match.end() <= hi and _real_end(text, match):
            best = match.end()
    return best


def _last_space(text: str, lo: int, hi: int) -> int | None:
    best = max(text.rfind(c, lo, hi + 1) for c in " \n\t\u00a0")
    return best if best > lo else None


def _passages(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut text[start:end] into spans of at most PASSAGE_LIMIT characters, in linear time."""
    pos = start
    while end - pos > PASSAGE_LIMIT:
        limit = pos + PASSAGE_LIMIT
        cut = _last_sentence_end(text, pos + _MIN_CUT, limit)
        if cut is None:
            cut = _last_space(text, pos, limit)
        if cut is None:
            cut = limit  # no white space at all: cut hard
        stop = _strip_end(text, pos, cut)
        if stop > pos:
            yield pos, stop
        found = _CONTENT.search(text, cut, end)
        if found is None:
            return
        pos = found.start()
    yield pos, end


def split_paragraphs(
    source: str, text: str, markdown: bool = False
) -> tuple[list[Paragraph], tuple[str, ...]]:
    """Paragraphs (all kinds, numbered 1.. in file order) and the document's titles.

    `text` must have "\\n" line endings; offsets and line numbers are into it. Headings and
    boilerplate are returned too (numbers count them, so they stay stable), marked by kind.
    An article's title is a heading-shaped line at its top (short, no closing punctuation); a
    first line that ends a sentence is body text, never a title, so no sentence is lost to one.
    A BODY paragraph over PASSAGE_LIMIT characters comes as several passages with one number.
    """
    paras = _paragraphs(text, _scan(text, markdown))
    titles = _articles(text, paras)
    result: list[Paragraph] = []
    for number, para in enumerate(paras, start=1):
        if para.kind is not _BODY or para.end - para.start <= PASSAGE_LIMIT:
            spans: Iterator[tuple[int, int]] = iter(((para.start, para.end),))
        else:
            spans = _passages(text, para.start, para.end)
        line, counted = para.lineno, para.start
        for start, end in spans:
            line += text.count("\n", counted, start)
            counted = start
            result.append(Paragraph(
                source=source, number=number, line=line, start=start, end=end,
                text=text[start:end], kind=para.kind, section=para.section, title=para.title,
            ))
    return result, titles
