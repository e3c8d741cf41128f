import django.db.models.deletion
from django.db import migrations, models


def attach_to_agencies(apps, schema_editor):
    """A unit's leader is the unit's agency's; the agency's own leaders an installation had are its one
    agency's: the default site's."""
    Leader = apps.get_model("organisation", "Leader")
    if not Leader.objects.exists():
        return
    for leader in Leader.objects.filter(unit__isnull=False).select_related("unit"):
        leader.agency_id = leader.unit.agency_id
        leader.save(update_fields=["agency"])
    if not Leader.objects.filter(agency__isnull=True).exists():
        return
    Site = apps.get_model("wagtailcore", "Site")
    AgencySettings = apps.get_model("core", "AgencySettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    agency, _created = AgencySettings.objects.get_or_create(site=site)
    Leader.objects.filter(agency__isnull=True).update(agency=agency)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("units", "0006_unit_unique_per_agency"),
        ("core", "0016_agency_province_level"),
    ]

    operations = [
        migrations.AddField(
            model_name="leader",
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
