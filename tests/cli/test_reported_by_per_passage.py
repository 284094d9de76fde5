"""A passage holding several answers says their "reported by" once when they share it, and
names each sentence when they differ (issue 16, item 5: one answer, one "reported by" line).

Seen on the BBC folder: "How much did Google earn in 2004?" found three answers in one
paragraph of business/011, and the list printed the same "reported by 1 of 2225 sources:
business/011" line twice under it.
"""

from __future__ import annotations

import io

from rich.console import Console

from briefing.models import Answer, AskResult, SourceRef
from briefing.output.plain import print_ask

PASSAGE = (
    "Its $17m profit was dwarfed by the $204m announced by Google. "
    "During the same quarter, Yahoo earned $187m. "
    "Ask Jeeves revenue nearly tripled."
)


def _answer(sentence: str, files: tuple[str, ...]) -> Answer:
    start = PASSAGE.index(sentence)
    end = start + len(sentence)
    return Answer(
        text=sentence, score=0.7, confidence="medium", source="business/011.txt",
        paragraph=3, line=5, title=None, section=None, passage=PASSAGE, start=start, end=end,
        highlights=(), sources=tuple(
            SourceRef(path, 3, sentence, "en", 5, start, end) for path in files
        ), source_count=len(files),
    )


def _printed(*answers: Answer) -> list[str]:
    out = io.StringIO()
    print_ask(Console(file=out, width=200, color_system=None),
              AskResult(question="How much did Google earn?", answered=True,
                        answers=answers, documents=2225))
    lines = out.getvalue().splitlines()
    return lines[lines.index("Top answers (3)") + 1 :]


def test_answers_of_one_passage_sharing_their_sources_say_them_once() -> None:
    own = ("business/011.txt",)
    listed = _printed(
        _answer("During the same quarter, Yahoo earned $187m.", own),
        _answer("Its $17m profit was dwarfed by the $204m announced by Google.", own),
        _answer("Ask Jeeves revenue nearly tripled.", own),
    )
    assert [line.strip() for line in listed if "reported by" in line] == [
        "reported by 1 of 2225 sources: business/011"
    ]


def test_answers_of_one_passage_reported_differently_each_name_their_sentence() -> None:
    listed = _printed(
        _answer("During the same quarter, Yahoo earned $187m.", ("business/011.txt",)),
        _answer("Its $17m profit was dwarfed by the $204m announced by Google.",
                ("business/011.txt", "business/012.txt")),
        _answer("Ask Jeeves revenue nearly tripled.", ("business/011.txt",)),
    )
    assert [line.strip() for line in listed if "reported by" in line] == [
        "Its $17m profit was…: reported by 2 of 2225 sources: business/011, business/012",
        "Ask Jeeves revenue nearly…: reported by 1 of 2225 sources: business/011",
    ]
