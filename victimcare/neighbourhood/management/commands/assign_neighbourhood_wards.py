"""Load a force's neighbourhood team configuration: a CSV of (team code, ward code) rows.

    team,ward
    npt-newport-west,W05001645

A header row is optional. Every row is checked first (the team must be a neighbourhood team, the ward a
loaded ward, each ward once); on any error nothing is saved and each bad row is named.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from victimcare.areas.models import Ward
from victimcare.neighbourhood.services import assign_ward
from victimcare.organisations.models import Organisation


def read_assignments(path: Path) -> list[tuple[int, str, str]]:
    """[(row number, team code, ward code)], skipping blank lines and a header row."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if number == 1 and [cell.lower() for cell in cells[:2]] in (["team", "ward"], ["team code", "ward code"]):
                continue
            if len(cells) < 2 or not cells[0] or not cells[1]:
                rows.append((number, cells[0] if cells else "", ""))
                continue
            rows.append((number, cells[0], cells[1].upper()))
    return rows


def check_assignments(rows) -> tuple[list[tuple[Organisation, Ward]], list[str]]:
    teams = {team.code: team for team in Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)}
    wards = Ward.objects.in_bulk([ward for _number, _team, ward in rows if ward])
    assignments, errors, seen = [], [], {}
    for number, team_code, ward_code in rows:
        if not ward_code:
            errors.append(f"Row {number}: needs a team code and a ward code")
            continue
        team, ward = teams.get(team_code), wards.get(ward_code)
        if team is None:
            errors.append(f"Row {number}: {team_code!r} is not the code of a neighbourhood team")
        if ward is None:
            errors.append(f"Row {number}: {ward_code!r} is not a ward code we know (load the areas first?)")
        elif ward_code in seen:
            errors.append(f"Row {number}: ward {ward_code} is already given to a team in row {seen[ward_code]}")
        seen.setdefault(ward_code, number)
        if team is not None and ward is not None:
            if team.local_authority_id and ward.local_authority_id != team.local_authority_id:
                errors.append(f"Row {number}: ward {ward_code} ({ward.name_en}) is not in {team.code}'s local "
                              f"authority")
            else:
                assignments.append((team, ward))
    return assignments, errors


class Command(BaseCommand):
    help = "Assign wards to neighbourhood teams from a CSV of (team code, ward code) rows."

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path, help="CSV file: team code, ward code (a header row is optional)")

    def handle(self, *args, csv: Path, **options):
        if not csv.is_file():
            raise CommandError(f"No such file: {csv}")
        assignments, errors = check_assignments(read_assignments(csv))
        if errors:
            raise CommandError("Nothing was saved:\n" + "\n".join(errors))
        with transaction.atomic():
            for team, ward in assignments:
                assign_ward(team, ward)
        self.stdout.write(f"Assigned {len(assignments)} wards.")
