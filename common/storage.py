"""Object storage for uploads (settings: DJANGO_MEDIA_STORAGE=s3). Imported only then."""

from storages.backends.s3 import S3Storage

from common.media import cache_control, media_type


class MediaS3Storage(S3Storage):
    """S3-compatible storage whose objects carry the Content-Type and Cache-Control that
    common.media gives each kind of file, so that the store (or a CDN in front of it)
    sends the same headers as `serve_media` does."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        params.setdefault("CacheControl", cache_control(name))
        content_type = media_type(name)
        if content_type:
            params.setdefault("ContentType", content_type)
        return params
