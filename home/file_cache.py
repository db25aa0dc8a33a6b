"""The default cache: Django's file cache, shared by every process of one machine, without its
cost on writes. Django's `FileBasedCache` lists the whole cache folder on every `set` to decide
whether to cull; with thousands of entries that listing costs milliseconds on each API request
(the throttles write a counter every time). Here the folder is listed on one write in
CULL_EVERY; between two culls the cache may pass MAX_ENTRIES by at most that many entries."""

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 200


class SharedFileCache(FileBasedCache):
    _writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % CULL_EVERY == 0:
            super()._cull()
