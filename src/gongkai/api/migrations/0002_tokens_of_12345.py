"""The 12345 platform's tokens (interaction.ApiToken) become integration tokens with the scope
messages:write: the same hash (SHA-256 of the token), name, agency, issuer and revocation, so a
platform already configured keeps its token when it moves to /api/staff/messages/tickets. They get
a year from today, since the old ones never expired."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Old = apps.get_model("interaction", "ApiToken")
    New = apps.get_model("api", "ApiToken")
    expires = timezone.now() + timedelta(days=365)
    for old in Old.objects.all():
        if New.objects.filter(token_hash=old.token_hash).exists():
            continue
        New.objects.create(
            name=old.name,
            agency_id=old.agency_id,
            scopes=["messages:write"],
            prefix=old.prefix,
            token_hash=old.token_hash,
            created_by_id=old.created_by_id,
            created_at=old.created_at,
            expires_at=expires,
            revoked_by_id=old.revoked_by_id,
            revoked_at=old.revoked_at,
            last_used_at=old.last_used_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("interaction", "0003_apitoken_messageattachment"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
