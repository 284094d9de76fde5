"""The HTML reader: the article without menus, footers or comments; metadata from the head."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.corpus.decoding import UnreadableFile
from briefing.corpus.formats import read_info
from briefing.corpus.reading import load_document
from briefing.models import ParagraphKind
from tests.conftest import run_cli

BODY = ParagraphKind.BODY

PAGE = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Seoul blocks DeepSeek | Example News</title>
<meta property="og:title" content="Seoul blocks DeepSeek on government computers">
<meta property="article:published_time" content="2025-02-06T09:30:00+09:00">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<article>
<h1>Seoul blocks DeepSeek on government computers</h1>
<p>South Korea's industry ministry temporarily blocked employee access to the Chinese AI
startup DeepSeek on Wednesday, citing security concerns, a ministry official said.</p>
<p>The ministry said the measure followed a government notice urging caution with generative
AI services, according to <a href="https://example.com/r">Reuters</a> reporting.</p>
<h2>Reactions abroad</h2>
<p>Japan and Australia have taken similar steps, officials said, and Italy's data protection
authority ordered the chatbot blocked in the country last week.</p>
<p>Engineers noted that the app's web page printed a literal &lt;b&gt; tag in its banner.</p>
</article>
<section class="comments">
<h3>Leave a comment</h3>
<form><textarea>Your comment</textarea><button>Post comment</button></form>
<div class="comment"><p>Great article, thanks so much for sharing this with all of us!</p></div>
</section>
<footer><p>Copyright 2025 Example News. All rights reserved. Privacy policy.</p></footer>
</body>
</html>
"""


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_article_text_without_menus_footers_or_comments(tmp_path: Path) -> None:
    document = load_document(tmp_path, write(tmp_path, "page.html", PAGE))
    texts = [p.text for p in document.paragraphs if p.kind is BODY]
    assert texts[0].startswith("South Korea's industry ministry temporarily blocked")
    assert any("according to Reuters reporting." in t for t in texts)  # link shows its text
    joined = " ".join(p.text for p in document.paragraphs)
    for furniture in ("Home", "Subscribe", "Leave a comment", "Post comment", "Great article",
                      "Copyright", "Privacy policy"):
        assert furniture not in joined, furniture


def test_metadata_from_the_head(tmp_path: Path) -> None:
    document = load_document(tmp_path, write(tmp_path, "page.htm", PAGE))
    assert document.format == "html"
    assert document.title == "Seoul blocks DeepSeek on government computers"
    assert document.date == "2025-02-06"
    assert document.language == "en"


def test_headings_become_sections(tmp_path: Path) -> None:
    document = load_document(tmp_path, write(tmp_path, "page.html", PAGE))
    japan = next(p for p in document.paragraphs if p.text.startswith("Japan"))
    assert japan.section == "Reactions abroad"
    assert japan.title == "Seoul blocks DeepSeek on government computers"
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start : paragraph.end] == paragraph.text


def test_escaped_markup_in_the_article_is_text(tmp_path: Path) -> None:
    document = load_document(tmp_path, write(tmp_path, "page.html", PAGE))
    assert any("a literal <b> tag" in p.text for p in document.paragraphs)


def test_a_date_only_in_the_text_is_not_guessed(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Undated story</title></head><body><article>"
        "<p>On 5 March 2024 the regulator said it had reviewed the chatbot's data practices "
        "and found several problems with how personal information was handled.</p>"
        "<p>The company said it would cooperate fully with the investigation.</p>"
        "</article></body></html>"
    )
    document = load_document(tmp_path, write(tmp_path, "undated.html", page))
    assert document.date is None and document.language is None
    assert document.title == "Undated story"


def test_legacy_encoding_declared_in_the_page(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Reactions abroad", "Réactions à l’étranger"
    )
    document = load_document(tmp_path, write(tmp_path, "old.html", page, "cp1252"))
    japan = next(p for p in document.paragraphs if p.text.startswith("Japan"))
    assert japan.section == "Réactions à l’étranger"


def test_a_page_without_article_text_is_skipped(tmp_path: Path) -> None:
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body>"
    with pytest.raises(UnreadableFile, match="no article text"):
        load_document(tmp_path, write(tmp_path, "menu.html", page + "</html>"))


def test_a_page_of_one_short_paragraph_is_read(tmp_path: Path) -> None:
    # Too short for jusText's article blocks, and nothing else on the page: it is the article.
    page = "<html><body><p>Yahoo earned $187m in the quarter, up 20%.</p></body></html>"
    document = load_document(tmp_path, write(tmp_path, "short.html", page))
    assert [p.text for p in document.paragraphs] == ["Yahoo earned $187m in the quarter, up 20%."]


