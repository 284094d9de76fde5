"""Provides tests of paragraph cutting, headings, titles, passages and boilerplate rules."""

from __future__ import annotations

import random
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.corpus.boilerplate import is_boilerplate, repetition_key
from briefing.corpus.paragraphs import PASSAGE_LIMIT, split_paragraphs
from briefing.models import Paragraph, ParagraphKind

BODY = ParagraphKind.BODY
HEADING = ParagraphKind.HEADING
BOILERPLATE = ParagraphKind.BOILERPLATE

PROSE = [
    "South Korea's industry ministry has temporarily blocked employee access to the Chinese "
    "artificial intelligence startup DeepSeek due to security concerns, a ministry official "
    "said on Wednesday. The move comes as the government urges caution over generative AI "
    "services. Officials said the measure would remain in place until further notice, and "
    "that other ministries were considering similar steps in the coming days.",
    "Korea Hydro and Nuclear Power said it had blocked the use of AI services, including "
    "DeepSeek, earlier this month. The defence ministry also blocked access on computers used "
    "for military purposes, while the foreign ministry restricted it on computers connected to "
    "external networks, according to Yonhap News Agency. Kakao and Naver told staff not to use it.",
    "Australia and Taiwan have banned DeepSeek this week from all government devices over "
    "concerns that the Chinese artificial intelligence startup poses security risks. In "
    "January, the Italian data protection authority ordered DeepSeek to block its chatbot in "
    "the country after the startup failed to address the regulator's concerns over its privacy "
    "policy.",
]


def split(text: str, markdown: bool = False) -> tuple[list[Paragraph], tuple[str, ...]]:
    paragraphs, titles = split_paragraphs("doc.txt", text, markdown=markdown)
    check_invariants(text, paragraphs)
    return paragraphs, titles


def check_invariants(text: str, paragraphs: list[Paragraph]) -> None:
    previous: Paragraph | None = None
    for p in paragraphs:
        assert p.text == text[p.start:p.end]
        assert p.text and p.text == p.text.strip()
        assert p.line == text.count("\n", 0, p.start) + 1
        assert p.kind is not BODY or len(p.text) <= PASSAGE_LIMIT
        if previous is None:
            assert p.number == 1
        else:
            assert p.start >= previous.end
            assert p.number in (previous.number, previous.number + 1)
        previous = p


def texts(paragraphs: list[Paragraph], kind: ParagraphKind | None = None) -> list[str]:
    return [p.text for p in paragraphs if kind is None or p.kind is kind]


# --- Blocks, hard wrap, sentence lines ------------------------------------------------------


def test_hard_wrapped_prose_is_one_paragraph_per_block() -> None:
    blocks = [textwrap.fill(prose, 72) for prose in PROSE]
    assert all(block.count("\n") >= 3 for block in blocks)
    text = "\n\n".join(blocks) + "\n"
    paragraphs, titles = split(text)
    assert titles == ()
    assert [p.kind for p in paragraphs] == [BODY, BODY, BODY]
    assert texts(paragraphs) == blocks  # the newlines stay inside the paragraph text
    assert [" ".join(p.text.split()) for p in paragraphs] == PROSE
    assert [p.line for p in paragraphs] == [1, 1 + blocks[0].count("\n") + 2,
                                           blocks[0].count("\n") + blocks[1].count("\n") + 5]


@pytest.mark.parametrize("width", [50, 60, 66, 80])
def test_hard_wrap_at_other_widths(width: int) -> None:
    text = "\n\n".join(textwrap.fill(prose, width) for prose in PROSE)
    paragraphs, _ = split(text)
    assert [" ".join(p.text.split()) for p in paragraphs] == PROSE
    assert all(p.kind is BODY for p in paragraphs)


def test_lines_that_are_each_sentences_are_each_a_paragraph() -> None:
    lines = [
        "The ministry blocked access on Wednesday.",
        "Officials cited security concerns!",
        "Is the ban permanent?",
        "\u201cWe are cautious,\u201d an official said.",
        "Kakao told staff to avoid the app.",
    ]
    # (At the very top of a file the first such line would read as the headline.)
    paragraphs, _ = split("An opening paragraph.\n\n" + "\n".join(lines))
    assert texts(paragraphs, BODY)[1:] == lines
    assert [p.line for p in paragraphs] == [1, 3, 4, 5, 6, 7]
    assert [p.number for p in paragraphs] == [1, 2, 3, 4, 5, 6]


