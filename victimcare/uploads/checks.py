"""Start-up check: the private files folder is not one that is served (static files, media)."""

from pathlib import Path

from django.conf import settings
from django.core import checks


def _within(path: Path, folder) -> bool:
    if not folder:
        return False
    folder = Path(folder).resolve()
    return path == folder or folder in path.parents


def check_private_files_root(app_configs=None, **kwargs):
    root = Path(settings.PRIVATE_FILES_ROOT).resolve()
    served = [getattr(settings, "STATIC_ROOT", None), getattr(settings, "MEDIA_ROOT", None)]
    served += [entry[1] if isinstance(entry, (tuple, list)) else entry
               for entry in getattr(settings, "STATICFILES_DIRS", [])]
    if any(_within(root, folder) for folder in served):
        return [checks.Error(
            f"PRIVATE_FILES_ROOT ({root}) is inside a folder that is served as static or media files.",
            hint="Put uploaded files in a private folder of their own (default var/uploads).",
            id="uploads.E001")]
    return []
