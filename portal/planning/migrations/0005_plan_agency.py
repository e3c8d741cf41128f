import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0004_incident_moved_to_operations"),
        ("core", "0014_agency_site_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="agency",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.agencysettings",
                verbose_name="agency",
            ),
        ),
    ]
