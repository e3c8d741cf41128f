import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0016_agency_province_level"),
        ("procedures", "0001_initial"),
        ("units", "0007_agency_collection"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
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
