"""BackgroundTask and JobRun now belong to operations (operations 0001): gone from core's state only,
their tables and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_scoped_log_entries"),
        ("operations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="BackgroundTask"),
                migrations.DeleteModel(name="JobRun"),
            ],
        ),
    ]
