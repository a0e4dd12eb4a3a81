"""Static files in production: WhiteNoise's compressed files with content-hashed names (cached for ever by browsers),
made by `collectstatic` on each release."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """As WhiteNoise's, except that a url() in a style sheet naming a file that does not exist is left as it is
    rather than stopping collectstatic: MOJ Frontend's style sheet names `moj/assets/images/govuk-crest.svg`, which
    the package does not ship (GOV.UK Frontend has the crest; the MOJ header that would show it is not used)."""

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is not None:  # a file being hashed itself: a real error
                raise
            return name
