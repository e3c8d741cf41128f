"""Each agency keeps its own anniversaries: a unit's is the unit's agency's, the others an installation had
are its one agency's, the default site's."""

import django.db.models.deletion
from django.db import migrations, models


def attach_to_agencies(apps, schema_editor):
    Anniversary = apps.get_model("planning", "Anniversary")
    if not Anniversary.objects.exists():
        return
    for anniversary in Anniversary.objects.filter(unit__isnull=False).select_related("unit"):
        anniversary.agency_id = anniversary.unit.agency_id
        anniversary.save(update_fields=["agency"])
    if not Anniversary.objects.filter(agency__isnull=True).exists():
        return
    Site = apps.get_model("wagtailcore", "Site")
    AgencySettings = apps.get_model("core", "AgencySettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    agency, _created = AgencySettings.objects.get_or_create(site=site)
    Anniversary.objects.filter(agency__isnull=True).update(agency=agency)


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0007_plan_unique_per_agency"),
        ("units", "0006_unit_unique_per_agency"),
        ("core", "0016_agency_province_level"),
    ]

    operations = [
        migrations.AddField(
            model_name="anniversary",
            name="agency",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.agencysettings",
                verbose_name="agency",
            ),
        ),
        migrations.RunPython(attach_to_agencies, migrations.RunPython.noop),
    ]
