"""Provides the Markdown reader: structure kept as structure, markup and code left out.

The file is parsed with markdown-it-py (CommonMark, plus tables) and rendered back to plain
text line for line, so a paragraph's line number is its line in the file:
- headings stay `#` headings, so they become the `section` of the paragraphs below them;
- links show their text, emphasis and inline code marks are dropped, images and raw HTML
  are left out;
- code blocks keep their place in the text but are never paragraphs, so never answers;
- front matter (YAML `---` or TOML `+++`) is metadata: its `title` is the document's title
  (written as the top heading when the body has no such heading), `date` its date and
  `lang`/`language` its declared language.
The same renderer reads the Markdown that the HTML reader extracts from a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.corpus.paragraphs import split_paragraphs
from briefing.models import DocumentInfo, SourceDocument

if TYPE_CHECKING:
    from markdown_it.token import Token

_FRONT_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
_FRONT_MAX_LINES = 200
_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*)")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_TITLE_KEYS = ("title",)
_DATE_KEYS = ("date", "published", "pubdate", "publishdate", "created")
_LANGUAGE_KEYS = ("lang", "language", "locale")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The metadata block at the top of a Markdown file."""

    lines: int  # how many lines it takes (0: none)
    title: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    """Markdown rendered to plain text, line for line with its source."""

    text: str  # what is shown and cited
    masked: str  # the same, with code blanked out: what the paragraph splitter cuts


