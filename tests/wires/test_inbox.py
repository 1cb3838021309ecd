"""Agency copy into the inbox: RSS, Atom and NewsML-G2 files, versions, duplicates, and hostile XML."""

import shutil
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from wires.inbox import Received, poll
from wires.models import WireFile, WireItem

from .conftest import FILES, IPTC_EXAMPLES

pytestmark = pytest.mark.django_db


def drop(folder, filename, source_folder=FILES, as_name=None):
    shutil.copy(source_folder / filename, folder / (as_name or filename))


def test_an_rss_feed_lands_in_the_inbox_sanitised_and_credited_to_the_source_s_agency(feed_source):
    report = poll(feed_source("rss.xml"))
    assert report.counts[Received.NEW] == 2 and report.refused == []
    grain = WireItem.objects.get(guid="ledger-wire-2026-1203-0001")
    assert grain.headline == "Grain corridor reopens after talks in Istanbul"
    assert grain.body == "<p>Ships left Odesa at dawn.</p><p>Insurers welcomed the deal.</p>"
    assert grain.agency == "Ledger Wire" and grain.version == 1
    assert grain.sent_at == datetime(2026, 12, 3, 13, 58, tzinfo=UTC)
    assert WireItem.objects.get(guid="ledger-wire-2026-1203-0002").body == "<p>Trains run until 2 a.m. from Friday.</p>"


def test_an_atom_feed_lands_in_the_inbox(feed_source):
    poll(feed_source("atom.xml"))
    item = WireItem.objects.get()
    assert item.headline == "Zürich: la banque centrale maintient ses taux"
    assert item.body == "<p>La BNS a maintenu son taux directeur à 0,5 %.</p><p>Décision attendue.</p>"


def test_polling_a_feed_again_drops_what_it_already_has(feed_source):
    source = feed_source("rss.xml")
    poll(source)
    WireFile.objects.all().delete()  # as if the feed's body had changed elsewhere: its items are read again
    report = poll(source)
    assert report.counts[Received.DUPLICATE] == 2
    assert WireItem.objects.count() == 2


def test_a_feed_item_with_new_text_is_its_next_version(feed_source, tmp_path):
    source = feed_source("rss.xml")
    poll(source)
    changed = (FILES / "rss.xml").read_text().replace("Ships left Odesa at dawn.", "Ships left Odesa at 6 a.m.")
    changed = changed.replace("13:58:00", "14:10:00")
    (tmp_path / "rss.xml").write_text(changed)
    report = poll(source)
    assert report.counts[Received.REPLACED] == 1 and report.counts[Received.DUPLICATE] == 1
    first, second = WireItem.objects.filter(guid="ledger-wire-2026-1203-0001").order_by("version")
    assert second.version == 2 and "6 a.m." in second.body
    first.refresh_from_db()
    assert first.replaced_by == second


@pytest.mark.parametrize(
    ("filename", "guid", "headline", "agency", "first_words"),
    [
        (
            "newsml-g2-news-item.xml",
            "urn:newsml:acmenews.com:20161018:US-FINANCE-FED",
            'Fed to halt QE to avert "bubble"',
            "Acme News",  # its provider is a code (nprov:REUTERS) with no name: the source's agency stands
            "",
        ),
        (
            "newsml-g2-text-document.xml",
            "urn:newsml:acmenews.com:20161121:US-FINANCE-FED",
            'Fed to halt QE to avert "bubble"',
            "Acme News",
            "<p>(New York, NY - October 21) Et, sent luptat",
        ),
    ],
)
def test_each_iptc_example_lands_in_the_inbox(
    folder_source, drop_folder, filename, guid, headline, agency, first_words
):
    drop(drop_folder, filename, IPTC_EXAMPLES)
    report = poll(folder_source)
    assert report.refused == [] and report.counts[Received.NEW] == 1
    item = WireItem.objects.get()
    assert (item.guid, item.version, item.headline, item.agency) == (guid, 11, headline, agency)
    assert item.body.startswith(first_words)
    assert "byline" not in item.body and "Meredith" not in item.body  # NITF's body.head is not the text


