import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_archiveexport"),
        ("core", "0016_agency_province_level"),
    ]

    operations = [
        migrations.AddField(
            model_name="archiveexport",
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
