# A released agenda's snapshot names each item's contributions `allocated` (the key was
# `contributions`, the contributions app's name: meetings know nothing of that app).

from django.db import migrations


def _rename(apps, old, new):
    AgendaRelease = apps.get_model("meetings", "AgendaRelease")
    for release in AgendaRelease.objects.only("pk", "snapshot").iterator():
        items = release.snapshot.get("items", [])
        if not any(old in item for item in items):
            continue
        for item in items:
            if old in item:
                item[new] = item.pop(old)
        release.save(update_fields=["snapshot"])


def forwards(apps, schema_editor):
    _rename(apps, "contributions", "allocated")


def backwards(apps, schema_editor):
    _rename(apps, "allocated", "contributions")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0015_liaison_note_event_status_event_shape"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
