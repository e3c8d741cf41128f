import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import portal.core.models


class Migration(migrations.Migration):
    dependencies = [("units", "0005_unit_of_the_default_agency")]

    operations = [
        migrations.AlterField(
            model_name="unit",
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
        migrations.AlterField(
            model_name="unit",
            name="code",
            field=models.SlugField(max_length=50, verbose_name="code"),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                fields=("agency", "code"),
                name="unique_unit_code_per_agency",
                violation_error_message="The agency has a unit with this code already.",
            ),
        ),
    ]
