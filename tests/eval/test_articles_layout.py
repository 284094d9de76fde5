"""The quality benchmark's "as articles" layout: a SQuAD collection written one file per
article (its title, then its paragraphs), asked as a reader's folder of long documents."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.evaldata import load_squad
from benchmarks.quality import Report, run_articles

_ARTICLES = [
    ("Harbour_of_Portmere", [
        "The harbour of Portmere was dredged in 1921 to let larger ships reach the quays.",
        "In 1956 a storm destroyed the old lighthouse, which was rebuilt two years later by "
        "the engineer Ada Fenwick.",
    ], [("Who rebuilt the lighthouse of Portmere?", "Ada Fenwick", 1)]),
    ("Kestrel_Mountain", [
        "Kestrel Mountain rises 2,310 metres above the valley of the Oren river.",
        "The first recorded ascent was made in 1887 by a party of four shepherds.",
    ], [("How high is Kestrel Mountain?", "2,310 metres", 0)]),
]


def _write(folder: Path) -> Path:
    data = {"data": [
        {"title": title, "paragraphs": [
            {"context": context, "qas": [
                {"question": q, "answers": [{"text": a, "answer_start": context.index(a)}]}
                for q, a, at in questions if at == number]}
            for number, context in enumerate(contexts)]}
        for title, contexts, questions in _ARTICLES]}
    path = folder / "xquad" / "xquad.en.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_each_article_is_one_file_of_its_title_and_paragraphs(tmp_path: Path) -> None:
    collection = load_squad(_write(tmp_path), "xquad")
    texts, article_of = collection.article_texts()
    assert [title for title, _ in collection.articles] == ["Harbour of Portmere",
                                                           "Kestrel Mountain"]
    assert texts[1] == "Kestrel Mountain\n\n" + "\n\n".join(_ARTICLES[1][1])
    assert article_of == {0: 0, 1: 0, 2: 1, 3: 1}
    # Articles alternate between the splits, as the paragraphs' questions do.
    assert [q.split for q in collection.questions] == ["dev", "test"]


def test_articles_are_asked_as_a_folder_of_long_documents(tmp_path: Path) -> None:
    _write(tmp_path)
    report = Report()
    run_articles(tmp_path, report, names=("xquad",))
    for split in ("dev", "test"):
        assert report.value("xquad as articles", split, "questions").briefing == 1
        assert report.value("xquad as articles", split, "right article first").briefing == 1.0
        assert report.value("xquad as articles", split, "answer@1").briefing == 1.0
        assert report.value("xquad as articles", split, "answered").briefing == 1.0