def test_single_newline_paragraphs_of_wrapped_prose_split_where_the_line_is_short() -> None:
    first, second = textwrap.fill(PROSE[0], 72), textwrap.fill(PROSE[1], 72)
    paragraphs, _ = split(first + "\n" + second)
    assert texts(paragraphs) == [first, second]


def test_an_indented_first_line_opens_a_paragraph_of_wrapped_text() -> None:
    """Typed and wire text marks a paragraph by indenting its first line, no blank line."""
    text = (
        "    LONDON, March 3 - The Bank of England said it had provided\n"
        "the money market with 215 mln stg in assistance this afternoon.\n"
        "    This brings the bank's total help today to 1.02 billion stg\n"
        "and compares with the 1.2 billion stg shortage it forecast.\n"
        "    The central bank made outright purchases of bank bills\n"
        "totalling 160 mln stg at 10-7/8 pct.\n"
    )
    paragraphs, _ = split(text)
    assert [t.split()[0] for t in texts(paragraphs)] == ["LONDON,", "This", "The"]
    # A line indented mid-sentence opens nothing.
    wrapped = "The bank said it had\n    provided the market with money.\n"
    assert texts(split(wrapped)[0]) == ["The bank said it had\n    provided the market with money."]


@pytest.mark.parametrize("blank", ["   ", "\u00a0", " \u2007 ", "\u202f", "\t \u00a0 \t", ""])
def test_white_space_only_lines_are_blank(blank: str) -> None:
    text = f"First paragraph here,\nstill the first.\n{blank}\nSecond paragraph.\n{blank}\nThird."
    paragraphs, _ = split(text)
    assert texts(paragraphs) == ["First paragraph here,\nstill the first.", "Second paragraph.",
                                 "Third."]
    assert [p.line for p in paragraphs] == [1, 4, 6]


def test_crlf_leftovers_and_indentation_are_outside_the_text() -> None:
    text = "   Indented first line of a paragraph.   \n\n\tTabbed second.\t\n"
    paragraphs, _ = split(text)
    assert texts(paragraphs) == ["Indented first line of a paragraph.", "Tabbed second."]
    assert paragraphs[0].start == 3


# --- Long passages ---------------------------------------------------------------------------


def long_paragraph(chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    words = ("ministry security data officials company government service access network "
             "privacy startup chatbot regulator Seoul Kakao").split()
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < chars:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(6, 24)))
        sentences.append(sentence[0].upper() + sentence[1:] + rng.choice(".!?"))
    return " ".join(sentences)


def test_long_paragraph_is_cut_into_passages_at_sentence_ends() -> None:
    para = long_paragraph(6000)
    assert len(para) > 6000
    text = "Before.\n\n" + para + "\n\nAfter."
    paragraphs, _ = split(text)
    passages = [p for p in paragraphs if p.number == 2]
    assert len(passages) >= 3
    for p in passages:
        assert len(p.text) <= PASSAGE_LIMIT
        assert p.text[-1] in ".!?"  # cut at a sentence end
        assert p.text[0].isupper()  # and starts at the next sentence
        assert p.kind is BODY and p.line == 3
    assert " ".join(p.text for p in passages) == para
    assert [p.number for p in paragraphs] == [1] + [2] * len(passages) + [3]
    assert paragraphs[-1].text == "After."


def test_passages_of_a_wrapped_paragraph_have_their_own_line() -> None:
    para = textwrap.fill(long_paragraph(5000, seed=3), 70)
    text = "Title Line Of The Story\n\n" + para + "\n"
    paragraphs, _ = split(text)
    passages = [p for p in paragraphs if p.number == 2]
    assert len(passages) >= 3
    assert passages[0].line == 3
    assert passages[1].line > passages[0].line  # check_invariants verified each exactly


def test_sentence_without_an_end_is_cut_at_white_space() -> None:
    para = " ".join(["word"] * 1500)  # 7,499 characters, no full stop anywhere
    paragraphs, _ = split(para)
    assert len(paragraphs) == 4
    assert all(p.number == 1 for p in paragraphs)
    assert all(p.text.startswith("word") and p.text.endswith("word") for p in paragraphs)
    assert sum(p.text.count("word") for p in paragraphs) == 1500


def test_three_megabyte_line_without_spaces_is_cut_hard() -> None:
    size = 3_000_000
    text = "x" * size + "\n\nNext paragraph."
    paragraphs, _ = split_paragraphs("big.txt", text)
    passages = [p for p in paragraphs if p.number == 1]
    assert len(passages) == size // PASSAGE_LIMIT
    assert all(len(p.text) == PASSAGE_LIMIT and p.line == 1 for p in passages)
    assert all(a.end == b.start for a, b in zip(passages, passages[1:], strict=False))
    assert passages[0].start == 0 and passages[-1].end == size
    assert paragraphs[-1].text == "Next paragraph." and paragraphs[-1].number == 2
    assert paragraphs[-1].line == 3


