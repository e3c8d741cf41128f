from django.db import migrations


def forget(apps, schema_editor):
    from portal.visits.services import forget_private_addresses

    forget_private_addresses(
        daily_model=apps.get_model("visits", "DailyVisits"), page_model=apps.get_model("visits", "PageVisits")
    )


class Migration(migrations.Migration):
    """Tracking, sign-in and private Q&A links counted before they were left out (they carry a secret)."""

    dependencies = [("visits", "0001_initial")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
