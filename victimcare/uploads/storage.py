"""The private storage of uploaded files: settings.PRIVATE_FILES_ROOT, with no URL (base_url None, so
storage.url() fails rather than make an address). Files are read only through views.serve."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT, base_url=None, file_permissions_mode=0o600,
                             directory_permissions_mode=0o700)