# --- Headings, sections, titles ----------------------------------------------------------------


def test_heading_inside_a_block_ends_the_paragraph_before_it() -> None:
    text = (
        "Seoul Blocks DeepSeek\n\n"
        "The ministry acted on Wednesday.\n"
        "Security Concerns Grow\n"
        "Officials cited data risks in a long statement on the matter.\n"
        "Other ministries are expected to follow in the coming weeks.\n"
    )
    paragraphs, titles = split(text)
    assert titles == ("Seoul Blocks DeepSeek",)
    assert [(p.text, p.kind, p.section) for p in paragraphs] == [
        ("Seoul Blocks DeepSeek", HEADING, None),
        ("The ministry acted on Wednesday.", BODY, None),
        ("Security Concerns Grow", HEADING, None),
        ("Officials cited data risks in a long statement on the matter.", BODY,
         "Security Concerns Grow"),
        ("Other ministries are expected to follow in the coming weeks.", BODY,
         "Security Concerns Grow"),
    ]
    assert all(p.title == "Seoul Blocks DeepSeek" for p in paragraphs)


def test_one_word_line_with_text_under_it_is_a_heading_alone_it_is_navigation() -> None:
    text = (
        "Background\n"
        "The ban follows similar moves by Australia and Taiwan this week.\n\n"
        "Comments\n\n"
        "Menu\n"
    )
    paragraphs, _ = split(text)
    assert [(p.text, p.kind) for p in paragraphs] == [
        ("Background", HEADING),
        ("The ban follows similar moves by Australia and Taiwan this week.", BODY),
        ("Comments", BOILERPLATE),
        ("Menu", BOILERPLATE),
    ]
    # A one-word heading is a section, never the headline of the article.
    assert paragraphs[1].section == "Background"
    assert all(p.title is None for p in paragraphs)


def test_a_wrapped_line_is_not_taken_for_a_heading() -> None:
    # Eleven words, no full stop, next line capitalised: but it is the wrapped start of prose.
    text = ("Officials at the ministry said that they had blocked access to\n"
            "DeepSeek on all computers connected to external networks on Thursday.\n")
    paragraphs, titles = split(text)
    assert [p.kind for p in paragraphs] == [BODY]
    assert titles == ()


def test_continuation_in_lower_case_is_never_a_heading() -> None:
    text = "Seoul and Tokyo officials\nsaid on Friday that the ban would stay.\n"
    paragraphs, _ = split(text)
    assert texts(paragraphs, BODY) == [text.strip()]


def test_a_sentence_on_the_first_line_is_text_not_the_title() -> None:
    """Issue 17: a title must look like a headline (no closing punctuation); a sentence is
    never lost to one."""
    text = (
        "Seoul restricts DeepSeek over security fears.\n"
        "Ministries block the app on office computers.\n"
        "Companies follow suit.\n"
    )
    paragraphs, titles = split(text)
    assert titles == ()
    assert [p.kind for p in paragraphs] == [BODY, BODY, BODY]
    assert [p.number for p in paragraphs] == [1, 2, 3]


def test_a_headline_without_a_full_stop_on_the_first_line_is_the_title() -> None:
    text = (
        "Seoul restricts DeepSeek over security fears\n\n"
        "Ministries block the app on office computers.\n"
        "Companies follow suit.\n"
    )
    paragraphs, titles = split(text)
    assert titles == ("Seoul restricts DeepSeek over security fears",)
    assert [p.kind for p in paragraphs] == [HEADING, BODY, BODY]


def test_a_lone_first_sentence_is_not_a_title() -> None:
    text = "Seoul restricts DeepSeek over security fears.\n\nMinistries block the app.\n"
    paragraphs, titles = split(text)
    assert titles == ()
    assert [p.kind for p in paragraphs] == [BODY, BODY]


def test_two_sentence_first_line_is_not_a_title() -> None:
    text = "Seoul acted. Tokyo did too.\nBoth cited security.\n"
    _, titles = split(text)
    assert titles == ()


