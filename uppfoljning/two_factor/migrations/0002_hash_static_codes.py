"""The backup codes that otp_static kept in plain text become hashed BackupCodes, so that users
who have codes keep them; then the StaticDevices and their plain codes are deleted.

otp_static stays in INSTALLED_APPS because this migration reads its models (a migration of an
app that is not installed cannot be depended on). Nothing else uses it; its tables stay,
empty. A session verified by a backup code before this migration is asked for a code again.
Going back cannot restore the plain codes: users then make new ones on their own page."""

from django.db import migrations

from uppfoljning.two_factor.models import hash_code, new_salt


def hash_static_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    StaticToken = apps.get_model("otp_static", "StaticToken")
    BackupCodeDevice = apps.get_model("two_factor", "BackupCodeDevice")
    BackupCode = apps.get_model("two_factor", "BackupCode")
    for static in StaticDevice.objects.order_by("pk"):
        device = BackupCodeDevice.objects.create(
            user_id=static.user_id,
            name=static.name,
            confirmed=static.confirmed,
            throttling_failure_timestamp=static.throttling_failure_timestamp,
            throttling_failure_count=static.throttling_failure_count,
            last_used_at=static.last_used_at,
        )
        # created_at is set on create (auto_now_add): keep the original date.
        BackupCodeDevice.objects.filter(pk=device.pk).update(created_at=static.created_at)
        codes = []
        for token in StaticToken.objects.filter(device=static).values_list("token", flat=True):
            salt = new_salt()
            codes.append(BackupCode(device=device, salt=salt, code_hash=hash_code(token, salt)))
        BackupCode.objects.bulk_create(codes)
    StaticToken.objects.all().delete()
    StaticDevice.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("two_factor", "0001_backup_codes"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_static_codes, migrations.RunPython.noop)]