def test_a_short_link_or_a_line_without_prose_is_no_article(tmp_path: Path) -> None:
    for name, body in (("link.html", "<p><a href='/more'>Read more about the markets</a></p>"),
                       ("names.html", "<p>Yahoo, Google, Microsoft, Apple, Amazon.</p>")):
        page = f"<html lang='en'><body>{body}</body></html>"
        with pytest.raises(UnreadableFile, match="no article text"):
            load_document(tmp_path, write(tmp_path, name, page))


def test_metadata_alone(tmp_path: Path) -> None:
    info = read_info(write(tmp_path, "page.html", PAGE))
    assert (info.format, info.title, info.date, info.language) == (
        "html", "Seoul blocks DeepSeek on government computers", "2025-02-06", "en",
    )


# ------------------------------------------------------------------ generated pages

ARTICLE = (
    "<p>South Korea's industry ministry temporarily blocked employee access to the Chinese AI "
    "startup DeepSeek on Wednesday, citing security concerns, a ministry official said.</p>"
    "<p>Japan and Australia have taken similar steps, officials said, and Italy's data "
    "protection authority ordered the chatbot blocked in the country last week.</p>"
)


def page(head: str = "", body: str = ARTICLE, lang: str = ' lang="en"') -> str:
    return f"<!DOCTYPE html><html{lang}><head>{head}</head><body>{body}</body></html>"


def indexed_text(folder: Path, word: str) -> list[str]:
    """The passages `briefing search` finds for a word: what the index holds."""
    done = run_cli("search", "--json", "--corpus", str(folder), word)
    assert done.returncode in (0, 1), done.stderr
    return [hit["passage"] for hit in json.loads(done.stdout)["results"]]


def test_menus_footers_and_comment_forms_are_not_indexed(tmp_path: Path) -> None:
    # Furniture written as prose, so that only its place in the page tells it apart.
    furniture = (
        "<header><p>Welcome to the Daily Lantern, where the kingfisher team brings you the "
        "stories that matter to readers across the whole peninsula every morning.</p></header>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li>"
        "<li><a href='/k'>Kingfisher weekly digest of the most important news</a></li></ul></nav>"
    )
    comments = (
        "<form action='/comment'><label>Your comment on this story: please keep the "
        "discussion civil, as every kingfisher post is read by a moderator before it is "
        "published.</label><textarea name='c'></textarea><button>Post comment</button></form>"
    )
    footer = (
        "<footer><p>The Daily Lantern is published by the kingfisher media group, and all of "
        "the stories on this site are written by its own reporters in the region.</p></footer>"
    )
    body = furniture + f"<article><h1>Seoul blocks DeepSeek</h1>{ARTICLE}</article>"
    (tmp_path / "story.html").write_text(page(body=body + comments + footer), encoding="utf-8")
    assert indexed_text(tmp_path, "kingfisher") == []
    assert indexed_text(tmp_path, "moderator") == []
    assert any("Australia" in passage for passage in indexed_text(tmp_path, "Australia"))


def test_link_lists_and_copyright_lines_without_semantic_tags(tmp_path: Path) -> None:
    menu = "<div class='top'>" + "".join(
        f"<div><a href='/{n}'>Section {n} of the newspaper</a></div>" for n in range(8)
    ) + "</div>"
    footer = "<div class='bottom'><p>© 2025 Daily Lantern. Terms of use and privacy.</p></div>"
    document = load_document(
        tmp_path, write(tmp_path, "plain.html", page(body=menu + f"<div>{ARTICLE}</div>" + footer))
    )
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("South Korea's industry ministry")
    assert not any("Section" in t or "Daily Lantern" in t for t in texts), texts


def test_an_h2_heading_is_the_section_of_the_paragraphs_below(tmp_path: Path) -> None:
    body = (
        "<div class='post'><h1>Seoul blocks DeepSeek</h1>" + ARTICLE
        + "<h2 id='industry'><a href='#industry'>Industry response</a></h2>"
        "<p>Kakao told its employees not to use the Chinese chatbot for work, and LG Uplus "
        "issued an internal notice restricting it, the companies said on Thursday.</p>"
        "<h3>Banks</h3><p>Several banks said they were reviewing whether staff had used the "
        "service on their work computers, according to people familiar with the matter.</p></div>"
    )
    document = load_document(tmp_path, write(tmp_path, "post.html", page(body=body)))
    by_start = {p.text.split()[0]: p for p in document.paragraphs if p.kind is BODY}
    assert by_start["South"].section is None
    assert by_start["Kakao"].section == "Industry response"
    assert by_start["Several"].section == "Banks"
    assert {p.title for p in document.paragraphs} == {"Seoul blocks DeepSeek"}
    headings = [p.text for p in document.paragraphs if p.kind is ParagraphKind.HEADING]
    assert headings == ["Seoul blocks DeepSeek", "Industry response", "Banks"]


