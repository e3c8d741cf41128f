"""Wagtail's default groups ("Moderators", "Editors") and its "Moderators approval" workflow are not the
portal's: a new install loses them here, an existing one too where nobody uses them. A group that still
has members, or a workflow with items' history, is left to `setup_portal`, which removes it (disabling
the workflow) and names the members in its report (portal.units.roles.remove_wagtail_defaults)."""

from django.db import migrations

GROUPS = ("Moderators", "Editors")
WORKFLOW = "Moderators approval"


def remove_unused_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    for workflow in Workflow.objects.filter(name=WORKFLOW):
        if WorkflowState.objects.filter(workflow=workflow).exists():
            continue
        tasks = list(Task.objects.filter(workflow_tasks__workflow=workflow, name=WORKFLOW))
        workflow.delete()
        for task in tasks:
            if not task.task_states.exists() and not task.workflow_tasks.exists():
                task.delete()
    Group.objects.filter(name__in=GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0002_unit_head"),
        # after every Wagtail migration that creates them or gives them rights
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_unused_defaults, migrations.RunPython.noop)]
