"""A job's row is also its claim: its next due time, and which scheduler runs it until when (operations.scheduler).

All three empty on the rows there are: each job is due at once, as after a restart of one scheduler.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0002_background_tasks_to_django_tasks_db"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobrun",
            name="claimed_by",
            field=models.CharField(blank=True, max_length=200, verbose_name="claimed by"),
        ),
        migrations.AddField(
            model_name="jobrun",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="claimed until"),
        ),
        migrations.AddField(
            model_name="jobrun",
            name="next_due_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next due"),
        ),
    ]
