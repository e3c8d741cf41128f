import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0011_agency_name_from_data"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="agencysettings",
            name="code",
            field=models.SlugField(blank=True, help_text="The agency pack's code", max_length=100, verbose_name="code"),
        ),
        migrations.AddField(
            model_name="agencysettings",
            name="site",
            field=models.OneToOneField(
                null=True, editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
            ),
        ),
    ]
