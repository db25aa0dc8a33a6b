from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under var/private/: no URL points into this folder, not even in DEBUG.

    Anything stored here leaves only through a view that checks the viewer's permission."""

    def url(self, name):
        raise ValueError(
            "Private files have no URL; serve them through a permission-checking view."
        )


def private_storage():
    """The configured private storage (STORAGES["private"]); a callable so that migrations
    do not freeze the backend."""
    return storages["private"]
