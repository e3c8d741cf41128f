import django.db.models.deletion
from django.db import migrations, models


def _agency_field():
    return models.ForeignKey(
        null=True,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="core.agencysettings",
        verbose_name="agency",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("royalties", "0004_royaltyschedule_unique_per_agency"),
        ("core", "0014_agency_site_required"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="royaltyperiod", name="royalty_period_unique"),
        migrations.RemoveConstraint(model_name="royaltyentry", name="royalty_entry_one_fee_per_month"),
        migrations.AddField(model_name="royaltyperiod", name="agency", field=_agency_field()),
        migrations.AddField(model_name="royaltyentry", name="agency", field=_agency_field()),
    ]
