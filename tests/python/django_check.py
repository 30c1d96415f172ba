"""Runs Django's system checks and `makemigrations --dry-run` on a generated
models.py, as an app of a throw-away project.

    python django_check.py MODELS_FILE

Used by strata's codegen tests.
"""

import pathlib
import shutil
import sys
import tempfile

import django
from django.conf import settings
from django.core.management import call_command


def main() -> None:
    models = pathlib.Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        app = pathlib.Path(tmp) / "generated_app"
        app.mkdir()
        (app / "__init__.py").write_text("")
        shutil.copy(models, app / "models.py")
        sys.path.insert(0, tmp)
        settings.configure(
            INSTALLED_APPS=["generated_app"],
            DATABASES={
                "default": {
                    "ENGINE": "django.db.backends.sqlite3",
                    "NAME": ":memory:",
                }
            },
            DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
            USE_TZ=True,
        )
        django.setup()
        call_command("check", "generated_app", fail_level="WARNING")
        call_command("makemigrations", "generated_app", "--dry-run", verbosity=0)


if __name__ == "__main__":
    main()
