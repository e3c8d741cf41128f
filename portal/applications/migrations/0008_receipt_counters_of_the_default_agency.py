from django.db import migrations


def to_default_agency(apps, schema_editor):
    """The days counted so far were the installation's one agency's: the default site's (today's count goes
    on, so no receipt number is given twice)."""
    Old = apps.get_model("applications", "ReceiptCounter")
    New = apps.get_model("applications", "AgencyReceiptCounter")
    if not Old.objects.exists():
        return
    Site = apps.get_model("wagtailcore", "Site")
    AgencySettings = apps.get_model("core", "AgencySettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    agency, _created = AgencySettings.objects.get_or_create(site=site)
    New.objects.bulk_create(
        [New(agency=agency, day=old.day, last=old.last) for old in Old.objects.all()], batch_size=500
    )


def back_to_one_counter(apps, schema_editor):
    Old = apps.get_model("applications", "ReceiptCounter")
    New = apps.get_model("applications", "AgencyReceiptCounter")
    for day in New.objects.values_list("day", flat=True).distinct():
        last = max(New.objects.filter(day=day).values_list("last", flat=True))
        Old.objects.update_or_create(day=day, defaults={"last": last})


class Migration(migrations.Migration):
    dependencies = [("applications", "0007_receipt_counter_per_agency")]

    operations = [migrations.RunPython(to_default_agency, back_to_one_counter)]
