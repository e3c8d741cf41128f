from django.db import migrations
from django.db.models import OuterRef, Subquery


def attach_to_their_agency(apps, schema_editor):
    """An entry is the agency's whose schedule paid its work; a fee and every period are the default site's
    agency's (the installation's one agency until now). A settled period that holds entries of another
    agency is split: that agency gets a period of its own with the same days and settlement."""
    Entry = apps.get_model("royalties", "RoyaltyEntry")
    Period = apps.get_model("royalties", "RoyaltyPeriod")
    Work = apps.get_model("royalties", "RoyaltyWork")
    if not Entry.objects.filter(agency__isnull=True).exists() and not Period.objects.filter(agency__isnull=True).exists():
        return
    Site = apps.get_model("wagtailcore", "Site")
    AgencySettings = apps.get_model("core", "AgencySettings")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    default, _created = AgencySettings.objects.get_or_create(site=site)
    schedule_agency = Work.objects.filter(pk=OuterRef("work_id")).values("schedule__agency")[:1]
    Entry.objects.filter(agency__isnull=True, work__isnull=False).update(agency=Subquery(schedule_agency))
    Entry.objects.filter(agency__isnull=True).update(agency=default)
    Period.objects.filter(agency__isnull=True).update(agency=default)
    for period in Period.objects.all():
        others = Entry.objects.filter(period=period).exclude(agency=period.agency_id)
        for agency_id in set(others.values_list("agency", flat=True)):
            own = Period.objects.create(
                agency_id=agency_id,
                **{
                    field: getattr(period, field)
                    for field in ("kind", "year", "number", "start", "end", "status", "settled_by_id", "settled_at")
                },
            )
            others.filter(agency=agency_id).update(period=own)


class Migration(migrations.Migration):
    dependencies = [("royalties", "0005_period_and_entry_agency")]

    operations = [migrations.RunPython(attach_to_their_agency, migrations.RunPython.noop)]
