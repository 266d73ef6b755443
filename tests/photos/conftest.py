import pytest


@pytest.fixture(autouse=True)
def photo_root(settings, tmp_path):
    """Each test's photos in its own private folder."""
    root = tmp_path / "photos"
    settings.STORAGES = {
        **settings.STORAGES,
        "photos": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root
