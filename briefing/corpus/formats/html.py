"""Provides the HTML reader: a saved web page's article text, without its menus and comments.

The page is parsed with lxml. Navigation, footers, sidebars, comment sections and forms are
cut out first; jusText then sorts the remaining blocks into article text and boilerplate (by
length, link density and the share of stopwords of the page's language), and when the page
marks its article (<article>, else <main>) only the text inside it is kept. The text is laid
out one block per paragraph, headings as `#` headings, so the paragraph splitter makes them
the `section` of the paragraphs below, as it does for Markdown.
The title and the publication date come from the page's metadata only (Open Graph, Twitter,
<meta>, JSON-LD, <title>, a <time> of the article): a date is never guessed from the text.
The language is the one `<html lang>` or a Content-Language <meta> declares.
lxml and jusText are imported only when an HTML file is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from briefing.corpus.formats.markdown import parse_day
from briefing.corpus.paragraphs import split_paragraphs
from briefing.models import DocumentInfo, ParagraphKind, SourceDocument

NO_ARTICLE = "no article text found in the HTML"

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?![A-Za-z])", re.I)
_META_LANG = re.compile(
    r"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?"
    r"content\s*=\s*[\"']?([A-Za-z]{2,3})(?![A-Za-z])",
    re.I,
)
_HEAD_LIMIT = 65536
# lxml refuses a str that starts with an XML declaration naming an encoding.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_WORD_CHAR = re.compile(r"\w")
_HEADING_LEVEL = re.compile(r"\bh([1-6])\b")
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|·•»–—-]|::)\s+")

_TITLE_KEYS = ("og:title", "twitter:title")
_SITE_KEYS = ("og:site_name", "application-name")
# Publication dates only: a page's modification date is not when the article appeared.
_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "date", "pubdate", "publish-date", "publish_date", "publishdate",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created",
)
_JSON_LD_MAX_DEPTH = 8

# Page furniture, cut before the article text is sought (an element that holds the article,
# or most of the page's text, is kept whatever it is called: some sites wrap a whole page in
# a <form> or give <body> a class such as "sidebar").
_FURNITURE_TAGS = frozenset({
    "nav", "footer", "aside", "form", "menu", "dialog", "template", "noscript", "svg",
    "button", "select", "textarea", "input", "iframe",
})
_FURNITURE_ROLES = frozenset({
    "navigation", "contentinfo", "complementary", "banner", "search", "menu", "menubar",
    "dialog", "alertdialog",
})
_FURNITURE_NAMES = frozenset({
    "comment", "comments", "comment-list", "commentlist", "comments-area", "comment-section",
    "comments-section", "comment-form", "respond", "disqus_thread", "related",
    "related-articles", "related-posts", "share", "sharing", "social-share", "newsletter",
    "cookie-banner", "breadcrumb", "breadcrumbs", "sidebar",
})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_KEEP_TAGS = frozenset({"html", "body", "article", "main"})
# Where a page says its article is, most specific first; a page with two is not believed.
_ARTICLE_QUERIES = ("//*[@itemprop='articleBody']", "//article", "//main | //*[@role='main']")
_ARTICLE_TAG = "briefing-article"
# The article element is trusted when it holds at least this share of the article text found.
_SCOPE_SHARE = 0.5
# jusText's thresholds, for news: its defaults (blocks over 200 characters with 32 % stopwords
# are good) reject many news paragraphs, which are short and dense with names. Prose has more:
# 99 % of the XQuAD (English) paragraphs have at least 26 % of jusText's English stopwords,
# 99 % of the PIAF (French) ones 37 % of its French ones; link lists and bylines far fewer.
_THRESHOLDS = {
    "length_low": 50, "length_high": 150, "stopwords_low": 0.2, "stopwords_high": 0.25,
    "max_link_density": 0.2,
}

# jusText's stopword lists by ISO 639 code (its lists are named by language).
_STOPLISTS = {
    "af": "Afrikaans", "an": "Aragonese", "ar": "Arabic", "ast": "Asturian",
    "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "bpy": "Bishnupriya_Manipuri", "br": "Breton", "bs": "Bosnian", "ca": "Catalan",
    "ceb": "Cebuano", "cs": "Czech", "cv": "Chuvash", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fil": "Tagalog",
    "fr": "French", "fy": "West_Frisian", "ga": "Irish", "gl": "Galician", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "ig": "Igbo", "io": "Ido", "is": "Icelandic",
    "it": "Italian", "iw": "Hebrew", "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh",
    "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin",
    "lb": "Luxembourgish", "lmo": "Lombard", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "mt": "Maltese",
    "nap": "Neapolitan", "nb": "Norwegian_Bokmal", "nds": "Low_Saxon", "ne": "Nepali",
    "new": "Newar", "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "oc": "Occitan", "pl": "Polish", "pms": "Piedmontese", "pt": "Portuguese",
    "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "rup": "Aromanian",
    "scn": "Sicilian", "sgs": "Samogitian", "sh": "Serbo_Croatian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "su": "Sundanese",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tk": "Turkmen",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "vo": "Volapuk", "wa": "Walloon", "war": "Waray_Waray",
    "yo": "Yoruba",
}
_FALLBACK_STOPLIST = "English"


def declared_language(html: str) -> str | None:
    """The language the page declares: <html lang>, else a Content-Language <meta>."""
    head = html[:_HEAD_LIMIT]
    match = _HTML_LANG.search(head) or _META_LANG.search(head)
    return match.group(1).lower() if match else None


def _single_spaced(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


# ---------------------------------------------------------------- parsing and metadata


def _parse(html: str) -> Any:
    """The page as an lxml tree; raises UnreadableFile."""
    import lxml.html
    from lxml import etree

    from briefing.corpus.decoding import UnreadableFile

    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except etree.ParserError as error:  # "Document is empty": markup without any element
        raise UnreadableFile(NO_ARTICLE) from error
    except (ValueError, TypeError, RecursionError, MemoryError, etree.LxmlError) as error:
        raise UnreadableFile(f"unreadable HTML ({type(error).__name__})") from error


def _meta(root: Any) -> dict[str, str]:
    """<meta> values by lower-cased property, name or itemprop; the first of each wins."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = _single_spaced(meta.get("content"))
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _first_h1(root: Any) -> str | None:
    """The article's first <h1>, else the page's."""
    article = _article_root(root)
    for scope in (root,) if article is None else (article, root):
        for heading in scope.iter("h1"):
            words = _single_spaced(heading.text_content())
            if words:
                return words
    return None