def test_og_title_and_article_published_time(tmp_path: Path) -> None:
    head = (
        "<title>Front page | Daily Lantern</title>"
        "<meta name='date' content='2020-01-01'>"  # less specific: comes after
        "<meta property='og:title' content='Seoul restricts the Chinese chatbot'>"
        "<meta property='article:published_time' content='2025-02-06T23:30:00-05:00'>"
        "<meta property='article:modified_time' content='2025-03-01T10:00:00Z'>"
    )
    body = f"<article><h1>Ministry blocks DeepSeek</h1>{ARTICLE}</article>"
    path = write(tmp_path, "og.html", page(head, body))
    document = load_document(tmp_path, path)
    assert (document.title, document.date) == ("Seoul restricts the Chinese chatbot", "2025-02-06")
    info = read_info(path)
    assert (info.title, info.date) == ("Seoul restricts the Chinese chatbot", "2025-02-06")


def test_json_ld_date_published(tmp_path: Path) -> None:
    head = (
        "<title>Seoul blocks DeepSeek</title>"
        "<script type='application/ld+json'>{not json</script>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Daily Lantern"},'
        '{"@type": "NewsArticle", "dateModified": "2025-03-01", '
        '"datePublished": "2025-02-07T08:00:00+09:00", "headline": "Seoul blocks DeepSeek"}'
        "]}</script>"
    )
    path = write(tmp_path, "ld.html", page(head, f"<article>{ARTICLE}</article>"))
    assert load_document(tmp_path, path).date == "2025-02-07"
    assert read_info(path).date == "2025-02-07"


def test_the_time_of_the_article_but_not_a_time_in_its_text(tmp_path: Path) -> None:
    in_text = (
        "<p>The ban will be reviewed on <time datetime='2025-06-30'>30 June</time>, the "
        "ministry said, after the company answers questions about its data practices.</p>"
    )
    byline = "<div class='byline'>By Kim <time datetime='2025-02-06T09:00'>6 Feb</time></div>"
    no_byline = load_document(
        tmp_path, write(tmp_path, "a.html", page(body=f"<article>{in_text}{ARTICLE}</article>"))
    )
    assert no_byline.date is None
    dated = load_document(tmp_path, write(
        tmp_path, "b.html", page(body=f"<article>{byline}{in_text}{ARTICLE}</article>")
    ))
    assert dated.date == "2025-02-06"


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ("<meta name='twitter:title' content='Seoul and DeepSeek'><title>Other</title>",
         ARTICLE, "Seoul and DeepSeek"),
        ("<title>Seoul blocks DeepSeek | Daily Lantern</title>"
         "<meta property='og:site_name' content='Daily Lantern'>", ARTICLE,
         "Seoul blocks DeepSeek"),
        ("<title>Daily Lantern - Seoul blocks DeepSeek</title>",
         f"<article><h1>Seoul blocks DeepSeek</h1>{ARTICLE}</article>", "Seoul blocks DeepSeek"),
        ("", f"<h1>Seoul blocks   DeepSeek</h1>{ARTICLE}", "Seoul blocks DeepSeek"),
        ("", ARTICLE, None),
    ],
)
def test_title_from_the_page_metadata(tmp_path: Path, head: str, body: str,
                                      title: str | None) -> None:
    path = write(tmp_path, "t.html", page(head, body))
    assert load_document(tmp_path, path).title == title
    assert read_info(path).title == title


FRENCH = (
    "<p>Le ministère sud-coréen de l'Industrie a temporairement bloqué l'accès de ses employés "
    "à la start-up chinoise DeepSeek, en invoquant des préoccupations de sécurité.</p>"
    "<p>Le Japon et l'Australie ont pris des mesures similaires, et l'autorité italienne de "
    "protection des données a ordonné le blocage du service la semaine dernière.</p>"
)


# A keyword line: long, but with few stopwords, so boilerplate by the page language's list
# (without any list, jusText would judge by length and links alone, and keep it).
KEYWORDS = (
    "<p>Mots-clés : Corée, DeepSeek, intelligence artificielle, Chine, cybersécurité, "
    "ministère, industrie, Kakao, LG Uplus, Naver, Samsung, Séoul, Pékin, Tokyo, Canberra, "
    "Rome, régulateurs, données personnelles</p>"
)


