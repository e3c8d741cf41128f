from django.db import migrations


def attach_to_default_agency(apps, schema_editor):
    """The exports an installation had archived its one agency's site: the default site's."""
    Model = apps.get_model("archive", "archiveexport")
    if not Model.objects.filter(agency__isnull=True).exists():
        return
    Site = apps.get_model("wagtailcore", "Site")
    AgencySettings = apps.get_model("core", "AgencySettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    agency, _created = AgencySettings.objects.get_or_create(site=site)
    Model.objects.filter(agency__isnull=True).update(agency=agency)


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_archiveexport_agency")]

    operations = [migrations.RunPython(attach_to_default_agency, migrations.RunPython.noop)]