def _page_title(root: Any, meta: dict[str, str]) -> str | None:
    """og:title, twitter:title, else <title> without the site's name, else the first <h1>."""
    for key in _TITLE_KEYS:
        if meta.get(key):
            return meta[key]
    head_title = next((_single_spaced(t.text_content()) for t in root.iter("title")), "")
    h1 = _first_h1(root)
    if not head_title:
        return h1
    parts = _TITLE_SEPARATOR.split(head_title)
    if len(parts) > 1:
        if h1 is not None:
            match = next((part for part in parts if _fold(part) == _fold(h1)), None)
            if match is not None:
                return match
        sites = {_fold(meta[key]) for key in _SITE_KEYS if meta.get(key)}
        kept = [part for part in parts if _fold(part) not in sites]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
    return head_title


def _json_ld_dates(value: Any, depth: int = 0) -> Iterator[str]:
    """Every datePublished in a JSON-LD value, outer objects first."""
    if depth > _JSON_LD_MAX_DEPTH:
        return
    if isinstance(value, dict):
        found = value.get("datePublished")
        if isinstance(found, str):
            yield found
        for child in value.values():
            if isinstance(child, dict | list):
                yield from _json_ld_dates(child, depth + 1)
    elif isinstance(value, list):
        for child in value:
            yield from _json_ld_dates(child, depth + 1)


def _json_ld_day(root: Any) -> str | None:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):  # a broken block: the next one may be fine
            continue
        for raw in _json_ld_dates(data):
            day = parse_day(raw)
            if day is not None:
                return day
    return None


def _article_root(root: Any) -> Any | None:
    """The element the page marks as its article: its one articleBody, <article> or <main>."""
    for query in _ARTICLE_QUERIES:
        found = root.xpath(query)
        outer = [e for e in found if not any(a in found for a in e.iterancestors())]
        if len(outer) == 1:
            return outer[0]
    return None


def _time_day(root: Any) -> str | None:
    """A publication <time datetime> of the article (never a date mentioned in its text)."""
    marked = root.xpath("//time[@pubdate or @itemprop='datePublished'][@datetime]"
                        " | //*[@itemprop='datePublished'][@content or @datetime]")
    article = _article_root(root)
    if article is not None:
        marked += [t for t in article.iter("time") if t.get("datetime") and not any(
            a.tag in ("p", "li", "td", "blockquote") for a in t.iterancestors())]
    for element in marked:
        day = parse_day(element.get("datetime") or element.get("content") or "")
        if day is not None:
            return day
    return None


