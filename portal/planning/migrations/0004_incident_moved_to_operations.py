"""Incident now belongs to operations (operations 0001): gone from planning's state only, its table
and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0003_plan_row_editors"),
        ("operations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Incident")],
        ),
    ]
