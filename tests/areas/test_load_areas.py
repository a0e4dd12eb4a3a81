from io import StringIO

from django.core.management import call_command

from victimcare.areas.loading import ensure_areas_loaded, load_areas
from victimcare.areas.models import LocalAuthority, Lsoa, Ward


def test_loads_the_five_gwent_local_authorities_with_welsh_names(areas):
    names = dict(LocalAuthority.objects.values_list("code", "name_cy"))
    assert names == {
        "W06000018": "Caerffili",
        "W06000019": "Blaenau Gwent",
        "W06000020": "Torfaen",
        "W06000021": "Sir Fynwy",
        "W06000022": "Casnewydd",
    }
    assert LocalAuthority.objects.get(code="W06000021").name_en == "Monmouthshire"


def test_loads_the_2025_wards_with_welsh_names_and_the_older_code_sets(areas):
    assert Ward.objects.filter(boundary_year=2025).count() == 123
    assert set(Ward.objects.values_list("boundary_year", flat=True)) == {2016, 2017, 2025}
    caerleon = Ward.objects.get(code="W05001632")
    assert (caerleon.name_en, caerleon.name_cy, caerleon.local_authority_id) == ("Caerleon", "Caerllion", "W06000022")
    older = Ward.objects.filter(boundary_year=2016).first()
    assert older.name_cy == ""


def test_loads_the_374_lsoas_with_their_local_authority(areas):
    assert Lsoa.objects.count() == 374
    assert Lsoa.objects.get(code="W01001623").local_authority_id == "W06000022"
    assert Lsoa.objects.get(code="W01001623").name == "Newport 001A"


def test_a_second_load_changes_nothing(areas):
    again = load_areas()
    assert not again.changed
    assert [c.unchanged for c in again.counts] == [5, 267, 374]


def test_a_changed_row_is_put_back(areas):
    Ward.objects.filter(code="W05001632").update(name_cy="")
    report = load_areas()
    assert [c.updated for c in report.counts] == [0, 1, 0]
    assert Ward.objects.get(code="W05001632").name_cy == "Caerllion"


def test_ensure_areas_loaded_loads_only_when_empty(db):
    assert ensure_areas_loaded() is not None
    assert ensure_areas_loaded() is None


def test_command_says_when_there_is_nothing_to_do(db):
    first, second = StringIO(), StringIO()
    call_command("load_areas", stdout=first)
    call_command("load_areas", stdout=second)
    assert "LSOAs: 374 (374 new" in first.getvalue()
    assert "Nothing to do" in second.getvalue()
