from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('victims', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='victim',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='victim',
            name='retained_groups',
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
    ]
