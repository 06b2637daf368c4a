from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0008_claim_has_contradiction_and_contradicted_verdict"),
    ]

    operations = [
        migrations.AlterField(
            model_name="consistencyfinding",
            name="kind",
            field=models.CharField(
                choices=[
                    ("conflict", "Conflict"),
                    ("estimates", "Estimates differ"),
                    ("possible", "Possible conflict"),
                    ("agreement", "Agreement"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="historicalconsistencyfinding",
            name="kind",
            field=models.CharField(
                choices=[
                    ("conflict", "Conflict"),
                    ("estimates", "Estimates differ"),
                    ("possible", "Possible conflict"),
                    ("agreement", "Agreement"),
                ],
                max_length=20,
            ),
        ),
    ]
