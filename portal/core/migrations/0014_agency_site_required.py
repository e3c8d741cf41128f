import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0013_agency_of_the_default_site")]

    operations = [
        migrations.AlterField(
            model_name="agencysettings",
            name="site",
            field=models.OneToOneField(
                editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
            ),
        ),
        migrations.AddConstraint(
            model_name="agencysettings",
            constraint=models.UniqueConstraint(
                condition=models.Q(("code", ""), _negated=True), fields=("code",), name="unique_agency_code"
            ),
        ),
    ]
