"""A small news folder with dates, titles, languages and formats, for the syntax tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import Library
from tests.conftest import open_library

SEOUL_MD = """\
---
title: Seoul blocks DeepSeek
date: 2025-02-06
---
The defense ministry blocked DeepSeek on military computers on Thursday, officials said.

The foreign ministry restricted the chatbot on devices connected to external networks.
"""

PARIS_MD = """\
---
title: Paris surveille DeepSeek
date: 2025-01-28
lang: fr
---
Le ministère de la défense a bloqué l'application DeepSeek sur les ordinateurs du personnel.

La CNIL a interrogé la start-up chinoise sur la protection des données personnelles.
"""

TOKYO_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Tokyo weighs a DeepSeek ban | Example</title>
<meta property="og:title" content="Tokyo weighs a DeepSeek ban">
<meta property="article:published_time" content="2025-03-10T08:00:00+09:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Tokyo weighs a DeepSeek ban</h1>
<p>Japan's digital ministry asked officials to avoid DeepSeek on government computers.</p>
<p>The ministry said the guidance covered every agency and took effect on Monday.</p>
</article>
<footer>Copyright Example News. All rights reserved.</footer>
</body></html>
"""

UNDATED_TXT = """\
Notes from the briefing

The ministry of defense and the military reviewed DeepSeek use across the armed forces.

Kakao told its employees not to use the chatbot for work.
"""


def write_news(folder: Path) -> Path:
    (folder / "news").mkdir(parents=True)
    (folder / "notes").mkdir()
    (folder / "news" / "seoul.md").write_text(SEOUL_MD, encoding="utf-8")
    (folder / "news" / "paris.md").write_text(PARIS_MD, encoding="utf-8")
    (folder / "news" / "tokyo.html").write_text(TOKYO_HTML, encoding="utf-8")
    (folder / "notes" / "undated.txt").write_text(UNDATED_TXT, encoding="utf-8")
    return folder


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return write_news(tmp_path / "news-folder")


@pytest.fixture
def engine(news: Path) -> Library:
    opened = open_library(news)
    yield opened  # type: ignore[misc]
    opened.close()
