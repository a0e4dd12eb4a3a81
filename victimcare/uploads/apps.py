from django.apps import AppConfig
from django.conf import settings
from django.core import checks


def cap_image_pixels() -> None:
    """Pillow refuses to open an image above Image.MAX_IMAGE_PIXELS (a warning above it, an error above twice
    it; validation turns the warning into a refusal too): capped at the uploads' limit."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = min(Image.MAX_IMAGE_PIXELS or settings.UPLOAD_MAX_IMAGE_PIXELS,
                                 settings.UPLOAD_MAX_IMAGE_PIXELS)


class UploadsConfig(AppConfig):
    name = "victimcare.uploads"
    label = "uploads"
    verbose_name = "Uploaded files"

    def ready(self) -> None:
        from victimcare.cases.timeline import register_describers
        from victimcare.uploads.checks import check_private_files_root
        from victimcare.uploads.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
        cap_image_pixels()
        checks.register(check_private_files_root)
