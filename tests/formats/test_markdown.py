"""The Markdown reader: headings as sections, code and front matter not answers, link text."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.corpus.decoding import UnreadableFile
from briefing.corpus.formats import read_info
from briefing.corpus.reading import load_document
from briefing.models import ParagraphKind

BODY, HEADING = ParagraphKind.BODY, ParagraphKind.HEADING

NOTE = """\
---
title: "Weekly notes: DeepSeek"
date: 2025-02-06T09:30:00+09:00
lang: en-GB
tags: [ai, korea]
---
## Background

Seoul's [industry ministry](https://example.com/ministry) blocked *DeepSeek* on `Wednesday`.
![chart](chart.png)

```python
print("The ministry blocked nothing here.")
```

    indented code is code too

`pip install deepseek`

## Reactions

- Tokyo is **watching** closely.
- Paris asked questions.

> Italy's regulator ordered the chatbot blocked.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_headings_become_sections_and_front_matter_the_title(tmp_path: Path) -> None:
    document = load_document(tmp_path, write(tmp_path, "note.md", NOTE))
    assert document.format == "markdown"
    assert document.titles == ("Weekly notes: DeepSeek",)
    assert (document.title, document.date, document.language) == (
        "Weekly notes: DeepSeek", "2025-02-06", "en",
    )
    body = [(p.text, p.section) for p in document.paragraphs if p.kind is BODY]
    assert body == [
        ("Seoul's industry ministry blocked DeepSeek on Wednesday.", "Background"),
        ("- Tokyo is watching closely.", "Reactions"),
        ("- Paris asked questions.", "Reactions"),
        ("Italy's regulator ordered the chatbot blocked.", "Reactions"),
    ]
    assert all(p.title == "Weekly notes: DeepSeek" for p in document.paragraphs)


def test_code_and_front_matter_are_never_paragraphs(tmp_path: Path) -> None:
    document = load_document(tmp_path, write(tmp_path, "note.md", NOTE))
    texts = " ".join(p.text for p in document.paragraphs)
    for left_out in ("print(", "indented code", "pip install", "tags:", "2025-02-06", "chart"):
        assert left_out not in texts
    # The code stays in the document's text (shown in the source), just not as paragraphs.
    assert 'print("The ministry blocked nothing here.")' in document.text


def test_offsets_and_lines_refer_to_the_rendered_text_line_for_line(tmp_path: Path) -> None:
    document = load_document(tmp_path, write(tmp_path, "note.md", NOTE))
    source_lines = NOTE.split("\n")
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start : paragraph.end] == paragraph.text
    seoul = next(p for p in document.paragraphs if p.text.startswith("Seoul"))
    assert source_lines[seoul.line - 1].startswith("Seoul's [industry ministry]")
    italy = next(p for p in document.paragraphs if p.text.startswith("Italy"))
    assert source_lines[italy.line - 1].startswith("> Italy's regulator")


def test_front_matter_title_equal_to_the_first_heading_is_not_doubled(tmp_path: Path) -> None:
    text = "---\ntitle: Seoul acts\n---\n# Seoul acts\n\n## Why\n\nBecause of security.\n"
    document = load_document(tmp_path, write(tmp_path, "a.md", text))
    headings = [p.text for p in document.paragraphs if p.kind is HEADING]
    assert headings == ["Seoul acts", "Why"]
    assert document.paragraphs[-1].section == "Why"


def test_toml_front_matter(tmp_path: Path) -> None:
    text = '+++\ntitle = "Hugo post"\ndate = 2024-11-30\n+++\nSome text here.\n'
    document = load_document(tmp_path, write(tmp_path, "a.md", text))
    assert (document.title, document.date) == ("Hugo post", "2024-11-30")
    assert [p.text for p in document.paragraphs if p.kind is BODY] == ["Some text here."]


def test_without_front_matter_the_first_heading_is_the_title(tmp_path: Path) -> None:
    text = "# Seoul and DeepSeek\n\n## Background\n\nText here, with a [link](x).\n"
    document = load_document(tmp_path, write(tmp_path, "a.md", text))
    assert document.title is None and document.date is None
    assert document.titles == ("Seoul and DeepSeek",)
    assert document.paragraphs[-1].text == "Text here, with a link."
    assert document.paragraphs[-1].section == "Background"


def test_a_file_of_only_code_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "code.md", "```\nprint(1)\n```\n")
    with pytest.raises(UnreadableFile, match="no text"):
        load_document(tmp_path, path)


def test_bad_dates_are_no_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ndate: 2025-02-30\n---\nText.\n")
    assert load_document(tmp_path, path).date is None


def test_metadata_alone(tmp_path: Path) -> None:
    info = read_info(write(tmp_path, "note.md", NOTE))
    assert (info.format, info.title, info.date, info.language) == (
        "markdown", "Weekly notes: DeepSeek", "2025-02-06", "en",
    )