def test_the_iptc_example_s_embargo_and_times_are_read(folder_source, drop_folder):
    drop(drop_folder, "newsml-g2-news-item.xml", IPTC_EXAMPLES)
    poll(folder_source)
    item = WireItem.objects.get()
    assert item.embargo_until == datetime(2018, 10, 23, 12, tzinfo=UTC)
    assert item.sent_at == datetime(2018, 10, 21, 21, 25, 32, tzinfo=UTC)
    assert item.first_created_at == datetime(2016, 10, 18, 18, 12, 21, tzinfo=UTC)
    assert item.pub_status == "usable"


def test_a_news_message_with_xhtml_its_creditline_and_inline_data(folder_source, drop_folder):
    drop(drop_folder, "xhtml-with-creditline.xml")
    drop(drop_folder, "embargoed-v1.xml")
    poll(folder_source)
    trams = WireItem.objects.get(guid="urn:example:xhtml:1")
    assert trams.agency == "Example Wire / Kyiv" and trams.version == 4
    assert trams.body == (
        '<h2>Trams back</h2><p>Service resumed at <b>noon</b>.</p><p><a rel="noopener noreferrer">More</a></p>'
    )
    budget = WireItem.objects.get(guid="urn:newsml:example.org:20261203:budget")
    assert budget.agency == "Example Press" and budget.urgency == 3
    assert budget.body == (
        "<p>Parliament will vote on Friday.</p><p>The opposition asked for more time &amp; a recount.</p>"
    )


def test_a_second_version_replaces_the_first_and_says_so(folder_source, drop_folder):
    drop(drop_folder, "embargoed-v1.xml")
    poll(folder_source)
    drop(drop_folder, "embargoed-v2.xml")
    report = poll(folder_source)
    assert report.counts[Received.REPLACED] == 1 and report.counts[Received.NEW] == 0
    first = WireItem.objects.get(version=1)
    second = WireItem.objects.get(version=2)
    assert first.replaced_by == second and not second.is_replaced
    assert second.headline == "Budget vote moved to Saturday"
    assert second.replacement_note.startswith("Version 2 replaces version 1 received ")


def test_an_older_version_arriving_late_does_not_replace_the_newer(folder_source, drop_folder):
    drop(drop_folder, "embargoed-v2.xml")
    poll(folder_source)
    drop(drop_folder, "embargoed-v1.xml")
    report = poll(folder_source)
    assert report.counts[Received.STALE] == 1
    assert list(WireItem.objects.values_list("version", "replaced_by")) == [(2, None)]


def test_an_identical_duplicate_is_dropped(folder_source, drop_folder):
    drop(drop_folder, "embargoed-v1.xml")
    drop(drop_folder, "embargoed-v1.xml", as_name="resent.xml")
    report = poll(folder_source)
    assert report.counts[Received.NEW] == 1 and report.counts[Received.DUPLICATE] == 1
    assert WireItem.objects.count() == 1


@pytest.mark.parametrize("hostile", ["billion-laughs.xml", "external-entity.xml"])
def test_hostile_xml_is_refused_reported_and_the_poller_goes_on_with_the_next_file(folder_source, drop_folder, hostile):
    drop(drop_folder, hostile, as_name="a-hostile.xml")
    drop(drop_folder, "embargoed-v1.xml", as_name="b-good.xml")
    report = poll(folder_source)
    assert [name for name, _ in report.refused] == ["a-hostile.xml"]
    assert "DTD" in report.refused[0][1]
    assert WireItem.objects.get().headline == "Budget vote set for Friday"
    refused = WireFile.objects.get(name="a-hostile.xml")
    assert refused.error.startswith("Refused: the file declares a DTD")
    folder_source.refresh_from_db()
    assert "a-hostile.xml" in folder_source.last_error


