"""A folder of every format, as a user runs briefing on it: pages, metadata, skips, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, run_cli
from tests.formats.pdfmaker import make_pdf
from tests.formats.test_html import PAGE
from tests.formats.test_pdf import PAGES


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    (folder / "reports").mkdir(parents=True)
    (folder / "reports" / "review.pdf").write_bytes(
        make_pdf(PAGES, title="AI Policy Review", created="D:20250301")
    )
    (folder / "reports" / "scan.pdf").write_bytes(make_pdf([None, None]))
    (folder / "saved.html").write_text(PAGE, encoding="utf-8")
    (folder / "note.md").write_text(
        "---\ntitle: Kakao memo\ndate: 2025-02-07\n---\n## Staff\n\n"
        "Kakao told its employees not to use DeepSeek for work.\n",
        encoding="utf-8",
    )
    (folder / "plain.txt").write_text(
        "LG Uplus issued an internal notice restricting the chatbot.\n", encoding="utf-8"
    )
    return folder


def test_index_reads_every_format_and_skips_the_scan(library: Path) -> None:
    done = run_cli("index", "--json", "--corpus", str(library))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["files"] == 4
    assert data["formats"] == {"html": 1, "markdown": 1, "pdf": 1, "text": 1}
    assert data["skipped"] == [
        {"path": "reports/scan.pdf", "reason": "scanned PDF: no text layer (run OCR on it first)"}
    ]


def test_pdf_results_carry_their_page(library: Path) -> None:
    done = run_cli("search", "--json", "--corpus", str(library), "Japan digital agency")
    hit = json.loads(done.stdout)["results"][0]
    assert (hit["source"], hit["page"]) == ("reports/review.pdf", 2)
    assert hit["document"] == {"title": "AI Policy Review", "date": "2025-03-01",
                               "language": "en", "format": "pdf"}
    text = run_cli("search", "--corpus", str(library), "Japan digital agency").stdout
    assert "reports/review.pdf, paragraph" in text and ", page 2" in text


def test_answers_from_each_format(library: Path) -> None:
    questions = {
        "Who ordered the service blocked?": ("reports/review.pdf", 3, "pdf"),
        "What did the app's web page print in its banner?": ("saved.html", None, "html"),
        "What did Kakao tell its employees?": ("note.md", None, "markdown"),
        "What did LG Uplus issue?": ("plain.txt", None, "text"),
    }
    done = run_cli("ask", "--json", "--corpus", str(library), stdin="\n".join(questions))
    results = [json.loads(line) for line in done.stdout.splitlines()]
    for (question, (source, page, kind)), result in zip(questions.items(), results, strict=True):
        assert result["answered"], question
        best = result["answers"][0]
        assert (best["source"], best["page"], best["document"]["format"]) == (source, page, kind)
    assert results[2]["answers"][0]["section"] == "Staff"
    assert results[2]["answers"][0]["document"]["date"] == "2025-02-07"
    assert results[3]["answers"][0]["document"]["date"] is None


def test_a_text_corpus_never_imports_the_format_libraries(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from briefing.cli import main\n"
        f"main(['ask', '--json', '--corpus', {str(BUNDLED)!r}, 'Who blocked DeepSeek?'])\n"
        "heavy = [m for m in ('justext', 'lxml', 'pypdf', 'markdown_it') if m in sys.modules]\n"
        "print('IMPORTED', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert "IMPORTED []" in done.stderr, done.stderr
