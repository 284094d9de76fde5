"""One engine on the bundled corpus for the whole package, in its own cache folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import Library
from tests.conftest import BUNDLED, open_library


@pytest.fixture(scope="package")
def bundled_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("corroboration-cache")))
        engine = open_library(BUNDLED)
        yield engine
        engine.close()


# A folder of factory news: six outlets each report the same twelve job cuts, each outlet in
# its own words (no sentence is copied), and the last two outlets give another number for the
# first seven: long facts told by every outlet, and more conflicts than a screen shows.
_PEOPLE = ("Anna Keller", "Boris Lindqvist", "Clara Moreau", "Dmitri Orlov", "Elena Petrova",
           "Farid Haddad", "Greta Nilsson", "Hugo Almeida", "Ines Duarte", "Jonas Weber",
           "Karin Sommer", "Luca Bianchi")
_FIRMS = ("Arvell Motors", "Brightwater Foods", "Castell Steel", "Dunmore Textiles",
          "Eastlake Chemicals", "Fairhaven Glass", "Glenmoor Paper", "Harcourt Cement",
          "Ironbridge Tools", "Juniper Plastics", "Kestrel Shipping", "Larkspur Mills")
_TOWNS = ("Aldmouth", "Brackenford", "Cinderby", "Dunhallow", "Elmstead", "Farrowby",
          "Glaisdale", "Hollinsby", "Ingleborough", "Jessamy", "Kirkwhelpington", "Lindisfarne")
_WORDINGS = (
    "{p}, the chief executive of {f}, said on Tuesday that the company would cut {j} jobs at "
    "its plant in {t} over the next two years because demand for its products had fallen "
    "sharply across Europe.",
    "{f} will cut {j} jobs at its plant in {t} over the next two years because demand for its "
    "products has fallen sharply across Europe, chief executive {p} said on Tuesday.",
    "Chief executive {p} said on Tuesday that {f} plans to cut {j} jobs at the {t} plant "
    "within two years, as demand for its products fell sharply across Europe.",
    "{f} is to cut {j} jobs at its {t} plant over two years after demand for its products fell "
    "sharply across Europe, according to chief executive {p}.",
    "On Tuesday {p}, who runs {f}, said {j} jobs would be cut at the plant in {t} over the "
    "next two years because European demand for its products had fallen sharply.",
    "The {t} plant of {f} will lose {j} jobs over the next two years as demand for its "
    "products falls sharply across Europe, {p}, its chief executive, said on Tuesday.",
)
DISPUTED = 7  # facts the last two outlets give another number for


def write_factories(folder: Path) -> Path:
    """The factory-news folder: outlets 0-2 in north/, 3-5 in south/."""
    for outlet in range(6):
        paragraphs = []
        for fact, firm in enumerate(_FIRMS):
            jobs = 100 * (fact + 2) + (50 if outlet >= 4 and fact < DISPUTED else 0)
            wording = _WORDINGS[(outlet + fact) % len(_WORDINGS)]
            paragraphs.append(wording.format(p=_PEOPLE[fact], f=firm, t=_TOWNS[fact], j=jobs))
        region = folder / ("north" if outlet < 3 else "south")
        region.mkdir(parents=True, exist_ok=True)
        (region / f"outlet{outlet}.txt").write_text(
            f"Factory news {outlet}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    return folder


@pytest.fixture(scope="package")
def factories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_factories(tmp_path_factory.mktemp("factories") / "news")
