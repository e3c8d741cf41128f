"""The operational records move here: BackgroundTask and JobRun from core, Incident from planning.

Their tables stay as they are (each model's `db_table` is its old table), so this takes them over in
Django's state only: no table is created, renamed or copied, and no row is lost. core 0010 and
planning 0004 then drop them from their apps' state. On a fresh database the tables are created
by core 0006/0007 and planning 0001, as before. The content types move too, so the groups that may
view the incidents (and Wagtail's log of them) keep their rows.
"""

from django.db import migrations, models

MOVED = {"backgroundtask": "core", "jobrun": "core", "incident": "planning"}


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, old_app in MOVED.items():
        if ContentType.objects.filter(app_label="operations", model=model).exists():
            continue
        ContentType.objects.filter(app_label=old_app, model=model).update(app_label="operations")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, old_app in MOVED.items():
        if not ContentType.objects.filter(app_label=old_app, model=model).exists():
            ContentType.objects.filter(app_label="operations", model=model).update(app_label=old_app)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0007_jobrun"),
        ("planning", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Incident",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "occurred_at",
                            models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="occurred at"),
                        ),
                        ("method", models.CharField(max_length=10, verbose_name="method")),
                        ("path", models.CharField(max_length=500, verbose_name="address")),
                        ("exception", models.CharField(max_length=200, verbose_name="error")),
                    ],
                    options={
                        "verbose_name": "technical incident",
                        "verbose_name_plural": "technical incidents",
                        "db_table": "planning_incident",
                        "ordering": ["-occurred_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="JobRun",
                    fields=[
                        (
                            "name",
                            models.CharField(max_length=100, primary_key=True, serialize=False, verbose_name="job"),
                        ),
                        ("last_started_at", models.DateTimeField(blank=True, null=True, verbose_name="last started")),
                        (
                            "last_succeeded_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="last succeeded"),
                        ),
                        ("last_failed_at", models.DateTimeField(blank=True, null=True, verbose_name="last failed")),
                        ("last_error", models.CharField(blank=True, max_length=500, verbose_name="last error")),
                    ],
                    options={
                        "verbose_name": "scheduled job run",
                        "verbose_name_plural": "scheduled job runs",
                        "db_table": "core_jobrun",
                    },
                ),
                migrations.CreateModel(
                    name="BackgroundTask",
                    fields=[
                        ("id", models.CharField(editable=False, max_length=64, primary_key=True, serialize=False)),
                        ("task_path", models.CharField(max_length=300, verbose_name="task function")),
                        ("queue_name", models.CharField(default="default", max_length=100, verbose_name="task queue")),
                        ("priority", models.SmallIntegerField(default=0, verbose_name="task priority")),
                        ("backend", models.CharField(default="default", max_length=100, verbose_name="task backend")),
                        ("args", models.JSONField(default=list, verbose_name="task arguments")),
                        ("kwargs", models.JSONField(default=dict, verbose_name="task keyword arguments")),
                        (
                            "status",
                            models.CharField(db_index=True, default="READY", max_length=20, verbose_name="task status"),
                        ),
                        ("enqueued_at", models.DateTimeField(verbose_name="task enqueued at")),
                        ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="task started at")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="task finished at")),
                        ("return_value", models.JSONField(blank=True, null=True, verbose_name="task return value")),
                        ("exception_class_path", models.CharField(blank=True, max_length=300)),
                        ("traceback", models.TextField(blank=True)),
                        ("worker_id", models.CharField(blank=True, max_length=64)),
                    ],
                    options={
                        "verbose_name": "background task",
                        "verbose_name_plural": "background tasks",
                        "db_table": "core_backgroundtask",
                        "ordering": ["-priority", "enqueued_at"],
                        "indexes": [
                            models.Index(fields=["status", "-priority", "enqueued_at"], name="core_task_ready_idx")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
