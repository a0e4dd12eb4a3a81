"""The access log cannot be edited through the application (model, queryset, admin) nor by SQL (triggers, on
SQLite and PostgreSQL), and is tamper-evident: each entry is chained to the one before, and
`manage.py verify_audit_chain` finds an altered, a deleted and a forged entry, as an attacker with the database
(who drops the triggers first) would leave them."""

import io
import itertools
import math

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from tests.factories import VictimFactory
from tests.triggers import drop_triggers, triggers_on
from victimcare.cases import audit_chain
from victimcare.cases.access import log_case_access, log_cases_listed, log_victim_access
from victimcare.cases.models import CaseAccessLog

pytestmark = pytest.mark.django_db
TABLE = CaseAccessLog._meta.db_table
TRIGGERS = {f"{TABLE}_no_update", f"{TABLE}_no_delete"}
VIEWED, CHANGED = CaseAccessLog.Action.VIEWED, CaseAccessLog.Action.CHANGED


@pytest.fixture(autouse=True)
def process_clock(monkeypatch):
    """This process's seal-after-commit clock, moved by hand: at first no seal has run for a long time."""
    clock = {"now": 1000.0}
    monkeypatch.setattr(audit_chain, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(audit_chain, "_last_sealed", -math.inf)
    return clock


@pytest.fixture
def chain(case, officer, colleague):
    """A case's reads and changes, a list and a victim search: ten entries or more, chained."""
    log_case_access(case, officer, VIEWED, what="case page")
    log_case_access(case, colleague, CHANGED, what="contact agreement", why="the victim asked for texts")
    log_cases_listed([case] * 3, officer, what="my cases")
    log_victim_access([VictimFactory(), VictimFactory()], officer, what="victim search")
    log_case_access(case, None, VIEWED, what="portal: the case", channel=CaseAccessLog.Channel.PORTAL)
    audit_chain.seal()
    return list(CaseAccessLog.objects.order_by("sequence"))


def verify() -> str:
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    return out.getvalue()


def broken() -> str:
    with pytest.raises(CommandError) as caught:
        verify()
    return str(caught.value)


def execute(sql: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_entries_are_chained_in_the_order_written(chain, case):
    assert [entry.sequence for entry in chain] == list(range(1, len(chain) + 1))
    assert [entry.id for entry in chain] == sorted(entry.id for entry in chain)
    assert chain[0].previous_hash == audit_chain.GENESIS
    for before, entry in itertools.pairwise(chain):
        assert entry.previous_hash == before.entry_hash
    for entry in chain:
        fields = {name: getattr(entry, name) for name in audit_chain.HASHED}
        assert entry.entry_hash == audit_chain.entry_hash(entry.previous_hash, fields)
    # Every entry about a case names its victim too; a search's entries name the victim alone.
    assert all(entry.victim_id == case.victim_id for entry in chain if entry.case_id)
    assert [entry.case_id for entry in chain if entry.what == "victim search"] == [None, None]


def test_every_field_of_an_entry_is_hashed_or_is_a_hash():
    """A field added to the model must be added to the chain (keeping old entries' hashes) or this fails."""
    fields = {field.attname for field in CaseAccessLog._meta.concrete_fields}
    assert fields == {*audit_chain.HASHED, "previous_hash", "entry_hash"}


def test_an_entry_is_chained_when_its_transaction_commits(case, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        log_case_access(case, officer, VIEWED, what="case page")
        log_cases_listed([case, case], officer, what="my cases")
        assert not CaseAccessLog.objects.filter(sequence__isnull=False, what="my cases").exists()
    assert not CaseAccessLog.objects.filter(sequence__isnull=True).exists()
    assert "intact" in verify()


def test_a_process_seals_at_most_once_a_second_and_the_next_seal_chains_what_waited(
        case, officer, process_clock, django_capture_on_commit_callbacks, django_assert_num_queries):
    with django_capture_on_commit_callbacks(execute=True):
        log_case_access(case, officer, VIEWED, what="first")
    assert not CaseAccessLog.objects.filter(sequence__isnull=True).exists()

    process_clock["now"] += 0.5
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(1):  # no lock, no chaining
        log_case_access(case, officer, VIEWED, what="half a second later")
    assert list(CaseAccessLog.objects.filter(sequence__isnull=True).values_list("what", flat=True)) == [
        "half a second later"]

    process_clock["now"] += 0.6
    with django_capture_on_commit_callbacks(execute=True):
        log_case_access(case, officer, VIEWED, what="over a second after the first")
    assert not CaseAccessLog.objects.filter(sequence__isnull=True).exists()
    assert "intact" in verify()


def test_the_scheduled_task_chains_what_no_process_has(case, officer):
    from victimcare.cases.tasks import seal_access_log

    log_case_access(case, officer, VIEWED, what="the last page before a quiet spell")
    assert seal_access_log.call() >= 1
    assert not CaseAccessLog.objects.filter(sequence__isnull=True).exists()
    assert "intact" in verify()


def test_a_rolled_back_transaction_leaves_no_gap(case, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        log_case_access(case, officer, VIEWED, what="first")
        with pytest.raises(RuntimeError), transaction.atomic():
            log_case_access(case, officer, VIEWED, what="rolled back")
            raise RuntimeError
        log_case_access(case, officer, VIEWED, what="second")
    entries = CaseAccessLog.objects.exclude(what__startswith="case opened").order_by("sequence")
    assert [entry.what for entry in entries][-2:] == ["first", "second"]
    assert "intact" in verify()


def test_an_intact_chain_passes_and_names_its_head(chain):
    output = verify()
    assert f"intact: {len(chain)} entries, 1 to {len(chain)}; head hash {chain[-1].entry_hash}" in output
    head = io.StringIO()
    call_command("audit_chain_head", stdout=head)
    assert head.getvalue().strip().endswith(f"sequence {len(chain)} hash {chain[-1].entry_hash}")
    anchored = io.StringIO()
    call_command("verify_audit_chain", anchor=f"{len(chain)}:{chain[-1].entry_hash}", stdout=anchored)
    assert "intact" in anchored.getvalue()


def test_verify_chains_entries_left_unchained_first(case, officer):
    log_case_access(case, officer, VIEWED, what="case page")  # its on-commit chaining never ran
    assert CaseAccessLog.objects.filter(sequence__isnull=True).exists()
    assert "were chained just now" in verify()
    assert not CaseAccessLog.objects.filter(sequence__isnull=True).exists()


def test_the_database_has_its_triggers():
    assert triggers_on(TABLE) == TRIGGERS


def test_the_application_cannot_change_or_delete_an_entry(chain):
    entry = chain[1]
    for attempt in (lambda: CaseAccessLog.objects.filter(pk=entry.pk).update(what="nothing"),
                    lambda: CaseAccessLog.objects.filter(pk=entry.pk).delete(),
                    lambda: entry.save(),
                    lambda: entry.delete()):
        with pytest.raises(ValidationError):
            attempt()
    assert CaseAccessLog not in admin.site._registry, "the access log is kept out of the Django admin"
    assert CaseAccessLog.objects.get(pk=entry.pk).what == entry.what == "case page"


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE cases_caseaccesslog SET what = 'nothing' WHERE id = %s", "cannot be changed"),
    ("UPDATE cases_caseaccesslog SET why = '' WHERE id = %s", "cannot be changed"),
    ("UPDATE cases_caseaccesslog SET user_id = NULL WHERE id = %s", "cannot be changed"),
    ("UPDATE cases_caseaccesslog SET entry_hash = 'x' WHERE id = %s", "cannot be changed"),
    ("UPDATE cases_caseaccesslog SET sequence = NULL WHERE id = %s", "cannot be changed"),
    ("DELETE FROM cases_caseaccesslog WHERE id = %s", "cannot be deleted"),
])
def test_sql_cannot_change_or_delete_a_chained_entry(chain, sql, words):
    entry = chain[1]
    with pytest.raises(IntegrityError, match=words), transaction.atomic():
        execute(sql, [entry.pk])
    assert CaseAccessLog.objects.get(pk=entry.pk).entry_hash == entry.entry_hash
    assert "intact" in verify()


def test_sql_can_only_chain_an_unchained_entry_and_change_nothing_else(case, officer):
    """The one UPDATE the triggers allow: writing the chain of an entry that has none, nothing else with it."""
    log_case_access(case, officer, VIEWED, what="case page")
    entry = CaseAccessLog.objects.get(what="case page")
    with pytest.raises(IntegrityError, match="cannot be changed"), transaction.atomic():
        execute("UPDATE cases_caseaccesslog SET sequence = 999, what = 'nothing' WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError, match="cannot be changed"), transaction.atomic():
        execute("UPDATE cases_caseaccesslog SET what = 'nothing' WHERE id = %s", [entry.pk])
    assert audit_chain.seal() >= 1
    assert CaseAccessLog.objects.get(pk=entry.pk).what == "case page"


def test_an_altered_entry_is_found(chain, audit_chain_tampered):
    drop_triggers(TABLE)
    target = chain[3]
    execute("UPDATE cases_caseaccesslog SET what = 'nothing to see' WHERE id = %s", [target.pk])
    message = broken()
    assert f"after 3 good entries. First broken: entry {target.sequence} (" in message
    assert message.endswith("altered: its contents no longer match its hash.")


def test_an_altered_entry_with_its_hash_recomputed_is_found_at_the_next(chain, audit_chain_tampered):
    """An attacker who knows the scheme recomputes the altered entry's hash: the next entry no longer follows."""
    drop_triggers(TABLE)
    target = chain[3]
    fields = {**{name: getattr(target, name) for name in audit_chain.HASHED}, "what": "nothing to see"}
    execute("UPDATE cases_caseaccesslog SET what = %s, entry_hash = %s WHERE id = %s",
            ["nothing to see", audit_chain.entry_hash(target.previous_hash, fields), target.pk])
    message = broken()
    assert f"First broken: entry {target.sequence + 1} (" in message
    assert "inserted: it does not follow entry" in message


def test_a_deleted_entry_is_found(chain, audit_chain_tampered):
    drop_triggers(TABLE)
    target = chain[5]
    execute("DELETE FROM cases_caseaccesslog WHERE id = %s", [target.pk])
    message = broken()
    assert f"First broken: entry {target.sequence} (" in message
    assert f"missing: entry {target.sequence} is not there" in message


def test_an_entry_forged_in_the_middle_is_found(chain, officer, audit_chain_tampered):
    """A forged entry in entry 5's place (the real one deleted), chained onto entry 4 exactly as the real one was:
    its own hash is right, so the break shows at entry 6, which does not follow it."""
    drop_triggers(TABLE)
    real = chain[4]
    execute("DELETE FROM cases_caseaccesslog WHERE id = %s", [real.pk])
    forged = CaseAccessLog.objects.create(case=real.case, victim=real.victim, user=officer, action=VIEWED,
                                          what="case page", at=real.at)
    fields = {**{name: getattr(forged, name) for name in audit_chain.HASHED}, "sequence": real.sequence}
    execute("UPDATE cases_caseaccesslog SET sequence = %s, previous_hash = %s, entry_hash = %s WHERE id = %s",
            [real.sequence, real.previous_hash, audit_chain.entry_hash(real.previous_hash, fields), forged.pk])
    message = broken()
    assert f"after {real.sequence} good entries. First broken: entry {real.sequence + 1} (" in message
    assert f"inserted: it does not follow entry {real.sequence}: one of the two was forged in" in message


def test_a_second_entry_with_a_number_already_taken_is_found(chain):
    """Where the unique index on the sequence was dropped too, a forged entry can share a real one's number."""
    rows = [{name: getattr(entry, name) for name in audit_chain.STORED} for entry in chain]
    forged = {**rows[4], "id": 10_000, "what": "case page"}
    forged["entry_hash"] = audit_chain.entry_hash(forged["previous_hash"], forged)
    result = audit_chain.verify([*rows[:5], forged, *rows[5:]])
    assert result.checked == 5
    assert (result.problem.sequence, result.problem.kind) == (5, "inserted")
    assert result.problem.detail == "a second entry numbered 5 (id 10000)"


def test_a_rewritten_chain_is_found_against_a_published_anchor(chain, audit_chain_tampered):
    """Rewriting every entry from the first altered one on passes the chain's own checks; the anchor does not."""
    anchor = f"{chain[-1].sequence}:{chain[-1].entry_hash}"
    drop_triggers(TABLE)
    previous = audit_chain.GENESIS
    for entry in chain:
        fields = {name: getattr(entry, name) for name in audit_chain.HASHED}
        if entry.sequence == 2:
            fields["what"] = "nothing to see"
        digest = audit_chain.entry_hash(previous, fields)
        execute("UPDATE cases_caseaccesslog SET what = %s, previous_hash = %s, entry_hash = %s WHERE id = %s",
                [fields["what"], previous, digest, entry.pk])
        previous = digest
    assert "intact" in verify()
    with pytest.raises(CommandError, match=f"entry {chain[-1].sequence} .*the chain was rewritten"):
        call_command("verify_audit_chain", anchor=anchor, stdout=io.StringIO())


def test_deleted_entries_at_the_end_are_found_against_a_published_anchor(chain, audit_chain_tampered):
    anchor = f"{chain[-1].sequence}:{chain[-1].entry_hash}"
    drop_triggers(TABLE)
    execute("DELETE FROM cases_caseaccesslog WHERE id = %s", [chain[-1].pk])
    assert "intact" in verify()
    with pytest.raises(CommandError, match="before the anchor's entry"):
        call_command("verify_audit_chain", anchor=anchor, stdout=io.StringIO())


def test_a_bad_anchor_is_refused_with_its_form():
    with pytest.raises(CommandError, match="--anchor must be SEQUENCE:HASH"):
        call_command("verify_audit_chain", anchor="12:abc", stdout=io.StringIO())


def test_the_chain_is_read_in_chunks(chain, django_assert_max_num_queries):
    """Streamed: a small chunk size still checks every entry (on PostgreSQL through a server-side cursor)."""
    result = audit_chain.verify(audit_chain.chained_entries(chunk_size=2))
    assert (result.checked, result.problem) == (len(chain), None)


def test_chaining_a_list_page_is_a_fixed_number_of_queries(case, officer, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        log_cases_listed([case] * 50, officer, what="my cases")
    # A savepoint and its release (in a test), the lock, the unchained entries, the head, one UPDATE for all 50.
    with django_assert_max_num_queries(6):
        assert audit_chain.seal() >= 50
