"""Taking agency copy into the inbox: one item at a time (receive) and one source at a time (poll).

A newer version of a guid replaces the older one; the same version again, or for feeds, which carry
no version, the same text again, is a duplicate and dropped; an older version arriving late is
dropped too and never replaces a newer one."""

import hashlib
import logging
import urllib.request
from dataclasses import dataclass, field
from enum import StrEnum
from http.client import HTTPException
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import WireFile, WireItem, WireSource
from .parsers import MAX_DOCUMENT_BYTES, WireFormatError, parse_feed, parse_newsml

logger = logging.getLogger(__name__)

FETCH_TIMEOUT_SECONDS = 20


class Received(StrEnum):
    NEW = "new"
    REPLACED = "replaced"
    DUPLICATE = "duplicate"
    STALE = "stale"


@dataclass
class PollReport:
    source: WireSource
    counts: dict = field(default_factory=lambda: dict.fromkeys(Received, 0))
    refused: list = field(default_factory=list)

    def __str__(self):
        counts = ", ".join(f"{count} {what}" for what, count in self.counts.items())
        return f"{self.source}: {counts}, {len(self.refused)} refused"


def receive(source, parsed):
    """Puts one parsed item into `source`'s inbox; returns what came of it (a Received value)."""
    try:
        with transaction.atomic():
            current = (
                WireItem.objects.select_for_update()
                .filter(source=source, guid=parsed.guid, replaced_by__isnull=True)
                .order_by("-version")
                .first()
            )
            if current is not None:
                if parsed.version is None:
                    if parsed.fingerprint == current.fingerprint:
                        return Received.DUPLICATE
                    if parsed.sent_at and current.sent_at and parsed.sent_at < current.sent_at:
                        return Received.STALE
                    version = current.version + 1
                elif parsed.version == current.version:
                    return Received.DUPLICATE
                elif parsed.version < current.version:
                    return Received.STALE
                else:
                    version = parsed.version
            else:
                version = parsed.version or 1
            item = WireItem.objects.create(
                source=source,
                guid=parsed.guid,
                version=version,
                headline=parsed.headline,
                body=parsed.body,
                agency=parsed.agency or source.agency_name,
                urgency=parsed.urgency,
                pub_status=parsed.pub_status,
                sent_at=parsed.sent_at,
                first_created_at=parsed.first_created_at,
                embargo_until=parsed.embargo_until,
                fingerprint=parsed.fingerprint,
            )
            if current is None:
                return Received.NEW
            current.replaced_by = item
            current.save(update_fields=["replaced_by"])
            return Received.REPLACED
    except IntegrityError:
        # Another poller took the same version in between.
        return Received.DUPLICATE


class OutsideWiresRoot(WireFormatError):
    def __init__(self, where):
        super().__init__(f"{where} is not inside WIRES_ROOT ({settings.WIRES_ROOT}); it is not read.")


def fetch(source):
    """A feed's body: from its web address (timeout, size cap) or from its file under WIRES_ROOT."""
    if not source.is_web_feed:
        if (path := source.local_path()) is None:
            raise OutsideWiresRoot(source.location)
        return read_capped(path)
    request = urllib.request.Request(source.location, headers={"User-Agent": "Newsroom wire poller"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
        data = response.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise WireFormatError(f"Larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.")
    return data


def read_capped(path):
    """A file's bytes, the cap's worth and one more (the parsers refuse what is over the cap)."""
    if not path.resolve().is_relative_to(Path(settings.WIRES_ROOT).resolve()):
        raise OutsideWiresRoot(path.name)
    with path.open("rb") as file:
        return file.read(MAX_DOCUMENT_BYTES + 1)


def _drop_folder_files(source):
    folder = source.local_path()
    if folder is None:
        raise OutsideWiresRoot(source.location)
    try:
        return sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith("."))
    except OSError as error:
        raise WireFormatError(f"The folder cannot be read: {error.strerror}.") from error


def _take_document(source, name, data, parse, report):
    """Reads one document unless this very content was read before (a refused one is not retried)."""
    sha256 = hashlib.sha256(data).hexdigest()
    if WireFile.objects.filter(source=source, name=name, sha256=sha256).exists():
        return
    try:
        items = parse(data)
    except WireFormatError as error:
        logger.warning("Wire file refused: %s (%s): %s", name, source, error)
        report.refused.append((name, str(error)))
        WireFile.objects.get_or_create(source=source, name=name, sha256=sha256, defaults={"error": str(error)})
        return
    taken = 0
    for parsed in items:
        outcome = receive(source, parsed)
        report.counts[outcome] += 1
        taken += outcome in (Received.NEW, Received.REPLACED)
    WireFile.objects.get_or_create(source=source, name=name, sha256=sha256, defaults={"items": taken})
    if source.kind == WireSource.Kind.FEED:
        # A feed's earlier bodies need not be remembered: their items are in the inbox, and one read
        # again only gives duplicates. Otherwise every change of the feed would add a row for good.
        WireFile.objects.filter(source=source, name=name).exclude(sha256=sha256).delete()


def poll(source):
    """One pass over `source`: its feed, or every file in its drop folder (by name). A file that
    cannot be read or is refused is reported and the pass goes on with the next."""
    report = PollReport(source)
    if source.kind == WireSource.Kind.FEED:
        documents = [(source.location, lambda: fetch(source))]
        parse = parse_feed
    else:
        try:
            paths = _drop_folder_files(source)
        except WireFormatError as error:
            paths = []
            report.refused.append((source.location, str(error)))
        documents = [(path.name, lambda path=path: read_capped(path)) for path in paths]
        parse = parse_newsml
    for name, read in documents:
        try:
            data = read()
        except (OSError, HTTPException, WireFormatError) as error:
            logger.warning("Wire document unreadable: %s (%s): %s", name, source, error)
            report.refused.append((name, str(error)))
            continue
        _take_document(source, name, data, parse, report)
    source.last_polled_at = timezone.now()
    source.last_error = "\n".join(f"{name}: {error}" for name, error in report.refused)
    source.save(update_fields=["last_polled_at", "last_error"])
    return report


def poll_active_sources():
    """One pass over every active source, each in turn; returns (reports, failures). One source's failure
    (its server, a full disk) must not stop the others' polling: it is logged and the pass goes on."""
    reports, failures = [], []
    for source in WireSource.objects.filter(is_active=True).select_related("section"):
        try:
            reports.append(poll(source))
        except Exception as error:
            logger.exception("Wire source %s: the pass failed", source)
            failures.append((source, error))
    return reports, failures
