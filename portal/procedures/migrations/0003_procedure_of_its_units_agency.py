from django.db import migrations


def attach_to_units_agency(apps, schema_editor):
    """A procedure is its handling unit's agency's; one whose unit names none, the default site's."""
    Procedure = apps.get_model("procedures", "procedure")
    Unit = apps.get_model("units", "unit")
    if not Procedure.objects.filter(agency__isnull=True).exists():
        return
    for agency_id in Unit.objects.exclude(agency__isnull=True).values_list("agency_id", flat=True).distinct():
        Procedure.objects.filter(agency__isnull=True, unit__agency_id=agency_id).update(agency_id=agency_id)
    if Procedure.objects.filter(agency__isnull=True).exists():
        Site = apps.get_model("wagtailcore", "Site")
        AgencySettings = apps.get_model("core", "AgencySettings")
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
        agency, _created = AgencySettings.objects.get_or_create(site=site)
        Procedure.objects.filter(agency__isnull=True).update(agency=agency)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_procedure_agency")]

    operations = [migrations.RunPython(attach_to_units_agency, migrations.RunPython.noop)]
