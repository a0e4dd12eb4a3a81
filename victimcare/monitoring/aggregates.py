"""Keeping the Commissioner's cells current. Every change is worked out as +1/-1 moves between cells,
merged, and applied in one sorted order, one upsert per kind of cell, under one advisory lock on
PostgreSQL (see CELLS_LOCK), so transactions touching the same cells never wait on each other in a cycle."""

import sqlite3
from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import JSONField

from victimcare.charter.models import Commitment
from victimcare.equality.groups import CHARACTERISTICS
from victimcare.monitoring.facts import bucket_of, case_dimensions, commitment_fact, month_of, updates_timeliness
from victimcare.monitoring.models import (
    CommitmentFact,
    ComplianceCell,
    FairnessCell,
    KindTimeToMeetCell,
    SatisfactionCell,
    SurveyFact,
    TimeToMeetCell,
)
from victimcare.satisfaction.models import STAGES

COUNT_FIELDS = frozenset({"total", "met", "met_late", "missed", "waived", "open", "count"})
CELL_FIELDS = ("month", "kind", "standard", "organisation_id", "area", "enhanced")


def commitment_moves(fact: dict, sign: int, moves: dict) -> None:
    base = {name: fact[name] for name in CELL_FIELDS}
    counts = {"total": sign, fact["outcome"]: sign}
    _add(moves, ComplianceCell, {**base, "category": fact["category"]}, counts)
    for characteristic in CHARACTERISTICS:
        group = fact["groups"].get(characteristic, "not_recorded")
        _add(moves, FairnessCell, {**base, "characteristic": characteristic, "group": group}, counts)
    if fact["minutes_to_meet"] is not None:
        bucket = bucket_of(fact["minutes_to_meet"])
        _add(moves, TimeToMeetCell, {**base, "category": fact["category"], "bucket": bucket}, {"count": sign})
        _add(moves, KindTimeToMeetCell, {"month": fact["month"], "kind": fact["kind"], "standard": fact["standard"],
                                         "bucket": bucket}, {"count": sign})


def survey_moves(fact: dict, sign: int, moves: dict) -> None:
    base = {name: fact[name] for name in ("month", "organisation_id", "area", "category", "enhanced", "updates")}
    ratings = {f"{stage}:{fact['ratings'][stage]}": sign for stage in STAGES}
    _add(moves, SatisfactionCell, {**base, "characteristic": "", "group": ""}, {"answered": sign, **ratings})
    for characteristic in CHARACTERISTICS:
        group = fact["groups"].get(characteristic, "not_recorded")
        _add(moves, SatisfactionCell, {**base, "characteristic": characteristic, "group": group},
             {"answered": sign, **ratings})


def _add(moves: dict, model, key: dict, counts: dict) -> None:
    cell = moves[(model.__name__, tuple(sorted(key.items())))]
    cell["model"] = model
    for name, delta in counts.items():
        cell["counts"][name] += delta


def new_moves() -> dict:
    return defaultdict(lambda: {"model": None, "counts": defaultdict(int)})


# A transaction may change several commitments one after another (closing a case misses them all), each
# moving counts between cells: two such transactions could take the same cells' row locks in opposite
# orders. On PostgreSQL every transaction that moves counts first takes this one advisory lock (held to its
# end; SQLite has a single writer anyway). Busy cells serialise those transactions regardless, so the lock
# costs little; at national scale, append-only deltas folded by a task would lift both limits.
CELLS_LOCK = 73011  # a number no other part of the system uses as an advisory lock


def _lock_cells() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CELLS_LOCK])


def apply_moves(moves: dict) -> int:
    """Add `moves` to the cells, under the cells' lock, one upsert per kind of cell, survey cells included (their
    ratings added in SQL): for many cells at once, such as a generated batch's. Call inside a transaction.
    Returns how many cells were moved."""
    _lock_cells()
    return _apply(moves)


def _apply(moves: dict) -> int:
    """One upsert statement per kind of cell, rows in sorted order (the caller holds the cells' lock). Returns how
    many cells were moved."""
    by_model = _by_model(moves)
    for model, cells in by_model.items():
        _upsert(model, cells)
    return sum(len(cells) for cells in by_model.values())


def _by_model(moves: dict) -> dict:
    """{model: [(key, counts), ...]}: the cells that move, in sorted order, with the counts that change."""
    by_model: dict = defaultdict(list)
    for (_, key_items), move in sorted(moves.items(), key=lambda item: (item[0][0], repr(item[0][1]))):
        counts = {name: delta for name, delta in move["counts"].items() if delta}
        if counts:
            by_model[move["model"]].append((dict(key_items), counts))
    return by_model


# Added to what a cell holds (with its ratings, on survey cells) rather than naming it.
ADDED_FIELDS = COUNT_FIELDS | {"answered", "ratings"}
UPSERT_ROWS = 10_000  # rows per statement at most (SQLite: fewer, as its limit on parameters allows)


