from django.db import migrations


def attach_to_default_agency(apps, schema_editor):
    """The applications an installation had were made to its one agency: the default site's."""
    Model = apps.get_model("applications", "application")
    if not Model.objects.filter(agency__isnull=True).exists():
        return
    Site = apps.get_model("wagtailcore", "Site")
    AgencySettings = apps.get_model("core", "AgencySettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    agency, _created = AgencySettings.objects.get_or_create(site=site)
    Model.objects.filter(agency__isnull=True).update(agency=agency)


class Migration(migrations.Migration):
    dependencies = [("applications", "0004_application_agency")]

    operations = [migrations.RunPython(attach_to_default_agency, migrations.RunPython.noop)]
