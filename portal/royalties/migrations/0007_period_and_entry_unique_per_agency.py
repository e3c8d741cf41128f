import django.db.models.deletion
from django.db import migrations, models

import portal.core.models


def _agency_field():
    return models.ForeignKey(
        default=portal.core.models.default_agency,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="core.agencysettings",
        verbose_name="agency",
    )


class Migration(migrations.Migration):
    dependencies = [("royalties", "0006_periods_and_entries_of_their_agency")]

    operations = [
        migrations.AlterField(model_name="royaltyperiod", name="agency", field=_agency_field()),
        migrations.AlterField(model_name="royaltyentry", name="agency", field=_agency_field()),
        migrations.AddConstraint(
            model_name="royaltyperiod",
            constraint=models.UniqueConstraint(
                fields=("agency", "kind", "year", "number"),
                name="royalty_period_unique_per_agency",
                violation_error_message="The agency has this period already.",
            ),
        ),
        migrations.AddConstraint(
            model_name="royaltyentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("entry_type", "fee")),
                fields=("agency", "fee_month"),
                name="royalty_entry_one_fee_per_month_per_agency",
            ),
        ),
    ]
