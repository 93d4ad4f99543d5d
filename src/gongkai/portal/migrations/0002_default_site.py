"""The first (default) site, so that a fresh install answers at 127.0.0.1 and localhost.

Named from the settings the single-site version used (GONGKAI_SITE_NAME, _CODE, _ICP,
_PUBLIC_SECURITY_RECORD). Its agency is the one top agency if there is exactly one (an existing
install); a fresh install has none yet and its default site shows every agency until it is set.
"""

from django.conf import settings
from django.db import migrations


def create_default_site(apps, schema_editor):
    Site = apps.get_model("portal", "Site")
    Agency = apps.get_model("agencies", "Agency")
    if Site.objects.exists():
        return
    roots = list(Agency.objects.filter(parent=None, is_active=True)[:2])
    Site.objects.create(
        name=settings.GONGKAI_SITE_NAME,
        code=settings.GONGKAI_SITE_CODE,
        icp=settings.GONGKAI_ICP,
        psr=settings.GONGKAI_PUBLIC_SECURITY_RECORD,
        agency=roots[0] if len(roots) == 1 else None,
        is_default=True,
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_sites"), ("agencies", "0001_initial")]

    operations = [migrations.RunPython(create_default_site, migrations.RunPython.noop)]
