from io import StringIO

from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.cases.models import Case, TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.crimes.models import Crime
from victimcare.demo.organisations import DEMO_PASSWORD
from victimcare.organisations.models import Membership, Organisation
from victimcare.victims.models import Victim

Role = Membership.Role


def roles_of(username):
    return set(
        Membership.objects.filter(user__username=username).values_list("role", "organisation__code")
    )


def test_creates_the_personas(demo, db):
    assert roles_of("olwen.price") == {(Role.OFFICER, "gwent-police-newport")}
    assert roles_of("gareth.lewis") == {(Role.OFFICER, "gwent-police-newport")}
    assert roles_of("dewi.hughes") == {(Role.OFFICER, "gwent-police-caerphilly")}
    assert roles_of("sara.rees") == {
        (Role.SUPERVISOR, "gwent-police-newport"), (Role.SUPERVISOR, "gwent-police-caerphilly")
    }
    assert roles_of("cerys.bowen") == {(Role.CALL_HANDLER, "gwent-police")}
    admin = User.objects.get(username="alun.james")
    assert admin.is_staff and admin.is_superuser
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.all())


def test_the_demo_password_is_long_and_valid():
    assert len(DEMO_PASSWORD) >= 12
    validate_password(DEMO_PASSWORD)


def test_prints_the_sign_ins(demo, db):
    assert "olwen.price" in demo
    assert "Call handler" in demo
    assert DEMO_PASSWORD in demo


def test_creates_the_organisations(demo, db):
    units = Organisation.objects.filter(kind=Organisation.Kind.UNIT)
    assert set(units.values_list("local_authority__name_en", flat=True)) == {
        "Newport", "Caerphilly", "Blaenau Gwent", "Torfaen", "Monmouthshire"
    }
    assert all(unit.name_cy and unit.phone and unit.email for unit in units)
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {Organisation.Kind.FORCE, Organisation.Kind.VICTIM_SERVICE, Organisation.Kind.WITNESS_CARE,
            Organisation.Kind.COMMISSIONER} <= kinds


def test_cases_on_real_crimes_in_the_unit_of_their_area(demo, db):
    assert Crime.objects.filter(reference__startswith="PUK-").count() == 300
    cases = Case.objects.select_related("crime", "unit")
    assert 140 <= cases.count() <= 160
    assert all(case.unit.local_authority_id == case.crime.local_authority_id for case in cases)
    assert len({case.unit_id for case in cases}) == 5
    assert {"violent-crime", "burglary", "criminal-damage-arson"} <= {case.crime.category for case in cases}


def test_cases_and_commitments_of_every_status(demo, db):
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert set(Commitment.objects.values_list("status", flat=True)) == set(Commitment.Status.values)
    now = timezone.now()
    assert Commitment.objects.overdue(now).exists()
    assert Commitment.objects.open().filter(due_at__gt=now).exists()


def test_the_overdue_sweep_ran(demo, db):
    assert Commitment.objects.filter(overdue_recorded_at__isnull=False).count() == Commitment.objects.overdue().count()
    assert TimelineEvent.objects.filter(kind=TimelineEvent.Kind.COMMITMENT_OVERDUE).exists()


def test_victims_are_varied(demo, db):
    victims = Victim.objects.all()
    assert victims.filter(preferred_language=Victim.Language.WELSH).exists()
    assert victims.filter(needs_interpreter=True).exists()
    assert any("under_18" in reasons for reasons in Case.objects.values_list("enhanced_rights_reasons", flat=True))
    assert Case.objects.filter(crime__is_domestic_abuse=True, enhanced_rights=True).exists()
    assert Case.objects.filter(crime__is_hate_crime=True, enhanced_rights=True).exists()
    assert Case.objects.exclude(crime__offence="").exists()


def test_histories_are_in_the_past_and_start_with_the_case(demo, db):
    now = timezone.now()
    assert not TimelineEvent.objects.filter(occurred_at__gt=now).exists()
    for case in Case.objects.all():
        first = case.timeline.order_by("occurred_at", "id").first()
        assert first.kind == TimelineEvent.Kind.CASE_OPENED


def test_a_second_run_changes_nothing(demo, db):
    counts = (User.objects.count(), Victim.objects.count(), Case.objects.count(), TimelineEvent.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert "olwen.price" in out.getvalue()
    assert (User.objects.count(), Victim.objects.count(), Case.objects.count(),
            TimelineEvent.objects.count()) == counts