@pytest.mark.parametrize("separator", ["***", "* * *", "---", "___", "\u00a0", " \u00a0 "])
def test_separator_starts_a_new_article(separator: str) -> None:
    text = (
        "First Story About Seoul\n\nThe first story says one thing.\n\n"
        f"{separator}\n\n"
        "Second Story About Tokyo\n\nThe second story says another.\n"
    )
    paragraphs, titles = split(text)
    assert titles == ("First Story About Seoul", "Second Story About Tokyo")
    body = [p for p in paragraphs if p.kind is BODY]
    assert [p.title for p in body] == list(titles)
    assert separator.strip() not in texts(paragraphs) or not separator.strip()


def test_spacer_without_a_headline_keeps_the_article() -> None:
    text = "Story Headline Here\n\nFirst paragraph.\n\u00a0\nSecond paragraph.\n"
    paragraphs, titles = split(text)
    assert titles == ("Story Headline Here",)
    assert [p.title for p in paragraphs] == ["Story Headline Here"] * 3


def test_markdown_headings() -> None:
    text = (
        "# Seoul blocks DeepSeek #\n\n"
        "Intro paragraph of the story.\n\n"
        "## Why it matters\n"
        "The ministry handles classified data.\n\n"
        "Reactions abroad\n"
        "================\n\n"
        "Tokyo said it was watching.\n"
    )
    paragraphs, titles = split(text, markdown=True)
    assert titles == ("Seoul blocks DeepSeek",)
    assert [(p.text, p.kind, p.section) for p in paragraphs] == [
        ("Seoul blocks DeepSeek", HEADING, None),
        ("Intro paragraph of the story.", BODY, None),
        ("Why it matters", HEADING, None),
        ("The ministry handles classified data.", BODY, "Why it matters"),
        ("Reactions abroad", HEADING, "Why it matters"),
        ("Tokyo said it was watching.", BODY, "Reactions abroad"),
    ]
    assert paragraphs[2].line == 5 and text[paragraphs[2].start - 3:paragraphs[2].start] == "## "


def test_markdown_front_matter_is_not_text() -> None:
    text = "---\ntitle: Seoul\ndate: 2025-02-06\n---\n# Seoul blocks DeepSeek\n\nBody text.\n"
    paragraphs, titles = split(text, markdown=True)
    assert titles == ("Seoul blocks DeepSeek",)
    assert texts(paragraphs) == ["Seoul blocks DeepSeek", "Body text."]
    assert paragraphs[0].line == 5


def test_markdown_emphasis_line_and_list_items() -> None:
    text = "# Seoul acts\n\n**Key Facts**\n- Seoul blocked the app\n- Tokyo is watching\n\nEnd.\n"
    paragraphs, _ = split(text, markdown=True)
    assert [(p.text, p.kind) for p in paragraphs[1:]] == [
        ("Key Facts", HEADING),
        ("- Seoul blocked the app", BODY),
        ("- Tokyo is watching", BODY),
        ("End.", BODY),
    ]
    assert [p.section for p in paragraphs[2:]] == ["Key Facts"] * 3


def test_markdown_hash_is_plain_text_outside_markdown() -> None:
    paragraphs, _ = split("# not a heading in a .txt file, just text.\n")
    assert [p.kind for p in paragraphs] == [BODY]


def test_kicker_above_the_headline_is_not_the_title() -> None:
    text = "Technology\nSeoul Blocks DeepSeek On Office Computers\n\nThe ban began Wednesday.\n"
    paragraphs, titles = split(text)
    assert titles == ("Seoul Blocks DeepSeek On Office Computers",)
    assert paragraphs[-1].section is None


# --- Boilerplate in context ------------------------------------------------------------------


def test_furniture_lines_in_an_article() -> None:
    text = (
        "Seoul Bans DeepSeek\n"
        "By Kim Min-ji\n"
        "Updated: February 6, 2025 10:00 AM KST\n\n"
        "Shares of Kakao fell after the company said it would share data with regulators.\n\n"
        "Share this article\n"
        "Follow us on Twitter\n"
        "Advertisement\n\n"
        "Read more: How DeepSeek shook Silicon Valley\n\n"
        "\u00a9 2025 Example Media. All rights reserved.\n"
        "Lire aussi : DeepSeek, la start-up qui affole la tech\n"
        "Partager\n"
        "Abonnez-vous \u00e0 notre newsletter\n"
    )
    paragraphs, titles = split(text)
    assert titles == ("Seoul Bans DeepSeek",)
    assert texts(paragraphs, BODY) == [
        "Shares of Kakao fell after the company said it would share data with regulators."
    ]
    assert len(texts(paragraphs, BOILERPLATE)) == 10


