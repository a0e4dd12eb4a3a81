from pathlib import Path

import pytest

from victimcare.areas.loading import load_areas

SAMPLE = Path(__file__).resolve().parent / "data" / "police-uk"
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture
def areas(db):
    return load_areas()


@pytest.fixture
def shared_police_uk():
    """The real data.police.uk files beside the repository; the test is skipped when they are absent."""
    folder = SHARED_DATA / "police-uk"
    if not folder.is_dir():
        pytest.skip(f"needs the shared data folder {folder}, which is absent")
    return folder