def _upsert(model, cells: list[tuple[dict, dict]]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE adding the counts, the survey cells' ratings included, in statements of as
    many rows as the database takes. The rows: on PostgreSQL one array parameter per column, unnested (a
    parameter per value is slow to send for thousands of rows); on SQLite a parameter per value."""
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the proxy: many values are prepared here
    (constraint,) = model._meta.constraints
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    count_fields = [field for field in fields if field.name in ADDED_FIELDS and field.name != "ratings"]
    key_fields = [field for field in fields if field.name not in ADDED_FIELDS]
    ratings_field = model._meta.get_field("ratings") if model is SatisfactionCell else None
    columns = [*key_fields, *count_fields, *([ratings_field] if ratings_field else [])]
    quote, table = db.ops.quote_name, db.ops.quote_name(model._meta.db_table)
    additions = [f"{quote(f.column)} = {table}.{quote(f.column)} + excluded.{quote(f.column)}" for f in count_fields]
    if ratings_field:
        additions.append(f"{quote(ratings_field.column)} = {_ratings_sum(db, table, quote(ratings_field.column))}")
    names = ", ".join(quote(f.column) for f in columns)
    keys = ", ".join(quote(model._meta.get_field(name).column) for name in constraint.fields)
    for chunk in _chunks(db, cells, len(columns)):
        rows = [[*(key[field.name] for field in key_fields), *(counts.get(field.name, 0) for field in count_fields),
                 *([_ratings(counts)] if ratings_field else [])] for key, counts in chunk]
        source, params = _rows_source(db, columns, rows)
        # SQL built from strings, but safely: table, column and type names come from the models, quoted; stage
        # names are the code's own constants, quoted; every value is a parameter.
        sql = (f"INSERT INTO {table} ({names}) {source} "  # nosec B608
               f"ON CONFLICT ({keys}) DO UPDATE SET {', '.join(additions)}")
        with db.cursor() as cursor:
            cursor.execute(sql, params)


def _chunks(db, cells: list, columns: int):
    if db.vendor == "sqlite":
        size = max(1, db.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // columns)
    else:
        size = UPSERT_ROWS
    for start in range(0, len(cells), size):
        yield cells[start:start + size]


def _rows_source(db, columns: list, rows: list[list]) -> tuple[str, list]:
    if db.vendor == "postgresql":
        arrays = ", ".join(f"%s::{field.db_type(db)}[]" for field in columns)
        # psycopg adapts dates, text, numbers and booleans itself (as Django would pass them); JSON needs Django's.
        params = [[field.get_db_prep_save(row[index], db) for row in rows] if isinstance(field, JSONField)
                  else [row[index] for row in rows] for index, field in enumerate(columns)]
        return f"SELECT * FROM unnest({arrays})", params  # noqa: S608 - types from the models  # nosec B608
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params = [field.get_db_prep_save(value, db)
              for values in rows for field, value in zip(columns, values, strict=True)]
    return "VALUES " + ", ".join([row] * len(rows)), params


def _ratings(counts: dict) -> dict:
    """A survey cell's moves as its ratings: {stage: [how many rated 1, ..., how many rated 5]}."""
    return {stage: [counts.get(f"{stage}:{rating}", 0) for rating in range(1, 6)] for stage in STAGES}


def _ratings_sum(db, table: str, column: str) -> str:
    """SQL for the cell's ratings plus the new row's (`excluded`), stage by stage and rating by rating, in STAGES
    order, as _ratings writes them."""
    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    if db.vendor == "postgresql":
        def count(row: str, stage: str, index: int) -> str:
            return f"COALESCE(({row}.{column} -> {literal(stage)} ->> {index})::integer, 0)"
        build_object, build_array = "jsonb_build_object", "jsonb_build_array"
    else:
        def count(row: str, stage: str, index: int) -> str:
            return f"COALESCE(json_extract({row}.{column}, {literal(f'$.{stage}[{index}]')}), 0)"
        build_object, build_array = "json_object", "json_array"
    stages = (f"{literal(stage)}, {build_array}("
              + ", ".join(f"{count(table, stage, index)} + {count('excluded', stage, index)}" for index in range(5))
              + ")" for stage in STAGES)
    return f"{build_object}({', '.join(stages)})"


def _save_fact(model, old_row, key: dict, values: dict) -> None:
    if old_row is None:
        model.objects.create(**key, **values)
    else:
        model.objects.filter(**key).update(**values)


def _fact_values(fact_row, fields) -> dict:
    return {name: getattr(fact_row, name) for name in fields}


COMMITMENT_FACT_FIELDS = ("month", "due_at", "kind", "standard", "organisation_id", "area", "category",
                          "enhanced", "outcome", "minutes_to_meet", "groups")
SURVEY_FACT_FIELDS = ("month", "organisation_id", "area", "category", "enhanced", "updates", "groups", "ratings")


def recount_commitment(commitment: Commitment, dimensions: dict | None = None) -> None:
    """Move `commitment` out of the cells it counted towards and into the ones it counts towards now."""
    recount_commitments([commitment], None if dimensions is None else {commitment.case_id: dimensions})


@transaction.atomic
def recount_commitments(commitments, dimensions_by_case: dict | None = None) -> None:
    """Move each of `commitments` out of the cells it counted towards and into the ones it counts towards now,
    in the same few queries however many there are (the overdue sweep records hundreds at once).
    `dimensions_by_case`: each case's case_dimensions by case id, if the caller has them."""
    commitments = sorted(commitments, key=lambda commitment: commitment.pk)
    if not commitments:
        return
    if dimensions_by_case is None:
        dimensions_by_case = _dimensions_of(commitments)
    new = {commitment.pk: commitment_fact(commitment, dimensions_by_case[commitment.case_id])
           for commitment in commitments}
    _lock_cells()  # before the facts' row locks, so every transaction takes them in the same order
    old_rows = {row.pk: row for row in CommitmentFact.objects.select_for_update().filter(pk__in=new).order_by("pk")}
    moves, created, changed = new_moves(), [], []
    for pk, fact in new.items():
        old_row = old_rows.get(pk)
        old = _fact_values(old_row, COMMITMENT_FACT_FIELDS) if old_row else None
        if old == fact:
            continue
        if old:
            commitment_moves(old, -1, moves)
        commitment_moves(fact, +1, moves)
        (changed if old_row else created).append(CommitmentFact(commitment_id=pk, **fact))
    _apply(moves)
    if created:
        CommitmentFact.objects.bulk_create(created)
    if changed:
        CommitmentFact.objects.bulk_update(changed, COMMITMENT_FACT_FIELDS)


def _dimensions_of(commitments: list[Commitment]) -> dict:
    """The dimensions of each commitment's case, by case id: from the case as the caller loaded it if that was with
    its crime and the victim's equality answers (the overdue sweep loads them so), else read now."""
    cases = {commitment.case_id: commitment.case for commitment in commitments if _loaded_for_dimensions(commitment)}
    unread = {commitment.case_id for commitment in commitments} - cases.keys()
    if unread:
        case_model = Commitment._meta.get_field("case").related_model
        cases.update(case_model.objects.select_related("crime", "victim__equality").in_bulk(unread))
    return {pk: case_dimensions(case) for pk, case in cases.items()}


def _loaded_for_dimensions(commitment: Commitment) -> bool:
    if not Commitment._meta.get_field("case").is_cached(commitment):
        return False
    case = commitment.case
    if not (case._meta.get_field("crime").is_cached(case) and case._meta.get_field("victim").is_cached(case)):
        return False
    return case.victim._meta.get_field("equality").is_cached(case.victim)


def survey_fact(survey, case) -> dict:
    dimensions = case_dimensions(case)
    return {
        "month": month_of(survey.answered_at),
        "organisation_id": case.unit_id,
        "area": dimensions["area"],
        "category": dimensions["category"],
        "enhanced": dimensions["enhanced"],
        "updates": updates_timeliness(case.commitments.all(), survey.answered_at),
        "groups": dimensions["groups"],
        "ratings": survey.ratings(),
    }


@transaction.atomic
def recount_survey(survey) -> None:
    """Count a survey answer (or move it, when the victim's groups changed). Whether the victim's updates
    were on time is judged once, when the survey was answered."""
    case = (type(survey.case).objects.select_related("crime", "victim__equality")
            .prefetch_related("commitments").get(pk=survey.case_id))
    new = survey_fact(survey, case)
    _lock_cells()
    old_row = SurveyFact.objects.select_for_update().filter(pk=survey.pk).first()
    old = _fact_values(old_row, SURVEY_FACT_FIELDS) if old_row else None
    if old:
        new["updates"] = old["updates"]
    if old == new:
        return
    moves = new_moves()
    if old:
        survey_moves(old, -1, moves)
    survey_moves(new, +1, moves)
    _apply(moves)
    _save_fact(SurveyFact, old_row, {"survey_id": survey.pk}, new)


@transaction.atomic
def recount_victim(victim) -> None:
    """The victim's groups changed (they answered the equality questions): recount everything of theirs."""
    from victimcare.cases.models import Case
    from victimcare.satisfaction.models import SurveyResponse

    cases = Case.objects.filter(victim=victim).select_related("crime", "victim__equality")
    for case in cases:
        dimensions = case_dimensions(case)
        for commitment in case.commitments.order_by("pk"):
            recount_commitment(commitment, dimensions)
    for survey in SurveyResponse.objects.filter(case__victim=victim).order_by("pk"):
        recount_survey(survey)
