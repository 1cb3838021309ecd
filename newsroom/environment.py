"""Reading settings from the environment (newsroom/settings.py): typed values, and where uploads are stored."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} is required with MEDIA_STORAGE=s3 (docs/settings.md).")
    return value


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def media_storage():
    """STORAGES["default"] as MEDIA_STORAGE says: `local` (MEDIA_ROOT on this machine's disk) or `s3`."""
    kind = os.environ.get("MEDIA_STORAGE", "local")
    if kind == "local":
        return {"BACKEND": "media.storage.CleaningFileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE={kind!r}; it may be local or s3.")
    endpoint = os.environ.get("MEDIA_S3_ENDPOINT_URL", "").strip() or None
    options = {
        "bucket_name": _required("MEDIA_S3_BUCKET"),
        "endpoint_url": endpoint,
        "region_name": os.environ.get("MEDIA_S3_REGION") or None,
        # Unset: boto3's own chain (AWS_ACCESS_KEY_ID, an instance role, ~/.aws).
        "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        # Plain, lasting addresses a CDN can cache: rendition names carry a secret hash (docs/deploy.md).
        "querystring_auth": False,
        # A second upload of photo.jpg gets a name of its own, as on disk.
        "file_overwrite": False,
        # Other S3-compatible stores (SeaweedFS, MinIO, Ceph) answer at endpoint/bucket/key.
        "addressing_style": "path" if endpoint else None,
    }
    if cdn := os.environ.get("MEDIA_CDN_URL", "").strip():
        parts = urlsplit(cdn.rstrip("/"))
        options |= {"custom_domain": parts.netloc + parts.path, "url_protocol": f"{parts.scheme}:"}
    return {"BACKEND": "media.object_storage.ObjectStorage", "OPTIONS": options}


def media_origins():
    """Where pages load photos from besides this site, for the Content-Security-Policy's img-src."""
    if cdn := os.environ.get("MEDIA_CDN_URL", "").strip():
        return [_origin(cdn)]
    if os.environ.get("MEDIA_STORAGE") == "s3":
        if endpoint := os.environ.get("MEDIA_S3_ENDPOINT_URL", "").strip():
            return [_origin(endpoint)]
        return [f"https://{os.environ.get('MEDIA_S3_BUCKET', '').strip()}.s3.amazonaws.com"]
    return []
