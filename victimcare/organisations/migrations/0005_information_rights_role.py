from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0004_analyst_role'),
    ]

    operations = [
        migrations.AlterField(
            model_name='membership',
            name='role',
            field=models.CharField(choices=[('call_handler', 'Call handler'), ('officer', 'Officer'), ('supervisor', 'Supervisor'), ('administrator', 'Administrator'), ('caseworker', 'Victim services caseworker'), ('neighbourhood', 'Neighbourhood team member'), ('partner', 'Partner agency user'), ('witness_care', 'Witness care officer'), ('property_officer', 'Property officer'), ('analyst', "Commissioner's analyst"), ('information_rights', 'Information rights officer')], max_length=20, verbose_name='role'),
        ),
    ]
