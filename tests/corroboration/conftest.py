"""One engine on the bundled corpus for the whole package, in its own cache folder."""

from __future__ import annotations

from collections.abc import Iterator

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
