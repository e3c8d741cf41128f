import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import portal.core.models


class Migration(migrations.Migration):
    dependencies = [("procedures", "0003_procedure_of_its_units_agency")]

    operations = [
        migrations.AlterField(
            model_name="procedure",
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
            model_name="procedure",
            name="code",
            field=models.CharField(
                help_text="The procedure's code, as on the national public service portal where it has one.",
                max_length=40,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z0-9.\\-]+$", "Use letters, digits, dots and dashes only."
                    )
                ],
                verbose_name="code",
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="slug",
            field=models.SlugField(help_text="The last part of its web address.", max_length=80, verbose_name="address"),
        ),
        migrations.AddConstraint(
            model_name="procedure",
            constraint=models.UniqueConstraint(
                fields=("agency", "code"),
                name="procedure_code_unique_per_agency",
                violation_error_message="The agency has a procedure with this code already.",
            ),
        ),
        migrations.AddConstraint(
            model_name="procedure",
            constraint=models.UniqueConstraint(
                fields=("agency", "slug"),
                name="procedure_slug_unique_per_agency",
                violation_error_message="The agency has a procedure at this address already.",
            ),
        ),
    ]