def _page_day(root: Any, meta: dict[str, str]) -> str | None:
    for key in _DATE_KEYS:
        day = parse_day(meta[key]) if key in meta else None
        if day is not None:
            return day
    return _json_ld_day(root) or _time_day(root)


# ---------------------------------------------------------------- the article text


def _is_furniture(element: Any) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag in _KEEP_TAGS:
        return False
    if tag in _FURNITURE_TAGS or tag == "header":
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").strip().lower() in _FURNITURE_ROLES:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    return any(name in _FURNITURE_NAMES for name in names)


def _cut_furniture(root: Any) -> None:
    """Remove menus, footers, sidebars, comments and forms, keeping what holds the article."""
    for code in list(root.iter("script", "style")):
        code.drop_tree()  # not text, and it would count as some
    page_text = len(_single_spaced(root.text_content()))
    doomed: set[Any] = set()
    for element in root.iter():
        if not _is_furniture(element) or any(a in doomed for a in element.iterancestors()):
            continue
        if element.tag == "header" and any(
                a.tag in ("article", "main") for a in element.iterancestors()):
            continue  # an article's own header: its headline and byline
        holds_article = element.xpath("boolean(.//article | .//main | .//*[@role='main'])")
        if element.tag == "header":
            holds_article = holds_article or element.xpath("boolean(.//h1)")
        if holds_article or len(_single_spaced(element.text_content())) * 2 > page_text:
            continue
        doomed.add(element)
    for element in doomed:
        element.drop_tree()


def _unlink_headings(root: Any) -> None:
    """Headings that link to themselves (anchors) are headings, not links to elsewhere."""
    from lxml import etree

    for heading in root.iter(*_HEADINGS):
        etree.strip_tags(heading, "a")


def _mark_article(root: Any) -> None:
    """Rename the article element so that jusText's paragraphs say whether they are in it."""
    article = _article_root(root)
    if article is not None:
        article.tag = _ARTICLE_TAG


@lru_cache(maxsize=16)
def _stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(name))


def _stoplist_for(language: str | None, paragraphs: list[Any]) -> frozenset[str] | None:
    """The stopwords of the page's language; None for a language jusText has no list for."""
    if language is None:
        from briefing.corpus.language import SAMPLE_CHARS, detect_language

        texts = sorted((p.text for p in paragraphs), key=len, reverse=True)
        sample, size = [], 0
        for text in texts:
            sample.append(text)
            size += len(text) + 1
            if size >= SAMPLE_CHARS:
                break
        language = detect_language("\n".join(sample))[0]
        if language is None:
            return _stoplist(_FALLBACK_STOPLIST)
    name = _STOPLISTS.get(language)
    return _stoplist(name) if name else None


@lru_cache(maxsize=1)
def _settled_paragraph() -> type:
    """jusText's Paragraph with its text worked out once: jusText recomputes it on every
    use (joining and re-normalising its pieces), which made classifying most of the work."""
    from justext.paragraph import Paragraph

    class SettledParagraph(Paragraph):
        @cached_property
        def text(self) -> str:
            return str(Paragraph.text.fget(self))

    return SettledParagraph


def _short_prose(paragraph: Any, stoplist: frozenset[str] | None) -> bool:
    """Whether a block jusText found too short is still prose: a <p> of its own, few of its
    characters in links, and as many stopwords as an article's (without a stopword list for
    its language, nothing tells prose from a line of names: it is not)."""
    if paragraph.cf_class != "short" or paragraph.dom_path.split(".")[-1] != "p":
        return False
    if paragraph.links_density() > _THRESHOLDS["max_link_density"]:
        return False
    return stoplist is not None and (
        paragraph.stopwords_density(stoplist) >= _THRESHOLDS["stopwords_low"])


