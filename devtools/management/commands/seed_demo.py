"""Fill an empty database with the Kyiv Ledger demo newsroom, generated offline.

All text comes from the templates in devtools/demo/content.py; photos and avatars are drawn with Pillow.
A fixed random seed makes every run produce the same stories (their times are relative to now).
"""

import io
import random
import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont, ImageOps
from taggit.models import Tag

from authors.models import Author
from devtools.demo import content
from feed.html import split_blocks
from feed.models import Article, Byline, RelatedLink, Section
from media.models import Photo, PhotoCredit

SEED = 2026
DAYS_BACK = 28
PHOTO_SIZE = (1200, 675)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
TIME_PHRASES = ("early on {weekday}", "on {weekday} morning", "late on {weekday}", "on {weekday} afternoon",
                "overnight")  # fmt: skip
DISTRICTS = ("central", "northern", "eastern", "southern", "industrial", "riverside")
# Sky top and bottom colours for each kind of picture
SKIES = {
    "city_night": ((12, 16, 48), (84, 44, 70)),
    "city_day": ((104, 150, 205), (215, 222, 230)),
    "field": ((120, 168, 218), (232, 220, 186)),
    "port": ((88, 136, 190), (240, 196, 150)),
    "grid": ((40, 50, 92), (232, 138, 80)),
    "hall": ((62, 42, 32), (160, 116, 84)),
}
AVATAR_COLOURS = ((183, 28, 28), (21, 101, 192), (46, 125, 50), (106, 27, 154), (239, 108, 0), (0, 105, 92),
                  (69, 90, 100), (173, 20, 87))  # fmt: skip
TOPIC_RE = re.compile(r"^\[(\w+)\] ")


def people(count):
    """ "one person", "three people", "14 people"."""
    number = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return f"{number} {'person' if count == 1 else 'people'}"


def capitalise(text):
    return text[:1].upper() + text[1:]


