from django.db import migrations


def attach_to_default_site(apps, schema_editor):
    """The agency details an installation had belong to its default site (the only one it served)."""
    AgencySettings = apps.get_model("core", "AgencySettings")
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    rows = AgencySettings.objects.order_by("pk")
    if site is None:  # no site to show them on: nothing reads them
        rows.delete()
        return
    first = rows.first()
    if first is not None:
        rows.exclude(pk=first.pk).delete()  # a generic setting has one row; never more than one
        AgencySettings.objects.filter(pk=first.pk).update(site=site)


class Migration(migrations.Migration):
    dependencies = [("core", "0012_agency_per_site")]

    operations = [migrations.RunPython(attach_to_default_site, migrations.RunPython.noop)]
