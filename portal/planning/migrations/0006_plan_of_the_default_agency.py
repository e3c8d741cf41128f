from django.db import migrations


def attach_to_default_agency(apps, schema_editor):
    """The plans an installation had are its one agency's: the default site's."""
    Model = apps.get_model("planning", "plan")
    if not Model.objects.filter(agency__isnull=True).exists():
        return
    Site = apps.get_model("wagtailcore", "Site")
    AgencySettings = apps.get_model("core", "AgencySettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    agency, _created = AgencySettings.objects.get_or_create(site=site)
    Model.objects.filter(agency__isnull=True).update(agency=agency)


class Migration(migrations.Migration):
    dependencies = [("planning", "0005_plan_agency")]

    operations = [migrations.RunPython(attach_to_default_agency, migrations.RunPython.noop)]