def parse_day(value: str) -> str | None:
    """The ISO day at the start of a date value ("2025-02-06T09:30:00Z" -> "2025-02-06")."""
    from datetime import date

    match = _DAY.match(value.strip().strip("\"'"))
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def _scalar(raw: str) -> str:
    """A YAML/TOML scalar: quotes removed (with their simple escapes), comments dropped."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        if value[0] == '"':
            inner = inner.replace('\\"', '"').replace("\\\\", "\\")
        else:
            inner = inner.replace("''", "'")
        return inner.strip()
    if " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    return value


def front_matter(lines: list[str]) -> FrontMatter:
    """Parse the front matter at the top of `lines`, if there is one."""
    if not lines or lines[0].rstrip() not in _FRONT_OPEN:
        return FrontMatter(0)
    closers = _FRONT_OPEN[lines[0].rstrip()]
    for end in range(1, min(len(lines), _FRONT_MAX_LINES + 1)):
        if lines[end].rstrip() in closers:
            break
    else:
        return FrontMatter(0)
    values: dict[str, str] = {}
    for line in lines[1:end]:
        if line[:1].isspace():
            continue  # nested values are not the top-level keys we read
        match = _KEY_VALUE.fullmatch(line.rstrip())
        if match is not None:
            values.setdefault(match.group(1).lower(), _scalar(match.group(2)))
    title = next((values[k] for k in _TITLE_KEYS if values.get(k)), None)
    raw_date = next((values[k] for k in _DATE_KEYS if values.get(k)), None)
    raw_language = next((values[k] for k in _LANGUAGE_KEYS if values.get(k)), None)
    language = None
    if raw_language:
        code = re.match(r"[A-Za-z]{2,3}(?![A-Za-z])", raw_language)
        language = code.group().lower() if code else None
    return FrontMatter(
        end + 1,
        title=" ".join(title.split()) if title else None,
        date=parse_day(raw_date) if raw_date else None,
        language=language,
    )


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline(children: list[Token], html_is_text: bool, bold_line: bool = False) -> str:
    """Inline tokens as plain text: link text kept, marks dropped, line breaks kept."""
    meaningful = [t for t in children if not (t.type == "text" and not t.content)]
    if (bold_line and len(meaningful) == 3 and meaningful[0].type == "strong_open"
            and meaningful[1].type == "text" and meaningful[2].type == "strong_close"):
        # A paragraph that is one bold phrase may be a heading: the splitter decides.
        return f"**{meaningful[1].content}**"
    parts: list[str] = []
    for token in children:
        kind = token.type
        if kind in ("text", "code_inline"):
            parts.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "html_inline" and html_is_text:
            parts.append(token.content)
    return "".join(parts)


def _is_code_only(children: list[Token]) -> bool:
    """A paragraph made only of inline code (`print(x)`) is code, not prose."""
    kinds = {t.type for t in children if not (t.type == "text" and not t.content.strip())}
    return kinds == {"code_inline"} or kinds == {"code_inline", "softbreak"}


def render(text: str, *, html_is_text: bool = False, title: str | None = None) -> Rendered:
    """Render Markdown to plain text with the same lines as the source (see module doc).

    `html_is_text` keeps raw HTML as text: for Markdown made from a web page, where "<b>" is
    something the article said, not markup. `title` is the document title when the text has
    no front matter (it then takes a line of its own above the text).
    """
    source_lines = text.split("\n")
    front = front_matter(source_lines)
    body = ["" for _ in range(front.lines)] + source_lines[front.lines:]
    out = ["" for _ in source_lines]
    code = [False] * len(source_lines)

    def place(first: int, last: int, rendered: str, prefix: str = "") -> None:
        pieces = (prefix + rendered).split("\n")
        room = max(1, last - first)
        if len(pieces) > room:
            pieces = [*pieces[: room - 1], " ".join(pieces[room - 1 :])]
        for offset, piece in enumerate(pieces):
            if first + offset < len(out):
                out[first + offset] = piece

    tokens = _parser().parse("\n".join(body))
    lists: list[tuple[str, int]] = []  # (marker kind, next number) per open list
    bullet = ""  # the marker the next paragraph of a list item starts with
    first_heading: str | None = None
    row: list[str] = []
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append(("-", 0))
        elif kind == "ordered_list_open":
            lists.append((token.markup or ".", 0))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            marker = lists[-1][0] if lists else "-"
            bullet = "- " if marker == "-" else f"{token.info or '1'}{marker} "
        elif kind == "heading_open" and token.map:
            inline = tokens[index + 1]
            words = " ".join(_inline(inline.children or [], html_is_text).split())
            if words:
                level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
                out[token.map[0]] = "#" * level + " " + words
                first_heading = first_heading or words
        elif kind == "paragraph_open" and token.map:
            children = tokens[index + 1].children or []
            first, last = token.map
            if _is_code_only(children):
                for line in range(first, last):
                    out[line] = body[line].strip()
                    code[line] = True
            else:
                place(first, last, _inline(children, html_is_text, not bullet), bullet)
            bullet = ""
        elif kind in ("fence", "code_block") and token.map:
            first, last = token.map
            lines = token.content.rstrip("\n").split("\n")
            start = first + 1 if kind == "fence" else first
            for offset, line in enumerate(lines):
                if start + offset < last:
                    out[start + offset] = line
                    code[start + offset] = True
        elif kind == "html_block" and token.map and html_is_text:
            first, last = token.map
            for line in range(first, last):
                out[line] = body[line]
        elif kind == "hr" and token.map:
            out[token.map[0]] = "***"
        elif kind == "tr_open":
            row = []
        elif kind == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            row.append(" ".join(_inline(token.children or [], html_is_text).split()))
        elif kind == "tr_close":
            line = tokens[_opening(tokens, index, "tr_open")].map
            if line and any(row):
                out[line[0]] = " | ".join(cell for cell in row if cell)

    title = front.title or title
    if title and (first_heading is None or _fold(first_heading) != _fold(title)):
        # The declared title is the document title: written as the top heading, the
        # splitter makes it the title and the body's own headings its sections.
        if front.lines:
            out[0] = "# " + title
        else:
            out.insert(0, "# " + title)
            code.insert(0, False)
    rendered = "\n".join(out)
    masked = "\n".join(" " * len(line) if code[i] else line for i, line in enumerate(out))
    return Rendered(rendered, masked)


def _opening(tokens: list[Token], index: int, kind: str) -> int:
    while index > 0 and tokens[index].type != kind:
        index -= 1
    return index


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def document_from_markdown(
    source: str,
    text: str,
    *,
    encoding: str,
    notice: str | None,
    format_name: str,
    html_is_text: bool = False,
    title: str | None = None,
    date: str | None = None,
    language: str | None = None,
) -> SourceDocument:
    """Render Markdown text and cut it into paragraphs; metadata given here wins over the
    front matter's (the HTML reader passes what the page's head declares)."""
    front = front_matter(text.split("\n", _FRONT_MAX_LINES + 1)[: _FRONT_MAX_LINES + 1])
    rendered = render(text, html_is_text=html_is_text, title=title)
    paragraphs, titles = split_paragraphs(source, rendered.masked, markdown=True)
    return SourceDocument(
        source=source,
        text=rendered.text,
        paragraphs=tuple(paragraphs),
        encoding=encoding,
        titles=titles,
        notice=notice,
        format=format_name,
        title=title or front.title,
        date=date or front.date,
        language=language or front.language,
    )


def load_markdown(path: Path, source: str) -> SourceDocument:
    """Read a .md file (decoded like any text file); raises UnreadableFile."""
    from briefing.corpus.decoding import UnreadableFile, read_text

    text, encoding, notice = read_text(path)
    document = document_from_markdown(
        source, text, encoding=encoding, notice=notice, format_name="markdown"
    )
    if not document.paragraphs:
        raise UnreadableFile("no text outside code and markup")
    return document


def markdown_info(path: Path) -> DocumentInfo:
    """The front matter of a .md file (title, date, language), without rendering the body."""
    from briefing.corpus.decoding import read_text

    text, _, _ = read_text(path)
    front = front_matter(text.split("\n", _FRONT_MAX_LINES + 1)[: _FRONT_MAX_LINES + 1])
    return DocumentInfo("markdown", front.title, front.date, front.language)
