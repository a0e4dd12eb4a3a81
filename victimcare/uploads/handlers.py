"""The first upload handler (settings.FILE_UPLOAD_HANDLERS): passes on at most the field's limit plus one byte of
any uploaded file, so a huge upload is never held in memory or written to disk whole; validation then refuses it
as too large, naming the field. A field not listed gets the largest limit."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

LIMIT_SETTINGS = {"photograph": "UPLOAD_MAX_PHOTO_MB", "document": "UPLOAD_MAX_LETTER_MB"}


def limit_bytes(field_name: str) -> int:
    megabytes = [getattr(settings, name) for name in LIMIT_SETTINGS.values()]
    name = LIMIT_SETTINGS.get(field_name)
    return (getattr(settings, name) if name else max(megabytes)) * 1024 * 1024


class UploadLimit(FileUploadHandler):
    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.left = limit_bytes(field_name) + 1

    def receive_data_chunk(self, raw_data, start):
        kept = raw_data[: max(self.left, 0)]
        self.left -= len(kept)
        return kept or None  # None: the later handlers get nothing more of this file

    def file_complete(self, file_size):
        return None
