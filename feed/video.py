import re
from urllib.parse import parse_qs, urlparse

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}", re.ASCII)


def video_embed_url(url):
    """The privacy-friendly embed address for a YouTube or Vimeo link, or None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    parts = [part for part in parsed.path.split("/") if part]
    video_id = ""
    if host == "youtube.com":
        if parts == ["watch"]:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif len(parts) >= 2 and parts[0] in {"embed", "shorts", "live"}:
            video_id = parts[1]
    elif host == "youtu.be" and parts:
        video_id = parts[0]
    if video_id and YOUTUBE_ID.fullmatch(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    if host in {"vimeo.com", "player.vimeo.com"}:
        if parts and parts[0] == "video":
            parts = parts[1:]
        # vimeo.com/<id> or, for unlisted videos, vimeo.com/<id>/<privacy hash>
        if parts and parts[0].isascii() and parts[0].isdigit() and len(parts) <= 2:
            unlisted = f"&h={parts[1]}" if len(parts) == 2 and parts[1].isascii() and parts[1].isalnum() else ""
            if len(parts) == 1 or unlisted:
                return f"https://player.vimeo.com/video/{parts[0]}?autoplay=1&dnt=1{unlisted}"
    return None
