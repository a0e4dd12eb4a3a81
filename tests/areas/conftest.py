import pytest

from victimcare.areas.loading import load_areas


@pytest.fixture
def areas(db):
    """The real Gwent areas, loaded from victimcare/areas/data."""
    return load_areas()
