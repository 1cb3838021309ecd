"""A JPEG's metadata removed from its byte stream, without decoding a pixel.

Decoding a 24-megapixel photo to re-encode it costs 72 MB in the web process and a generation of
JPEG loss; walking its segments costs neither, and keeps the pixels exactly as the photographer sent them.
"""

START_OF_IMAGE, END_OF_IMAGE, START_OF_SCAN, COMMENT = 0xD8, 0xD9, 0xDA, 0xFE
# Application segments that describe how to draw the pixels, not who took them where: JFIF (pixel
# density), the ICC colour profile (in one or more pieces) and Adobe's (colour transform). Every
# other APPn (EXIF with GPS, XMP, IPTC in Photoshop's APP13, maker notes, MPF) and comments go.
KEPT_APPLICATION_SEGMENTS = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}


class MalformedJPEG(ValueError):
    pass


def _is_metadata(marker, payload):
    if marker == COMMENT:
        return True
    if 0xE0 <= marker <= 0xEF:
        kept = KEPT_APPLICATION_SEGMENTS.get(marker)
        return kept is None or not payload.startswith(kept)
    return False


def _end_of_entropy_data(data, position):
    """Where the next marker starts after a scan's entropy-coded data (stuffed 0xFF00 and restart
    markers belong to the data)."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            raise MalformedJPEG("The scan never ends.")
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1  # fill byte before a marker
        else:
            return position


def write_without_metadata(data, output):
    """Writes the JPEG in `data` (bytes) to the file `output` with only the segments needed to draw
    it; anything after the end of the image (appended previews, depth maps) is dropped too. Raises
    MalformedJPEG, with part of the image written.

    Written as the segments are walked, not joined first: a 9 MB photo is not held twice over."""
    if data[:2] != b"\xff\xd8":
        raise MalformedJPEG("Not a JPEG.")
    view = memoryview(data)  # slices of it are not copies
    output.write(view[:2])
    position = 2
    while position + 1 < len(data):
        if data[position] != 0xFF:
            raise MalformedJPEG(f"No marker at byte {position}.")
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker == END_OF_IMAGE:
            output.write(view[position : position + 2])
            return
        if position + 4 > len(data):
            raise MalformedJPEG("A segment is cut short.")
        end = position + 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if end > len(data):
            raise MalformedJPEG("A segment is cut short.")
        if not _is_metadata(marker, bytes(view[position + 4 : min(end, position + 16)])):
            output.write(view[position:end])
        position = end
        if marker == START_OF_SCAN:
            scan_end = _end_of_entropy_data(data, position)
            output.write(view[position:scan_end])
            position = scan_end
    raise MalformedJPEG("The image never ends.")