def test_a_refused_file_is_remembered_and_not_read_again(folder_source, drop_folder):
    drop(drop_folder, "billion-laughs.xml")
    poll(folder_source)
    again = poll(folder_source)
    assert again.refused == []
    assert WireFile.objects.filter(name="billion-laughs.xml").count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<newsItem", "Not well-formed XML"),
        (b"<rss/>", "Not a NewsML-G2 item"),
        (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"/>', "has no headline"),
        (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta/></newsItem>', "no guid"),
    ],
)
def test_a_broken_file_is_refused_with_its_reason(folder_source, drop_folder, content, reason):
    (drop_folder / "broken.xml").write_bytes(content)
    report = poll(folder_source)
    assert len(report.refused) == 1 and reason in report.refused[0][1]
    assert not WireItem.objects.exists()


def test_a_missing_folder_is_reported_not_raised(folder_source, drop_folder):
    drop_folder.rmdir()
    report = poll(folder_source)
    assert "cannot be read" in report.refused[0][1]


def test_poll_wires_polls_every_active_source_once(folder_source, drop_folder, capsys):
    drop(drop_folder, "embargoed-v1.xml")
    drop(drop_folder, "external-entity.xml")
    call_command("poll_wires")
    out, err = capsys.readouterr()
    assert "Acme drop folder: 1 new, 0 replaced, 0 duplicate, 0 stale, 1 refused" in out
    assert "refused external-entity.xml" in err
    assert WireItem.objects.count() == 1


def test_the_scheduler_polls_the_wires_through_the_task_queue(
    folder_source, drop_folder, django_capture_on_commit_callbacks
):
    from newsroom.scheduler import queue_due_jobs

    drop(drop_folder, "embargoed-v1.xml")
    with django_capture_on_commit_callbacks(execute=True):
        assert "poll_wires" in queue_due_jobs()
    assert WireItem.objects.count() == 1
    assert folder_source.__class__.objects.get(pk=folder_source.pk).last_polled_at is not None


NETSCAPE_DOCTYPE = (
    b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
    b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
)


def test_an_rss_0_91_feed_with_its_doctype_is_read_and_one_with_entities_refused(feed_source, tmp_path):
    source = feed_source("rss.xml")
    rss_0_91 = NETSCAPE_DOCTYPE + b'<rss version="0.91">'
    (tmp_path / "rss.xml").write_bytes((FILES / "rss.xml").read_bytes().replace(b'<rss version="2.0">', rss_0_91))
    assert poll(source).counts[Received.NEW] == 2
    laughs = (FILES / "billion-laughs.xml").read_bytes().split(b"<newsItem")[0] + b"<rss><channel/></rss>"
    (tmp_path / "rss.xml").write_bytes(laughs)
    assert "DTD or entities" in poll(source).refused[0][1]


def test_a_feed_that_is_not_well_formed_is_read_leniently(feed_source, tmp_path):
    source = feed_source("rss.xml")
    sloppy = (FILES / "rss.xml").read_text().replace("Kyiv metro", "Kyiv&nbsp;metro")
    (tmp_path / "rss.xml").write_text(sloppy)
    assert poll(source).counts[Received.NEW] == 2
    assert WireItem.objects.filter(headline="Kyiv metro extends night service").exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_feed_that_is_not_well_formed_and_declares_entities_is_refused(feed_source, tmp_path, encoding):
    source = feed_source("rss.xml")
    rss = (FILES / "rss.xml").read_text().split("?>", 1)[1]
    # The bad XML declaration stops the strict parser before it reaches the entity declaration.
    declared = '<?xml version="1.0" standalone="maybe"?><!DOCTYPE rss [<!ENTITY x "y">]>' + rss
    (tmp_path / "rss.xml").write_bytes(declared.encode(encoding))
    assert poll(source).refused[0][1].startswith("Not well-formed XML")
    assert not WireItem.objects.exists()


