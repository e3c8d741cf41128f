import django.db.models.deletion
from django.db import migrations, models

import portal.core.models


class Migration(migrations.Migration):
    """Each agency counts its own receipts of a day: a counter per agency and day, beside the old one
    (filled by 0008, which it then replaces in 0009)."""

    dependencies = [
        ("applications", "0006_application_agency_required"),
        ("core", "0016_agency_province_level"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgencyReceiptCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(verbose_name="day")),
                ("last", models.PositiveIntegerField(default=0)),
                (
                    "agency",
                    models.ForeignKey(
                        default=portal.core.models.default_agency,
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.agencysettings",
                        verbose_name="agency",
                    ),
                ),
            ],
            options={
                "verbose_name": "receipt counter",
                "constraints": [
                    models.UniqueConstraint(fields=("agency", "day"), name="receipt_counter_one_a_day_per_agency")
                ],
            },
        ),
    ]
