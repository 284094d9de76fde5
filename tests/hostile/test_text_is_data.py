"""Document text is data, never code: markup prints literally, terminal controls never reach
the terminal (plain, coloured or JSON piped through `jq -r`), names included."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import BIDI_CONTROLS, run, strings, unsafe_characters, write

MARKUP = [
    "[bold red]",
    "[/]",
    "[link=file:///etc/passwd]click[/link]",
    "[@click=app.quit]quit[/]",
]
# Each a way a document could act on a terminal: clear the screen, write the clipboard
# (OSC 52), plant a hyperlink (OSC 8), set the window title, ring, erase, overwrite a line,
# reverse the text's direction, or do the same with 8-bit C1 controls.
CONTROLS = [
    "\x1b[2J",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b]8;;http://evil.example/\x1b\\",
    "\x1b]8;;\x1b\\",
    "\x1b]0;pwned\x07",
    "\x07",
    "\x08\x08\x08",
    "\x1b[1A\x1b[2K",
    "\u202e",
    "\u2066",
    "\x9b2J",
    "\x9d0;pwned\x9c",
    "\x7f",
]
HEADLINE = "Samsung \x1b[31m[bold red]Alert[/]\x1b[0m Restricts Chatbots\n\n"
BODY = (
    "Samsung engineers were told {controls} that the {markup} chatbot ban covers every "
    "laptop in the Suwon offices.\n"
).format(controls="".join(CONTROLS), markup=" ".join(MARKUP))
QUESTION = "Which laptops does the Samsung chatbot ban cover?"
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-text")
    write(folder / "article.txt", HEADLINE + BODY)
    write(
        folder / "page.html",
        "<html lang='en'><head><title>Samsung \x1b]0;pwned\x07 [bold]news[/bold]</title></head>"
        "<body><article><h1>Samsung \x1b[2J Chatbot Rules</h1>"
        "<p>The chatbot rules of Samsung reach the Giheung campus \x1b]52;c;eA==\x07 "
        "[link=file:///etc/passwd]click[/link] and every laptop there.</p>"
        "<p>Staff at Giheung were briefed on the chatbot rules in May by the laptop team.</p>"
        "</article></body></html>",
    )
    write(
        folder / "notes.md",
        "# Samsung [@click=app.quit]Laptop[/] \x1b[5mPolicy\x1b[0m\n\n"
        "## Section \u202eoverride\u202c \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n\n"
        "The laptop policy of Samsung names the Pyeongtaek chatbot ban \x1b[2J too.\n",
    )
    return folder


BATCH = [
    "\x1b[2J\x1b]52;c;eA==\x07Which laptops does the Samsung chatbot ban cover?",
    "\x1b]0;pwned\x07",
    "[bold]Samsung[/bold] \u202elaptop",
]
COLOUR = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "400"}


@pytest.fixture(scope="module")
def outputs(hostile_folder: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every way `briefing` prints the hostile folder, each run once."""
    corpus = ("--corpus", str(hostile_folder))
    stdin = "\n".join(BATCH) + "\n"
    runs = {
        "ask": run("ask", *corpus, QUESTION),
        "search": run("search", *corpus, QUESTION),
        "ask colour": run("ask", *corpus, QUESTION, env=COLOUR),
        "search colour": run("search", *corpus, QUESTION, env=COLOUR),
        "ask json": run("ask", "--json", "-k", "5", *corpus, QUESTION),
        "search json": run("search", "--json", "-n", "5", *corpus, QUESTION),
        "index": run("index", *corpus),
        "index json": run("index", "--json", *corpus),
        "batch": run("ask", *corpus, stdin=stdin),
        "batch json": run("ask", "--json", *corpus, stdin=stdin),
    }
    for name, done in runs.items():
        expected = 2 if name.startswith("batch") else 0  # the batch holds one empty question
        assert done.returncode == expected, (name, done.returncode, done.stderr[-2000:])
        assert "Traceback" not in done.stderr, name
    return runs


Outputs = dict[str, subprocess.CompletedProcess[str]]


def _literal_markup_in(text: str) -> None:
    for tag in MARKUP:
        assert tag in text, tag


def test_plain_output_has_no_controls_and_shows_markup_literally(outputs: Outputs) -> None:
    for name in ("ask", "search", "index", "batch"):
        assert unsafe_characters(outputs[name].stdout) == [], name
        assert unsafe_characters(outputs[name].stderr) == [], name
    for name in ("ask", "search"):
        _literal_markup_in(outputs[name].stdout)
        assert "Samsung [bold red]Alert[/] Restricts Chatbots" in outputs[name].stdout  # headline


def test_coloured_output_has_only_its_own_colour_codes(outputs: Outputs) -> None:
    for name in ("ask colour", "search colour"):
        out = outputs[name].stdout
        assert "\x1b[" in out, "colour was not forced: the test would prove nothing"
        assert unsafe_characters(out, colour=True) == [], name
        assert "\x1b]" not in out  # no hyperlink, no window title, no clipboard write
        _literal_markup_in(SGR.sub("", out))


def test_json_is_valid_and_as_clean_as_the_plain_output(outputs: Outputs) -> None:
    for name, key in (("ask json", "answers"), ("search json", "results")):
        data = json.loads(outputs[name].stdout)  # valid JSON, whatever the documents held
        # What `jq -r` would write to a terminal: every string, raw.
        for text in strings(data):
            assert unsafe_characters(text) == [], text
        assert data[key]
        for item in data[key]:
            _assert_offsets(item)
    best = json.loads(outputs["ask json"].stdout)["answers"][0]
    assert f"»{best['text']}«" in outputs["ask"].stdout  # the same cleaned sentence in both
    assert "[link=file:///etc/passwd]click[/link]" in best["passage"]
    for text in strings(json.loads(outputs["index json"].stdout)):
        assert unsafe_characters(text) == [], text


def _assert_offsets(item: dict) -> None:  # type: ignore[type-arg]
    passage = item["passage"]
    if "start" in item:
        assert passage[item["start"] : item["end"]] == item["text"]
    for start, end in item["highlights"]:
        assert 0 <= start < end <= len(passage)


def test_batch_echo_of_hostile_questions_is_clean(outputs: Outputs) -> None:
    plain = outputs["batch"].stdout
    assert plain.startswith("Q: Which laptops does the Samsung chatbot ban cover?\n")
    assert "Q: [bold]Samsung[/bold] laptop" in plain
    results = [json.loads(line) for line in outputs["batch json"].stdout.splitlines()]
    assert len(results) == len(BATCH)
    for result in results:
        assert all(unsafe_characters(text) == [] for text in strings(result))
    assert results[0]["question"] == "Which laptops does the Samsung chatbot ban cover?"


def test_no_bidi_control_survives_in_any_output(outputs: Outputs) -> None:
    for name, done in outputs.items():
        assert not BIDI_CONTROLS & set(done.stdout + done.stderr), name