def test_nothing_outside_wires_root_is_read(folder_source, feed_source, drop_folder, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    drop(elsewhere, "embargoed-v1.xml")
    (drop_folder / "link.xml").symlink_to(elsewhere / "embargoed-v1.xml")
    assert "not inside WIRES_ROOT" in poll(folder_source).refused[0][1]
    folder_source.location = "../../elsewhere"
    assert "not inside WIRES_ROOT" in poll(folder_source).refused[0][1]
    feed = feed_source("rss.xml")
    feed.location = "/etc/passwd"
    assert "not inside WIRES_ROOT" in poll(feed).refused[0][1]
    assert not WireItem.objects.exists()


@pytest.mark.parametrize(
    ("kind", "location", "valid"),
    [
        ("feed", "https://wire.example.com/top.rss", True),
        ("feed", "top.rss", True),
        ("feed", "/etc/passwd", False),
        ("feed", "file:///etc/passwd", False),
        ("folder", "acme", True),
        ("folder", "../acme", False),
        ("folder", "https://wire.example.com/", False),
    ],
)
def test_a_source_s_location_is_a_web_address_or_inside_wires_root(folder_source, kind, location, valid):
    folder_source.kind, folder_source.location = kind, location
    if valid:
        folder_source.full_clean()
    else:
        with pytest.raises(ValidationError, match="inside"):
            folder_source.full_clean()


NITF_ITEM = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:nitf" version="2">
<contentMeta><headline>Storm warning</headline></contentMeta>
<contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body>
<body.head><hedline><hl1>Storm</hl1></hedline><byline>By A. Reporter</byline></body.head>
<body.content><p>Winds of 90 km/h.</p><hl2>Schools</hl2><block><p>Closed &amp; <em>shut</em>.</p></block>
<script>steal()</script><p onclick="x()">Stay in.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>"""

HTML_DATA_ITEM = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:html" version="1">
<contentMeta><headline>Escaped HTML</headline></contentMeta>
<contentSet><inlineData contenttype="text/html">
&lt;p&gt;Hi&lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;</inlineData></contentSet>
</newsItem>"""


@pytest.mark.parametrize(
    ("document", "body"),
    [
        (NITF_ITEM, "<p>Winds of 90 km/h.</p><h2>Schools</h2><p>Closed &amp; <em>shut</em>.</p>\n<p>Stay in.</p>"),
        (HTML_DATA_ITEM, "<p>Hi</p>"),
    ],
)
def test_nitf_and_escaped_html_bodies_are_sanitised(folder_source, drop_folder, document, body):
    (drop_folder / "item.xml").write_bytes(document)
    poll(folder_source)
    assert WireItem.objects.get().body == body


def test_a_feed_s_earlier_bodies_are_forgotten_once_it_changes(feed_source, tmp_path):
    source = feed_source("rss.xml")
    poll(source)
    (tmp_path / "rss.xml").write_text((FILES / "rss.xml").read_text().replace("at dawn", "at 6 a.m."))
    poll(source)
    assert WireFile.objects.filter(source=source).count() == 1
    assert WireItem.objects.count() == 3


def test_an_unreachable_feed_is_reported_in_the_source(feed_source):
    source = feed_source("rss.xml")
    source.location = "http://127.0.0.1:9/feed.rss"  # the discard port: nothing listens
    report = poll(source)
    assert report.refused and report.refused[0][0] == "http://127.0.0.1:9/feed.rss"
    assert source.last_error.startswith("http://127.0.0.1:9/feed.rss: ")


def test_a_feed_item_with_new_text_but_an_older_time_is_dropped_as_stale(feed_source, tmp_path):
    source = feed_source("rss.xml")
    poll(source)
    older = (FILES / "rss.xml").read_text().replace("at dawn", "at night").replace("13:58:00", "09:00:00")
    (tmp_path / "rss.xml").write_text(older)
    assert poll(source).counts[Received.STALE] == 1
    assert "at dawn" in WireItem.objects.get(guid="ledger-wire-2026-1203-0001").body
