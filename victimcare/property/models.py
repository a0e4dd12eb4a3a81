"""Property (charter standard 9): the stores a force keeps property in, the register of items taken on a
case, and each item's chain of custody, which can only be added to (through services.add_custody_entry).

The chain is guarded at every level: services.add_custody_entry refuses a bad entry with a translated error for
the form; CustodyEntry.save() refuses an entry out of sequence, out of order, from the wrong place or after a
movement it cannot follow, whoever calls it; the queryset refuses update, delete, bulk_update and bulk_create;
and database triggers (migration 0002) refuse UPDATE and DELETE of the table from any SQL."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.areas.models import BilingualNameMixin


class Store(BilingualNameMixin, models.Model):
    """A property store of a police force."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    force = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="property_stores",
                              verbose_name=_("force"))
    address = models.TextField(_("address"), blank=True)

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name


class Reason(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    SAFEKEEPING = "safekeeping", _("Safekeeping")
    FOUND = "found", _("Found property")
    EXAMINATION = "examination", _("For examination")


class KeptInstead(models.TextChoices):
    NOTHING = "", _("Nothing: the original is no longer needed")
    PHOTOGRAPH = "photograph", _("A photograph is kept instead of the original")
    COPY = "copy", _("A copy is kept instead of the original")


class ItemQuerySet(models.QuerySet):
    def awaiting_return(self):
        return self.filter(status__in=(PropertyItem.Status.NO_LONGER_NEEDED, PropertyItem.Status.RETURN_ARRANGED))

    def past_review(self, today):
        return self.filter(status=PropertyItem.Status.HELD, review_on__lt=today)


class PropertyItem(models.Model):
    """An item taken on a case. Where it is now (store, place) is the last custody entry's "to"; services
    keep current_store and current_place in step with the chain."""

    class Status(models.TextChoices):
        HELD = "held", pgettext_lazy("property", "Held")
        NO_LONGER_NEEDED = "no_longer_needed", pgettext_lazy("property", "No longer needed")
        RETURN_ARRANGED = "return_arranged", pgettext_lazy("property", "Return arranged")
        RETURNED = "returned", pgettext_lazy("property", "Returned")
        DISPOSED = "disposed", pgettext_lazy("property", "Disposed of")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="property_items")
    force = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                              help_text="The force whose register the item is on.")
    exhibit_reference = models.CharField(_("exhibit reference"), max_length=30)
    description = models.TextField(_("description"))
    owner_is_victim = models.BooleanField(_("owned by the victim"), default=True)
    owner_name = models.CharField(_("owner's name"), max_length=200)
    owner_contact = models.CharField(_("owner's contact details"), max_length=300, blank=True)
    reason = models.CharField(_("why it was taken"), max_length=20, choices=Reason.choices)
    photographs_allowed = models.BooleanField(_("photographs or copies may be kept instead of the original"),
                                              default=False)
    kept_instead = models.CharField(_("kept instead of the original"), max_length=20, choices=KeptInstead.choices,
                                    blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.HELD)
    current_store = models.ForeignKey(Store, on_delete=models.PROTECT, null=True, blank=True, related_name="items")
    current_place = models.CharField(max_length=200, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    seized_at = models.DateTimeField(default=timezone.now)
    seized_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    no_longer_needed_at = models.DateTimeField(null=True, blank=True)
    owner_told_at = models.DateTimeField(null=True, blank=True)
    owner_told_how = models.CharField(max_length=200, blank=True)
    return_on = models.DateField(null=True, blank=True)
    return_place = models.CharField(max_length=200, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)
    disposal_warnings = models.JSONField(default=list, blank=True,
                                         help_text="The warnings recorded (days before the disposal date).")
    return_commitment = models.OneToOneField("charter.Commitment", on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="property_item")

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["exhibit_reference", "id"]
        indexes = [models.Index(fields=["force", "status"]), models.Index(fields=["case", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["force", "exhibit_reference"], name="exhibit_reference_unique_per_force"),
            models.CheckConstraint(condition=~Q(exhibit_reference=""), name="exhibit_reference_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.exhibit_reference}: {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.RETURNED, self.Status.DISPOSED)

    @property
    def where(self) -> str:
        return place_label(self.current_store, self.current_place)


def place_label(store, place: str) -> str:
    if store is not None:
        return f"{store.name}, {place}" if place else store.name
    return place


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("Custody entries cannot be changed.")

    def delete(self):
        raise ValidationError("Custody entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ValidationError("Custody entries cannot be changed.")

    def bulk_create(self, objs, *args, **kwargs):
        raise ValidationError("Custody entries are added one at a time, so that each is checked against the chain: "
                              "bulk_create is refused.")


class Movement(models.TextChoices):
    SEIZED = "seized", _("Seized")
    BOOKED_IN = "booked_in", _("Booked in")
    MOVED = "moved", _("Moved")
    SENT_FOR_EXAMINATION = "sent_for_examination", _("Sent for examination")
    RETURNED_FROM_EXAMINATION = "returned_from_examination", _("Returned from examination")
    RELEASED = "released", _("Released from the store")
    RETURNED_TO_OWNER = "returned_to_owner", _("Returned to the owner")
    DISPOSED = "disposed", pgettext_lazy("custody", "Disposed of")


# Which movements may follow the last one (None: the first entry). Nothing follows a return to the owner or
# a disposal; an item away for examination can only come back.
_IN_POLICE_HANDS = frozenset({Movement.BOOKED_IN, Movement.MOVED, Movement.SENT_FOR_EXAMINATION, Movement.RELEASED,
                              Movement.RETURNED_TO_OWNER, Movement.DISPOSED})
ALLOWED_AFTER = {
    None: frozenset({Movement.SEIZED}),
    Movement.SEIZED: _IN_POLICE_HANDS,
    Movement.BOOKED_IN: _IN_POLICE_HANDS,
    Movement.MOVED: _IN_POLICE_HANDS,
    Movement.RETURNED_FROM_EXAMINATION: _IN_POLICE_HANDS,
    Movement.RELEASED: _IN_POLICE_HANDS,
    Movement.SENT_FOR_EXAMINATION: frozenset({Movement.RETURNED_FROM_EXAMINATION}),
    Movement.RETURNED_TO_OWNER: frozenset(),
    Movement.DISPOSED: frozenset(),
}


def same_place(store_a, place_a: str, store_b, place_b: str) -> bool:
    """The same store (or none) and the same place, ignoring case and spacing."""
    return (getattr(store_a, "pk", store_a) == getattr(store_b, "pk", store_b)
            and " ".join((place_a or "").split()).casefold() == " ".join((place_b or "").split()).casefold())


def to_the_minute(moment):
    """Times are entered to the minute: an entry may carry the same minute as the one before it."""
    return moment.replace(second=0, microsecond=0)


class CustodyEntry(models.Model):
    """One movement in an item's chain of custody. Append-only: never changed, never deleted, never
    reordered; (item, sequence) is unique, so two racing entries cannot both be number n."""

    item = models.ForeignKey(PropertyItem, on_delete=models.PROTECT, related_name="custody")
    sequence = models.PositiveIntegerField()
    movement = models.CharField(_("movement"), max_length=30, choices=Movement.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("when"))
    from_store = models.ForeignKey(Store, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    from_place = models.CharField(max_length=200, blank=True)
    to_store = models.ForeignKey(Store, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_place = models.CharField(max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["item", "sequence"]
        constraints = [models.UniqueConstraint(fields=["item", "sequence"], name="custody_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} #{self.sequence} {self.movement}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Custody entries cannot be changed.")
        self.check_follows_on()
        super().save(*args, **kwargs)

    def check_follows_on(self) -> None:
        """Refuse (ValidationError naming the field) an entry that is not the next one in its item's chain: the
        next number, no earlier than the last entry, a movement that may follow it, starting where it ended.
        Two writers racing for the same number are stopped by the unique (item, sequence) constraint."""
        last = (CustodyEntry.objects.filter(item_id=self.item_id).select_related("to_store")
                .order_by("-sequence").first())
        expected = last.sequence + 1 if last is not None else 1
        if self.sequence != expected:
            raise ValidationError({"sequence": ValidationError(
                "Entry %(sequence)s is out of sequence: the next entry in this item's chain of custody is number "
                "%(expected)s.", code="out_of_sequence", params={"sequence": self.sequence, "expected": expected})})
        if self.at is None:
            raise ValidationError({"at": ValidationError("Enter when the movement happened.", code="required")})
        if last is None:
            if self.movement not in ALLOWED_AFTER[None]:
                raise ValidationError({"movement": ValidationError(
                    "The first entry in a chain of custody must be the seizure.", code="not_seizure")})
            return
        if to_the_minute(self.at) < to_the_minute(last.at):
            raise ValidationError({"at": ValidationError(
                "The entry is out of order: %(at)s is before the last entry in the chain (%(last)s).",
                code="out_of_order", params={"at": self.at.isoformat(), "last": last.at.isoformat()})})
        if self.movement not in ALLOWED_AFTER.get(last.movement, frozenset()):
            raise ValidationError({"movement": ValidationError(
                "“%(movement)s” cannot follow “%(last)s” in a chain of custody.", code="not_allowed",
                params={"movement": self.movement, "last": last.movement})})
        if not same_place(self.from_store_id, self.from_place, last.to_store_id, last.to_place):
            raise ValidationError({"from_place": ValidationError(
                "The item was last recorded at %(where)s: a movement must start where the last one ended.",
                code="gap", params={"where": last.to_label})})

    def delete(self, *args, **kwargs):
        raise ValidationError("Custody entries cannot be deleted.")

    @property
    def from_label(self) -> str:
        return place_label(self.from_store, self.from_place)

    @property
    def to_label(self) -> str:
        return place_label(self.to_store, self.to_place)