def with_article(noun):
    """ "a drone", "an artillery shell"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def day_month(moment):
    return f"{moment.day} {MONTHS[moment.month - 1]}"


def topic_of(text):
    match = TOPIC_RE.match(text)
    return match.group(1) if match else None


def for_topic(options, topic):
    """The options marked with this topic or with none; the marker is kept (see without_topic)."""
    return [option for option in options if topic_of(option if isinstance(option, str) else option[0]) in (None, topic)]


def without_topic(text):
    return TOPIC_RE.sub("", text)


def jitter(rng, colour, spread=28):
    return tuple(max(0, min(255, channel + rng.randint(-spread, spread))) for channel in colour)


def scene_jpeg(rng, scene):
    """A 1200x675 JPEG: a sky gradient with simple shapes suggesting a city, field, port, power line or hall."""
    width, height = PHOTO_SIZE
    top, bottom = (jitter(rng, colour) for colour in SKIES[scene])
    image = ImageOps.colorize(Image.linear_gradient("L").resize(PHOTO_SIZE), top, bottom)
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(int(height * 0.55), int(height * 0.75))
    night = scene in {"city_night", "grid"}
    orb_x, orb_y, orb_r = rng.randint(80, width - 80), rng.randint(50, horizon // 2), rng.randint(18, 45)
    draw.ellipse((orb_x - orb_r, orb_y - orb_r, orb_x + orb_r, orb_y + orb_r),
                 fill=(230, 230, 210) if night else (255, 236, 170))  # fmt: skip
    ground = jitter(rng, (20, 22, 30) if night else (78, 92, 58))
    if scene in {"city_night", "city_day"}:
        x = 0
        while x < width:
            building_w, building_h = rng.randint(50, 150), rng.randint(90, 330)
            wall = jitter(rng, (18, 18, 28) if night else (120, 118, 126), 12)
            draw.rectangle((x, horizon - building_h, x + building_w, height), fill=wall)
            for wy in range(horizon - building_h + 12, height - 10, 26):
                for wx in range(x + 8, x + building_w - 12, 20):
                    if rng.random() < (0.18 if night else 0.9):
                        lit = (250, 210, 120) if night else (70, 90, 120)
                        draw.rectangle((wx, wy, wx + 8, wy + 12), fill=lit)
            x += building_w + rng.randint(0, 12)
        if night and rng.random() < 0.7:
            smoke_x = rng.randint(150, width - 150)
            for step in range(9):
                radius = 30 + step * 14
                grey = 70 + step * 8
                cx, cy = smoke_x + step * rng.randint(4, 18), horizon - 120 - step * 45
                draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(grey, grey, grey + 6))
            draw.ellipse((smoke_x - 70, horizon - 150, smoke_x + 70, horizon - 60), fill=(240, 120, 40))
    elif scene == "port":
        draw.rectangle((0, horizon, width, height), fill=jitter(rng, (36, 72, 110)))
        for _ in range(rng.randint(2, 4)):
            crane_x, crane_h = rng.randint(60, width - 60), rng.randint(140, 260)
            colour = jitter(rng, (200, 70, 40))
            draw.line((crane_x, horizon, crane_x, horizon - crane_h), fill=colour, width=10)
            draw.line((crane_x - 120, horizon - crane_h, crane_x + 80, horizon - crane_h), fill=colour, width=8)
        ship_x = rng.randint(100, width - 500)
        draw.rectangle((ship_x, horizon - 40, ship_x + 420, horizon + 30), fill=jitter(rng, (40, 40, 50)))
        draw.rectangle((ship_x + 330, horizon - 100, ship_x + 400, horizon - 40), fill=(230, 230, 230))
    elif scene == "hall":
        draw.rectangle((0, horizon, width, height), fill=jitter(rng, (90, 30, 30)))
        draw.rectangle((width // 2 - 90, horizon - 160, width // 2 + 90, horizon + 20), fill=(60, 40, 30))
        for row in range(4):
            y = horizon + 40 + row * 55
            for x in range(30 + row * 10, width, 60):
                draw.ellipse((x, y, x + 34, y + 40), fill=jitter(rng, (40, 32, 30), 14))
    else:  # field or grid: rolling ground, trees, maybe power lines
        points = [(0, height)] + [(x, horizon + rng.randint(-25, 25)) for x in range(0, width + 100, 100)]
        draw.polygon([*points, (width, height)], fill=ground)
        for x in range(0, width, rng.randint(22, 40)):
            if rng.random() < 0.5:
                tree_h = rng.randint(25, 60)
                draw.ellipse((x, horizon - tree_h, x + 28, horizon + 10), fill=jitter(rng, (34, 60, 34), 10))
        if scene == "grid":
            tops = []
            for x in range(120, width, 320):
                draw.line((x - 40, horizon + 20, x, horizon - 230, x + 40, horizon + 20), fill=(20, 20, 20), width=6)
                tops.append((x, horizon - 220))
            draw.line(tops, fill=(15, 15, 15), width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def avatar_png(initials, colour, round_shape):
    """A 256x256 PNG: the initials in white on a coloured circle or square."""
    image = Image.new("RGB", (256, 256), (245, 242, 236))
    draw = ImageDraw.Draw(image)
    if round_shape:
        draw.ellipse((8, 8, 248, 248), fill=colour)
    else:
        draw.rounded_rectangle((8, 8, 248, 248), radius=28, fill=colour)
    draw.text((128, 128), initials, fill="white", font=ImageFont.load_default(size=100), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Story:
    """An article created by the builder, with what linking related stories needs to know about it."""

    article: Article
    kind: str
    place: str  # the place the story is about, or "" for national stories
    paragraphs: int


class DemoNewsroom:
    """Creates the demo sections, authors, credits, photos, stories and links, counting what it made."""

    def __init__(self, rng, now):
        self.rng = rng
        self.now = now
        self.slugs = set()
        self.stories = []
        self.desks = {}  # author -> the story kinds they cover
        self.decks = {}  # see _deal()
        self.monthly = {}  # see _month_figures()
        self.created = dict.fromkeys(("sections", "authors", "credits", "photos"), 0)

    def build(self):
        tags_before = Tag.objects.count()
        self.sections = {slug: self._section(name, slug, position) for position, (name, slug) in
                         enumerate(content.SECTIONS)}  # fmt: skip
        self.credits = {key: self._credit(*entry) for key, *entry in content.CREDITS}
        self.staff_credit = self._credit("", "The Kyiv Ledger", "", False)
        self.authors = [self._author(index, *entry) for index, entry in enumerate(content.AUTHORS)]
        self._stories()
        links = self._related_links()
        articles = [story.article for story in self.stories]
        return {
            "authors": self.created["authors"],
            "sections": self.created["sections"],
            "articles": len(articles),
            "videos": sum(article.is_video for article in articles),
            "drafts": sum(article.status == Article.Status.DRAFT for article in articles),
            "scheduled": sum(bool(article.published_at and article.published_at > self.now) for article in articles),
            "photos": self.created["photos"],
            "credits": self.created["credits"],
            "bylines": Byline.objects.filter(article__in=articles).count(),
            "links": len(links),
            "in_body": sum(link.after_paragraph is not None for link in links),
            "tags": Tag.objects.count() - tags_before,
        }

    def _section(self, name, slug, position):
        section, created = Section.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
        self.created["sections"] += created
        return section

    def _author(self, index, name, pronoun, role, beat, outlets, studies, joined, desks, highlight):
        first = name.split()[0]
        they = capitalise(pronoun)
        short_bio = (
            f"{first} {beat} at The Kyiv Ledger. Before joining in {joined}, {pronoun} worked for {outlets[0]} and "
            f"{outlets[1]}. {they} studied {studies}."
        )
        bio = "\n\n".join(
            (
                f"{name} is the Ledger's {role.lower()} and {beat}. {they} joined the newsroom in {joined}.",
                f"{they} started out at {outlets[0]}, then moved to {outlets[1]}, reporting from across Ukraine "
                f"before and after the full-scale invasion. {highlight}",
                f"{first} studied {studies} and speaks Ukrainian, English and Polish.",
                f"Story tips and corrections for {first} go to the newsroom's shared inbox.",
            )
        )
        author, created = Author.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "role": role, "short_bio": short_bio, "bio": bio}
        )
        if created:
            colour = AVATAR_COLOURS[index % len(AVATAR_COLOURS)]
            png = avatar_png(author.initials, colour, round_shape=index % 3 != 0)
            author.avatar = Photo.objects.create(
                image=ContentFile(png, name=f"{author.slug}.png"),
                alt_text=f"Portrait of {name}",
                credit=self.staff_credit,
            )
            author.save(update_fields=["avatar"])
            self.created["photos"] += 1
            self.created["authors"] += 1
        self.desks[author] = desks.split()
        return author

    def _credit(self, photographer, source, url, may_syndicate):
        credit, created = PhotoCredit.objects.get_or_create(
            photographer=photographer, source=source, defaults={"url": url, "may_syndicate": may_syndicate}
        )
        self.created["credits"] += created
        return credit

    def _photo(self, name, scene, alt_text, caption, credit_key):
        # An unsaved file: Photo.save() cleans and stores it once.
        photo = Photo.objects.create(
            image=ContentFile(scene_jpeg(self.rng, scene), name=f"{name[:60]}.jpg"),
            alt_text=alt_text,
            caption=caption,
            credit=self.credits[credit_key],
        )
        self.created["photos"] += 1
        return photo

    def _times(self, count):
        """Publication times spread over the last four weeks, oldest first."""
        minutes = sorted((self.rng.randint(25, DAYS_BACK * 24 * 60) for _ in range(count)), reverse=True)
        return [self.now - timedelta(minutes=minute) for minute in minutes]

    def _stories(self):
        plan = [kind for kind in content.KINDS for _ in range(kind.count)] + list(content.VIDEOS)
        self.rng.shuffle(plan)
        text_stories = [index for index, entry in enumerate(plan) if isinstance(entry, content.StoryKind)]
        unpublished = self.rng.sample(text_stories, 5)
        drafts, scheduled = set(unpublished[:3]), set(unpublished[3:])
        for index, (entry, when) in enumerate(zip(plan, self._times(len(plan)), strict=True)):
            if index in scheduled:
                when = self.now + timedelta(hours=self.rng.randint(3, 40))
            if isinstance(entry, content.StoryKind):
                story = self._text_story(entry, when, draft=index in drafts)
            else:
                story = self._video_story(entry, when)
            self.stories.append(story)

    def _deal(self, key, options):
        """The next of the options from a shuffled deck, reshuffled when empty: spreads choices evenly."""
        if not self.decks.get(key):
            self.decks[key] = self.rng.sample(options, len(options))
        return self.decks[key].pop()

    def _month_figures(self, month):
        """A month's economic figures, drawn once so that every story quoting them agrees."""
        if month not in self.monthly:
            rng = self.rng
            self.monthly[month] = {
                "rate": rng.choice(("13.5", "14.5", "15.5")),
                "inflation": f"{rng.uniform(6, 14):.1f}",
                "tonnes": f"{rng.uniform(3.1, 6.8):.1f}",
                "homes": f"{rng.randint(18, 60) * 100:,}",
                "unemployment": f"{rng.uniform(9, 15):.1f}",
            }
        return self.monthly[month]

    def _facts(self, kind, when):
        """Everything a template may name, drawn at random for one story."""
        rng = self.rng
        local = timezone.localtime(when)
        earlier = local - timedelta(days=rng.randint(2, 25))
        month = MONTHS[(local.month - 2) % 12]  # the last full month
        if kind.places == "any":
            place = self._deal("places", content.PLACES)
        elif kind.places == "frontier":
            place = self._deal("frontier", [place for place in content.PLACES if place.frontier])
        else:  # national and front-line stories are told from the capital
            place = next(place for place in content.PLACES if place.name == "Kyiv")
        front, front_background = self._deal("fronts", content.FRONTS)
        weapons = content.FRONTIER_WEAPONS if place.frontier else content.REAR_WEAPONS
        weapon, weapon_plural = rng.choice(weapons)
        target_short, target = rng.choice(content.TARGETS)
        killed = rng.choice((2, 2, 2, 3, 3, 4, 5, 6, 8, 11))
        injured = rng.randint(max(3, killed), 48)
        drones = rng.randint(40, 180)
        country = rng.choice(content.COUNTRIES)
        location = {"front": f" near {front}", "national": ""}.get(kind.places, f" in {place.name}")
        facts = {
            "city": place.name,
            "region": place.region,
            "background": place.background,
            "speaker_local": place.official,
            "speaker_local_title": place.title,
            "front": front,
            "front_background": front_background,
            "place_name": front if kind.places == "front" else place.name,
            "location": location,
            "weapon": weapon,
            "Weapon": capitalise(weapon),
            "weapon_plural": weapon_plural,
            "target_short": target_short,
            "target": target,
            "killed": killed,
            "injured": injured,
            "killed_people": people(killed),
            "Killed_people": capitalise(people(killed)),
            "injured_people": people(injured),
            "serious_people": NUMBER_WORDS[rng.randint(1, min(4, injured))],
            "rescued_people": people(rng.randint(1, 5)),
            "fire_hours": rng.randint(2, 7),
            "repair_hours": rng.randint(4, 12),
            "drones": drones,
            "downed": drones - rng.randint(4, 30),
            "missiles": rng.randint(2, 14),
            "regions": rng.randint(3, 9),
            "customers": rng.randint(12, 220),
            "settlements": rng.randint(4, 19),
            "evacuees": f"{rng.randint(3, 40) * 100:,}",
            "children": rng.randint(40, 400),
            "assaults": rng.randint(14, 62),
            "assaults2": rng.randint(30, 70),
            "vehicles": rng.randint(3, 11),
            "bill": self._deal("bills", content.BILLS),
            "votes": rng.randint(232, 318),
            "amount": rng.randint(4, 60),
            "aid_millions": rng.randint(9, 90) * 10,
            "month": month,
            **self._month_figures(month),
            "country": country,
            "Country": capitalise(country),
            "nations": rng.randint(12, 40),
            "summit_city": rng.choice(content.SUMMIT_CITIES),
            "aid_item": rng.choice(content.AID_ITEMS),
            "tankers": rng.randint(20, 120),
            "pows": rng.randint(84, 390),
            "weekday": WEEKDAYS[local.weekday()],
            "next_day": WEEKDAYS[(local.weekday() + 1) % 7],
            "date": day_month(local),
            "time_phrase": rng.choice(TIME_PHRASES).format(weekday=WEEKDAYS[local.weekday()]),
            "district": rng.choice(DISTRICTS),
        }
        facts["earlier"] = rng.choice(content.EARLIER).format(
            earlier_date=day_month(earlier),
            earlier_weapon=with_article(rng.choice(weapons)[0]),
            earlier_target=rng.choice(content.TARGETS)[1],
            earlier_killed=people(rng.randint(2, 14)),
        )
        return place, facts

    def _unique_slug(self, headline):
        slug = slugify(headline)[:200]
        if slug in self.slugs:
            return None
        self.slugs.add(slug)
        return slug

    def _text_story(self, kind, when, draft):
        rng = self.rng
        if kind.places == "national" and when < self.now:  # parliament, ministries and banks work on weekdays
            when -= timedelta(days=max(0, timezone.localtime(when).weekday() - 4))
        for _ in range(20):  # redraw the facts until the headline is new
            place, facts = self._facts(kind, when)
            headline_template = self._deal(kind.key, kind.headlines)
            headline = without_topic(headline_template).format(**facts)
            slug = self._unique_slug(headline)
            if slug:
                break
        else:
            raise RuntimeError(f"No unused headline for {kind.key}")
        topic = topic_of(headline_template)

        def pick(options):
            return without_topic(rng.choice(for_topic(options, topic))).format(**facts)

        def quote(text, speaker, before):
            """The quote attributed in full, or by surname if the paragraphs before it name the speaker."""
            name, title = speaker
            if name in "".join(before):
                return rng.choice(content.LATER_ATTRIBUTIONS).format(quote=text, surname=name.split()[-1])
            return rng.choice(content.ATTRIBUTIONS).format(quote=text, speaker=name, speaker_title=title)

        # The first voice is the kind's own speaker, else the place's official; a second quote may be anyone's.
        local = [(place.official, place.title)] if kind.places in {"any", "frontier"} else []
        speakers = [(without_topic(name), title) for name, title in for_topic(kind.speakers, topic)]
        speaker = rng.choice(speakers or local)
        facts["speaker"], facts["speaker_title"] = speaker
        quotes = [without_topic(text) for text in for_topic(kind.quotes, topic)]
        quotes = rng.sample(quotes, min(2, len(quotes)))
        details = for_topic(kind.details, topic)
        details = rng.sample(details, rng.randint(1, min(3, len(details))))
        details = [without_topic(text).format(**facts) for text in details]

        body = [pick(kind.leads), details.pop(0)]
        position = rng.randint(1, 2)
        body.insert(position, quote(quotes[0], speaker, body[:position]))
        body += details
        if kind.breaking and rng.random() < 0.85:
            body.append(content.DISCLAIMER)
        body.append(pick(kind.backgrounds))
        if len(quotes) > 1 and rng.random() < 0.4:
            second = rng.choice(speakers + local)
            body.append(quote(quotes[1], second, body))
        closers = for_topic(kind.closers, topic)
        for text in rng.sample(closers, max(0, min(len(closers), rng.randint(0, 2), 9 - len(body)))):
            body.append(without_topic(text).format(**facts))

        photo_alt, photo_caption, *scene = (without_topic(part) for part in rng.choice(for_topic(kind.photos, topic)))
        photo = self._photo(
            slug,
            scene[0] if scene else kind.scene,
            f"{photo_alt}{facts['location']}",
            f"{photo_caption}{facts['location']}, {facts['date']}.",
            rng.choice(kind.credits),
        )
        override = ""
        if kind.breaking and rng.random() < 0.2:
            override = rng.choice(content.CAPTION_OVERRIDES).format(**facts)
        article = Article.objects.create(
            headline=headline,
            slug=slug,
            summary=pick(kind.summaries),
            body="\n".join(body),
            section=self.sections[rng.choice(kind.sections)],
            status=Article.Status.DRAFT if draft else Article.Status.PUBLISHED,
            published_at=None if draft else when,
            lead_photo=photo,
            lead_photo_caption=override,
        )
        tags = [without_topic(tag).format(**facts) for tag in for_topic(kind.tags, topic)]
        tags += rng.sample(kind.themes, rng.randint(1, 2))
        if rng.random() < 0.3:
            tags.append(facts["speaker"])
        article.tags.add(*tags)
        self._bylines(article, kind.key)
        place_name = facts["place_name"] if kind.places != "national" else ""
        return Story(article, kind.key, place_name, len(split_blocks(article.body)))

    def _video_story(self, entry, when):
        rng = self.rng
        headline, summary, section, place, tags, paragraphs, speaker, poster, credit, scene = entry
        name, title, said = speaker
        body = [f"<p>{paragraph}</p>" for paragraph in paragraphs]
        body.insert(1, rng.choice(content.ATTRIBUTIONS).format(quote=said, speaker=name, speaker_title=title))
        month = MONTHS[(timezone.localtime(when).month - 2) % 12]
        body.append(rng.choice(content.VIDEO_CLOSERS).format(days=rng.randint(3, 9), month=month))
        slug = self._unique_slug(headline)
        if rng.random() < 0.6:
            video_id = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789_-") for _ in
                               range(11))  # fmt: skip
            video_url = f"https://www.youtube.com/watch?v={video_id}"
        else:
            video_url = f"https://vimeo.com/{rng.randint(100_000_000, 999_999_999)}"
        article = Article.objects.create(
            headline=headline,
            slug=slug,
            summary=summary,
            body="\n".join(body),
            section=self.sections[section],
            status=Article.Status.PUBLISHED,
            published_at=when,
            video_url=video_url,
            video_poster=self._photo(slug, scene, poster[0], f"{poster[1]}.", credit),
            video_duration=timedelta(minutes=rng.randint(2, 11), seconds=rng.randint(0, 59)),
        )
        article.tags.add(place, "Video", *tags)
        self._bylines(article, "video")
        return Story(article, "video", place, len(split_blocks(article.body)))

    def _bylines(self, article, desk):
        """One to three authors: a writer from the story's desk first, then desk colleagues."""
        rng = self.rng
        writers = [author for author in self.authors if author.role not in content.CO_AUTHOR_ROLES]
        lead = rng.choice([author for author in writers if desk in self.desks[author]])
        desk_colleagues = [author for author in self.authors if desk in self.desks[author] and author != lead]
        colleagues = desk_colleagues or [author for author in self.authors if author != lead]
        others = rng.sample(colleagues, min(rng.choices((0, 1, 2), weights=(5, 3, 1))[0], len(colleagues)))
        Byline.objects.bulk_create(
            Byline(article=article, author=author, position=position) for position, author in enumerate([lead, *others])
        )

    def _related_links(self):
        """Links from published stories to earlier ones on the same place or section, plus a few outside pages."""
        rng = self.rng
        visible = sorted(
            (story for story in self.stories if story.article.is_published),
            key=lambda story: story.article.published_at,
        )
        links = []
        for index, story in enumerate(visible):
            earlier = visible[:index][::-1]  # newest first
            count = rng.choice((0, 1, 1, 2))
            if not earlier or not count:
                continue
            same_place = [other.article for other in earlier if story.place and other.place == story.place]
            same_section = [other.article for other in earlier if other.article.section_id == story.article.section_id]
            candidates = list(dict.fromkeys(same_place + same_section))[:6] or [other.article for other in earlier[:6]]
            for position, target in enumerate(rng.sample(candidates, min(count, len(candidates)))):
                in_body = rng.random() < 0.55
                after = rng.randint(1, min(3, story.paragraphs)) if in_body else None
                links.append(
                    RelatedLink(article=story.article, target=target, after_paragraph=after, position=position)
                )
        for kind, url, title in content.OUTSIDE_LINKS:
            story = next(story for story in reversed(visible) if story.kind == kind)
            links.append(RelatedLink(article=story.article, url=url, title=title, position=10))
        return RelatedLink.objects.bulk_create(links)


class Command(BaseCommand):
    help = "Fill an empty database with the demo newsroom: authors, sections, stories, photos and videos."

    def handle(self, *args, **options):
        if Article.objects.exists():
            self.stdout.write("Demo content already present; nothing to do.")
            return
        with transaction.atomic():
            counts = DemoNewsroom(random.Random(SEED), timezone.now()).build()
            # A first revision per story, so that history, diffs and edit conflicts work from day one.
            call_command("createinitialrevisions", "feed.Article", comment="Demo content.", stdout=io.StringIO())
        self.stdout.write(
            self.style.SUCCESS(
                "Created {authors} authors, {sections} sections, {articles} articles ({videos} videos, {drafts} "
                "drafts, {scheduled} scheduled), {photos} photos, {credits} photo credits, {bylines} bylines, "
                "{links} related links ({in_body} in the body), {tags} tags.".format(**counts)
            )
        )
