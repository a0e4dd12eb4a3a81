"""Settings for gunicorn in the throughput benchmark: Victim Care's own, with the URLs of bench/site_urls.py (the
application's, and one trivial signed-in page). Only the benchmark uses this; bench/ is on the path there."""

from victimcare.settings import *  # noqa: F403 - the application's settings, unchanged but for the URLs

ROOT_URLCONF = "site_urls"
