import django.db.models.deletion
from django.db import migrations, models

import portal.core.models


class Migration(migrations.Migration):
    dependencies = [("organisation", "0002_leader_agency")]

    operations = [
        migrations.AlterField(
            model_name="leader",
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
    ]