@pytest.mark.parametrize("lang", ["", ' lang="fr"', ' lang="en"'])
def test_stopwords_of_the_page_language(tmp_path: Path, lang: str) -> None:
    # The French list is chosen from the declared language, else from the detected one (also
    # when a site declares English on every page: with English stopwords the French article
    # would itself look like boilerplate).
    body = f"<div>{FRENCH}{KEYWORDS}</div>"
    document = load_document(tmp_path, write(tmp_path, "fr.html", page(body=body, lang=lang)))
    texts = [p.text for p in document.paragraphs if p.kind is BODY]
    assert [t.split()[1] for t in texts] == ["ministère", "Japon"]
    assert document.language == (lang.split('"')[1] if lang else None)


def test_a_language_without_a_stopword_list(tmp_path: Path) -> None:
    japanese = (
        "<p>韓国の産業通商資源部は水曜日、セキュリティー上の懸念を理由に、中国のAI新興企業ディープシーク"
        "への職員のアクセスを一時的に遮断したと、同省の当局者が明らかにした。</p>"
        "<p>日本とオーストラリアも同様の措置を取っており、イタリアのデータ保護当局は先週、国内での"
        "チャットボットの遮断を命じた。</p>"
    )
    body = f"<nav><a href='/'>ホーム</a> <a href='/w'>世界</a></nav><article>{japanese}</article>"
    path = write(tmp_path, "ja.html", page(body=body, lang=' lang="ja"'))
    texts = [p.text for p in load_document(tmp_path, path).paragraphs if p.kind is BODY]
    assert [t[:2] for t in texts] == ["韓国", "日本"]


def test_only_the_text_of_the_article_element_is_kept(tmp_path: Path) -> None:
    promo = (
        "<div class='promo'><p>Our reporters have been covering the technology industry for "
        "more than twenty years, and you can support their work with a subscription that "
        "costs less than a cup of coffee each week.</p></div>"
    )
    body = f"<div><article><h1>Seoul blocks DeepSeek</h1>{ARTICLE}</article>{promo}</div>"
    document = load_document(tmp_path, write(tmp_path, "scoped.html", page(body=body)))
    texts = [p.text for p in document.paragraphs if p.kind is BODY]
    assert [t.split()[0] for t in texts] == ["South", "Japan"]


def test_a_page_of_navigation_only_is_skipped_with_its_reason(tmp_path: Path) -> None:
    links = "".join(f"<li><a href='/{n}'>Latest news from region {n}</a></li>" for n in range(12))
    body = (
        f"<header><a href='/'>Daily Lantern</a></header><nav><ul>{links}</ul></nav>"
        f"<div class='index'><ul>{links}</ul></div>"
        "<footer><p>© 2025 Daily Lantern. All rights reserved.</p></footer>"
    )
    (tmp_path / "menu.html").write_text(page(body=body), encoding="utf-8")
    (tmp_path / "story.html").write_text(page(body=ARTICLE), encoding="utf-8")
    done = run_cli("index", "--json", "--corpus", str(tmp_path))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["files"] == 1
    assert data["skipped"] == [{"path": "menu.html", "reason": "no article text found in the HTML"}]


def test_odd_markup_is_read_or_skipped_in_silence(tmp_path: Path) -> None:
    (tmp_path / "xhtml.html").write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<html xmlns='http://www.w3.org/1999/xhtml' "
        f"lang='en'><head><title>X</title></head><body>{ARTICLE}</body></html>", encoding="utf-8"
    )
    (tmp_path / "broken.html").write_text(
        f"<html><body><div><p>{ARTICLE}<td></span>&bogus; <p <<>></table></div>",
        encoding="utf-8",
    )
    (tmp_path / "comment.html").write_text("<!-- nothing but a comment -->", encoding="utf-8")
    done = run_cli("index", "--json", "--corpus", str(tmp_path))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    data = json.loads(done.stdout)
    assert data["files"] == 2
    assert data["skipped"] == [
        {"path": "comment.html", "reason": "no article text found in the HTML"}
    ]


def test_the_libraries_load_when_a_page_is_read(tmp_path: Path) -> None:
    # The counterpart of test_folder's check that a .txt corpus never imports them: these
    # are the module names that check watches.
    path = write(tmp_path, "page.html", PAGE)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from briefing.corpus.reading import load_document\n"
        "before = [m for m in ('justext', 'lxml') if m in sys.modules]\n"
        f"load_document(Path({str(tmp_path)!r}), Path({str(path)!r}))\n"
        "print(before, [m for m in ('justext', 'lxml') if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.strip() == "[] ['justext', 'lxml']", done.stderr
