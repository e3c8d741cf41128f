from django.db import migrations, models


class Migration(migrations.Migration):
    """The counter per agency replaces the installation's one; a receipt number is unique within its agency."""

    dependencies = [("applications", "0008_receipt_counters_of_the_default_agency")]

    operations = [
        migrations.DeleteModel(name="ReceiptCounter"),
        migrations.RenameModel(old_name="AgencyReceiptCounter", new_name="ReceiptCounter"),
        migrations.AlterField(
            model_name="application",
            name="receipt_number",
            field=models.CharField(blank=True, max_length=40, null=True, verbose_name="receipt number"),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                fields=("agency", "receipt_number"), name="application_receipt_number_unique_per_agency"
            ),
        ),
    ]
