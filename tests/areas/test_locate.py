import pytest

from victimcare.areas import locate
from victimcare.areas.models import Postcode

STOW_HILL_NEWPORT = (-2.9977, 51.5877)  # Newport city centre
CAERLEON_HIGH_STREET = (-2.955069, 51.609892)  # a real data.police.uk crime location
CARDIFF_CITY_HALL = (-3.1791, 51.4816)  # outside Gwent


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("np20 1aa", "NP20 1AA"),
        (" NP20   1AA ", "NP20 1AA"),
        ("NP201AA", "NP20 1AA"),
        ("np4 4aa", "NP4 4AA"),
        ("np44", "NP44"),
        ("", ""),
    ],
)
def test_normalise_postcode(given, expected):
    assert locate.normalise_postcode(given) == expected


def test_ward_and_lsoa_of_a_point_on_the_real_boundaries():
    assert locate.ward_code_at(*STOW_HILL_NEWPORT) == "W05001645"
    assert locate.ward_code_at(*CAERLEON_HIGH_STREET) == "W05001632"
    assert locate.lsoa_code_at(*CAERLEON_HIGH_STREET) == "W01001623"


def test_a_point_outside_gwent_has_no_ward():
    assert locate.ward_code_at(*CARDIFF_CITY_HALL) is None
    assert locate.lsoa_code_at(*CARDIFF_CITY_HALL) is None


def test_many_points_in_one_query_keep_their_order():
    codes = locate.ward_codes_at([STOW_HILL_NEWPORT, CARDIFF_CITY_HALL, CAERLEON_HIGH_STREET])
    assert codes == ["W05001645", None, "W05001632"]
    assert locate.ward_codes_at([]) == []


def test_boundaries_are_read_once_per_process():
    assert locate.ward_boundaries() is locate.ward_boundaries()
    assert len(locate.ward_boundaries()) == 123
    assert len(locate.lsoa_boundaries()) == 374


def test_resolve_a_point(areas):
    found = locate.resolve_location(longitude=CAERLEON_HIGH_STREET[0], latitude=CAERLEON_HIGH_STREET[1])
    assert found.method == "coordinates"
    assert found.lsoa.code == "W01001623"
    assert found.ward.name_en == "Caerleon"
    assert found.local_authority.name_en == "Newport"


@pytest.fixture
def postcode(areas):
    return Postcode.objects.create(postcode="NP18 1AA", lsoa_id="W01001623", ward_id="W05001632")


def test_resolve_a_postcode(postcode):
    found = locate.resolve_location(postcode="np181aa")
    assert found.method == "postcode"
    assert (found.lsoa.code, found.ward.code, found.local_authority.code) == ("W01001623", "W05001632", "W06000022")


def test_a_point_outside_gwent_falls_back_to_the_postcode(postcode):
    found = locate.resolve_location(longitude=CARDIFF_CITY_HALL[0], latitude=CARDIFF_CITY_HALL[1], postcode="NP18 1AA")
    assert found.method == "postcode"


def test_nothing_found(areas):
    found = locate.resolve_location(postcode="CF10 3ND")
    assert not found.found
    assert (found.lsoa, found.ward, found.local_authority, found.method) == (None, None, None, "")
    assert locate.resolve_location() == locate.NOT_FOUND
