"""The management commands: load a force's ward configuration from a CSV, and route cases recorded before
routing existed."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import CrimeFactory, VictimFactory
from tests.neighbourhood.conftest import LLISWERRY, STOW_HILL
from victimcare.areas.models import Ward
from victimcare.cases.services import open_case
from victimcare.neighbourhood.models import IncidentNotice, TeamWard


def write(tmp_path, text):
    path = tmp_path / "wards.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_assigns_wards_from_a_csv(tmp_path, west, east):
    out = StringIO()
    call_command("assign_neighbourhood_wards", write(tmp_path, f"team,ward\nnewport-west-npt,{LLISWERRY}\n\n"
                                                             f"newport-east-npt,{STOW_HILL.lower()}\n"), stdout=out)
    assert "Assigned 2 wards" in out.getvalue()
    assert TeamWard.objects.get(ward_id=LLISWERRY).team == west
    assert TeamWard.objects.get(ward_id=STOW_HILL).team == east


def test_bad_rows_are_named_and_nothing_is_saved(tmp_path, west, east):
    before = set(TeamWard.objects.values_list("ward_id", "team_id"))
    text = (f"newport-west-npt,{LLISWERRY}\n"
            f"no-such-team,{STOW_HILL}\n"
            "newport-west-npt,W05999999\n"
            f"newport-east-npt,{LLISWERRY}\n"
            "newport-west-npt\n"
            "newport-west-npt,W05000718\n")  # Aberbargoed: a Caerphilly ward
    with pytest.raises(CommandError) as error:
        call_command("assign_neighbourhood_wards", write(tmp_path, text))
    message = str(error.value)
    assert "Nothing was saved" in message
    assert "Row 2: 'no-such-team' is not the code of a neighbourhood team" in message
    assert "Row 3: 'W05999999' is not a ward code we know" in message
    assert f"Row 4: ward {LLISWERRY} is already given to a team in row 1" in message
    assert "Row 5: needs a team code and a ward code" in message
    assert "Row 6: ward W05000718 (Aberbargoed) is not in newport-west-npt's local authority" in message
    assert set(TeamWard.objects.values_list("ward_id", "team_id")) == before


def test_a_missing_file_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("assign_neighbourhood_wards", str(tmp_path / "nope.csv"))


def test_notify_neighbourhood_teams_routes_open_cases_once(unit, officer, call_handler, west):
    crime = CrimeFactory(ward=Ward.objects.get(code=STOW_HILL))
    open_case(victim=VictimFactory(), crime=crime, unit=unit, officer=officer, recorded_by=call_handler,
              at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    out = StringIO()
    call_command("notify_neighbourhood_teams", "--since", "2026-03-01", stdout=out)
    call_command("notify_neighbourhood_teams", "--since", "2026-03-01", stdout=out)
    assert "Told neighbourhood teams of 1 incidents." in out.getvalue()
    assert "Told neighbourhood teams of 0 incidents." in out.getvalue()
    assert IncidentNotice.objects.get().team == west
    with pytest.raises(CommandError, match="--since must be a date"):
        call_command("notify_neighbourhood_teams", "--since", "yesterday")
