"""rest_framework.authtoken kept each token in clear, one per user, with no system, scope or expiry; it is gone
from INSTALLED_APPS. Its table (if this database ever had it) is dropped with every key in it rather than converted:
a key stored in clear may be in any backup or copy of the database, so carrying it into a hashed token would keep a
secret alive that must be treated as known. Each system is issued a new scoped token (manage.py create_api_token,
or the administrators' API tokens page)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