def test_repeated_line_is_boilerplate_but_repeated_section_heading_is_not() -> None:
    text = (
        "Ministry Statement\n"
        "The ministry issued a statement on the matter today.\n\n"
        "Subscribe to the morning briefing\n\n"
        "Ministry Statement\n"
        "A second statement followed on Thursday evening as well.\n\n"
        "Subscribe to the morning briefing\n"
    )
    paragraphs, _ = split(text)
    kinds = [(p.text, p.kind) for p in paragraphs]
    assert kinds[2] == ("Subscribe to the morning briefing", HEADING)
    assert kinds[3] == ("Ministry Statement", HEADING)
    assert kinds[-1] == ("Subscribe to the morning briefing", BOILERPLATE)


def test_sentence_mentioning_share_or_subscribe_is_body() -> None:
    lines = [
        "Share prices dropped sharply on Wednesday.",
        "Subscribers will be notified by email.",
        "By Wednesday, most ministries had blocked the service.",
    ]
    paragraphs, _ = split("A Story About Seoul Markets\n\n" + "\n".join(lines))
    assert texts(paragraphs, BODY) == lines


@pytest.mark.parametrize("line", [
    "LEAVE A REPLY", "Please enter your comment!", "Leave a reply", "Laisser un commentaire",
    "Partager", "S'abonner", "Abonnez-vous", "Share this", "Share on Facebook", "Subscribe",
    "Sign up", "Log in", "All rights reserved", "Tous droits r\u00e9serv\u00e9s",
    "Advertisement", "Publicit\u00e9", "Read more", "Related articles", "Comments (12)",
    "Copyright 2024 Reuters", "\u00a9 AFP 2025", "By Jane Doe", "BY JANE DOE AND JOHN SMITH",
    "Par Jean-Pierre Dupont", "Reporting by Joyce Lee; Editing by Ed Davies",
    "Moon Hye-ryeon, Arirang News.", "Published on: 2025/02/06 20:00", "Updated 2 hours ago",
    "Publi\u00e9 le 6 f\u00e9vrier 2025 \u00e0 10h30", "https://example.com/news/view?id=1",
    "Arirang news https://www.arirang.com/news/view?id=280453",
    "You must be logged in to add a comment.", "Sign up for our daily newsletter",
    "We use cookies to improve your experience on our site. By continuing to browse the site "
    "you agree to our use of cookies.",
    "Lire aussi : DeepSeek, la start-up qui affole la tech",
])
def test_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Kakao shares fell 2% after the announcement.",
    "The company said it would share data with regulators.",
    "Subscribers to the service will be notified by email.",
    "By Wednesday, most ministries had blocked the service.",
    "Read the statement carefully, officials said.",
    "Comments from the ministry were not immediately available.",
    "Sources said the ban would remain in place.",
    "Sign up rates for the app fell after the ban.",
    "May 2025 was a busy month for regulators.",
    "South Korea blocks DeepSeek",
    "Introduction",
    "",
])
def test_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_repetition_key() -> None:
    assert repetition_key("Moon Hye-ryeon, Arirang News.") == repetition_key(
        "  MOON HYE-RYEON  arirang news "
    )
    assert repetition_key("Caf\u00e9 News") == repetition_key("cafe news")
    assert repetition_key(PROSE[0]) is None  # long paragraphs repeat legitimately
    assert repetition_key("...") is None


# --- Any text at all -------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abc XYZ.,!?\n\n\n\t") + ["\u00a0", "\u2007", "\r", "#", "*", "-", "\u00e9", "\u201c",
                                   "Seoul", "Share", "***", "By Kim", "\ufeff", "\u200b"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=400), st.booleans())
def test_invariants_hold_on_any_text(pieces: list[str], markdown: bool) -> None:
    text = "".join(pieces)
    paragraphs, titles = split_paragraphs("any.txt", text, markdown=markdown)
    check_invariants(text, paragraphs)
    assert len(set(titles)) == len(titles)
    for p in paragraphs:
        if p.kind is HEADING:
            assert "\n" not in p.text


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=2001, max_value=9000), st.sampled_from([" ", "", ". ", "\n"]))
def test_any_long_paragraph_is_cut_within_the_limit(size: int, filler: str) -> None:
    unit = "abcdefghij" + filler
    text = (unit * (size // len(unit) + 1))[:size]
    paragraphs, _ = split_paragraphs("long.txt", text)
    check_invariants(text, paragraphs)
    assert sum(len(p.text) for p in paragraphs) <= len(text)