def _classify(paragraphs: list[Any], stoplist: frozenset[str] | None) -> list[Any]:
    """The paragraphs jusText takes for article text, with these stopwords."""
    from justext.core import classify_paragraphs, revise_paragraph_classification

    if stoplist is None:
        # No list for this language: jusText's language-independent mode (length and links).
        classify_paragraphs(paragraphs, frozenset(), **{
            **_THRESHOLDS, "stopwords_low": 0.0, "stopwords_high": 0.0})
    else:
        classify_paragraphs(paragraphs, stoplist, **_THRESHOLDS)
    if not any(p.cf_class == "good" for p in paragraphs):
        # jusText grows the article out from its long blocks; a page of short paragraphs
        # has none, so its near-good ones (prose, but short) take that part.
        near = [p for p in paragraphs if p.cf_class == "neargood"]
        if not near:
            # Nor near-good ones: a page of a line or two ("<p>Yahoo earned $187m.</p>") is
            # all article, when that line is prose in a paragraph of its own, not a link.
            near = [p for p in paragraphs if _short_prose(p, stoplist)]
        for paragraph in near:
            paragraph.cf_class = "good"
    revise_paragraph_classification(paragraphs)
    return [p for p in paragraphs if not p.is_boilerplate]


def _article_blocks(root: Any, language: str | None) -> list[Any]:
    """jusText's article paragraphs of the page (the tree is changed)."""
    from justext.core import ParagraphMaker, preprocessor

    _cut_furniture(root)
    _unlink_headings(root)
    _mark_article(root)
    paragraphs = ParagraphMaker.make_paragraphs(preprocessor(root))
    settled = _settled_paragraph()
    for paragraph in paragraphs:
        paragraph.__class__ = settled  # complete now: its text no longer changes
    stoplist = _stoplist_for(language, paragraphs)
    good = _classify(paragraphs, stoplist)
    if not good and language is not None:
        # Some sites declare their own language on every page, whatever the article's is.
        detected = _stoplist_for(None, paragraphs)
        if detected is not stoplist:
            good = _classify(paragraphs, detected)
    inside = [p for p in good if _ARTICLE_TAG in p.dom_path.split(".")]
    if inside and sum(len(p.text) for p in inside) >= _SCOPE_SHARE * sum(
            len(p.text) for p in good):
        return inside
    return good


def _layout(blocks: list[Any], title: str | None) -> str:
    """The article as text: one block a paragraph, headings as `#` lines, list items as `- `."""
    lines: list[str] = []
    headings: list[str] = []
    for block in blocks:
        text = _single_spaced(block.text)
        if not _WORD_CHAR.search(text):
            continue  # rules, bullets and arrows alone
        path = block.dom_path.split(".")
        if path[-1] == "pre":
            continue  # code is never an answer (the Markdown reader keeps it out too)
        if block.is_heading:
            level = int(_HEADING_LEVEL.findall(block.dom_path)[-1])
            lines.append("#" * level + " " + text)
            headings.append(text)
        elif path[-1] == "li":
            lines.append("- " + text)
        else:
            lines.append(text)
    if title and not (headings and _fold(headings[0]) == _fold(title)):
        # The declared title is the document title: as the top heading, the splitter makes
        # it the title and the page's own headings its sections (as the Markdown reader does).
        lines.insert(0, "# " + title)
    return "\n\n".join(lines) + "\n"


def load_html(path: Path, source: str) -> SourceDocument:
    """Read a saved web page's article text; raises UnreadableFile."""
    from briefing.corpus.decoding import UnreadableFile, read_text

    html, encoding, notice = read_text(path)
    root = _parse(html)
    meta = _meta(root)
    title = _page_title(root, meta)
    day = _page_day(root, meta)
    language = declared_language(html)
    from lxml import etree

    try:
        blocks = _article_blocks(root, language)
    except (ValueError, TypeError, RecursionError, MemoryError, etree.LxmlError) as error:
        raise UnreadableFile(f"unreadable HTML ({type(error).__name__})") from error
    text = _layout(blocks, title)
    paragraphs, titles = split_paragraphs(source, text, markdown=True)
    if not any(p.kind is ParagraphKind.BODY for p in paragraphs):
        raise UnreadableFile(NO_ARTICLE)
    return SourceDocument(
        source=source,
        text=text,
        paragraphs=tuple(paragraphs),
        encoding=encoding,
        titles=titles,
        notice=notice,
        format="html",
        title=title,
        date=day,
        language=language,
    )


def html_info(path: Path) -> DocumentInfo:
    """The title, date and language a saved page declares, without extracting its text."""
    from briefing.corpus.decoding import UnreadableFile, read_text

    html, _, _ = read_text(path)
    language = declared_language(html)
    try:
        root = _parse(html)
    except UnreadableFile:  # no markup to read: nothing declared but the language
        return DocumentInfo(format="html", language=language)
    meta = _meta(root)
    return DocumentInfo(
        format="html", title=_page_title(root, meta), date=_page_day(root, meta),
        language=language,
    )
