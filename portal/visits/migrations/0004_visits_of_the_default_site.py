from django.db import migrations


def attach_to_default_site(apps, schema_editor):
    """The visits an installation counted were its one site's: the default site's."""
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    if site is None:
        return
    for name in ("DailyVisits", "PageVisits"):
        apps.get_model("visits", name).objects.filter(site__isnull=True).update(site=site)


class Migration(migrations.Migration):
    dependencies = [("visits", "0003_visits_site")]

    operations = [migrations.RunPython(attach_to_default_site, migrations.RunPython.noop)]
