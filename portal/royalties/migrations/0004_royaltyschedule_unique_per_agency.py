import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import portal.core.models


class Migration(migrations.Migration):
    dependencies = [("royalties", "0003_royaltyschedule_of_the_default_agency")]

    operations = [
        migrations.AlterField(
            model_name="royaltyschedule",
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
            model_name="royaltyschedule",
            name="year",
            field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name="year"),
        ),
        migrations.AddConstraint(
            model_name="royaltyschedule",
            constraint=models.UniqueConstraint(
                fields=("agency", "year"),
                name="unique_royalty_schedule_year_per_agency",
                violation_error_message="The agency has a royalty schedule for this year already.",
            ),
        ),
    ]
