"""Uploaded files: photographs of property and letters or documents on a case.

A file is known by a random UUID4 (`key`), which is both its address (/files/<key>/) and its name in the
private storage (victimcare.uploads.storage). The client's file name is never used to store or find it: a
sanitised copy is kept for display only. The content type is what the bytes are (victimcare.uploads.validation
sniffs and checks them), never what the client said. Removing a file deletes its bytes and keeps the row, with
who removed it, when and why; erasure (services.erase_files_of_case) deletes the rows too."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StoredFileQuerySet(models.QuerySet):
    def current(self):
        """Files not removed."""
        return self.filter(removed_at__isnull=True)

    def letters(self):
        return self.filter(kind=StoredFile.Kind.LETTER)

    def photographs(self):
        return self.filter(kind=StoredFile.Kind.PHOTOGRAPH)


class StoredFile(models.Model):
    class Kind(models.TextChoices):
        PHOTOGRAPH = "photograph", _("Photograph of property")
        LETTER = "letter", _("Letter or document")

    class Direction(models.TextChoices):
        FROM_VICTIM = "from_victim", pgettext_lazy("letter", "Received from the victim")
        TO_VICTIM = "to_victim", pgettext_lazy("letter", "Sent to the victim")

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="stored_files")
    property_item = models.ForeignKey("property.PropertyItem", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="photographs")
    display_name = models.CharField(_("file name"), max_length=120,
                                    help_text="The client's file name, sanitised, for display only.")
    content_type = models.CharField(max_length=40, help_text="From the bytes, not the client.")
    size = models.PositiveIntegerField(help_text="Bytes, as stored (after re-encoding an image).")
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=200, blank=True)
    direction = models.CharField(_("received or sent"), max_length=20, choices=Direction.choices, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    removal_reason = models.TextField(_("why it was removed"), blank=True)

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["case", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="photograph", property_item__isnull=False, direction="")
                           | Q(kind="letter", property_item__isnull=True, direction__in=["from_victim", "to_victim"])),
                name="stored_file_kind_matches_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"

    @property
    def storage_name(self) -> str:
        return str(self.key)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
