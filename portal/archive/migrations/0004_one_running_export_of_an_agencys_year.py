import django.db.models.deletion
from django.db import migrations, models

import portal.core.models


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_archiveexports_of_the_default_agency")]

    operations = [
        migrations.AlterField(
            model_name="archiveexport",
            name="agency",
            field=models.ForeignKey(
                default=portal.core.models.default_agency,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.agencysettings",
                verbose_name="agency",
            ),
        ),
        migrations.RemoveConstraint(model_name="archiveexport", name="archive_one_running_export_a_year"),
        migrations.AddConstraint(
            model_name="archiveexport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["queued", "running"])),
                fields=("agency", "year"),
                name="archive_one_running_export_of_an_agencys_year",
            ),
        ),
    ]
