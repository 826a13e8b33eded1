"""The three rubrics and their dimensions, on every install (``assessments.RUBRICS``)."""

from django.db import migrations


def create_rubrics(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kaveret.measurement.assessments import write_rubrics

    write_rubrics(
        apps.get_model("measurement", "Rubric"), apps.get_model("measurement", "RubricDimension")
    )


class Migration(migrations.Migration):
    dependencies = [("measurement", "0001_initial")]

    operations = [migrations.RunPython(create_rubrics, migrations.RunPython.noop)]
