"""The Kyiv Ledger demo newsroom: sections, authors, photo credits, stories with their photos or
videos, bylines, tags and related links, written from the templates in devtools/demo/content.py,
one live story with an evening of updates (devtools/demo/live_evening.py), and the Ukrainian edition
(devtools/demo/ukrainian.py): translations of the video and most strike reports, and stories of its own."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from authors.models import Author
from common.slugs import latin_slug
from devtools.demo import content, live_evening, ukrainian
from devtools.demo.facts import FactDealer
from devtools.demo.pictures import AVATAR_COLOURS, avatar_png, scene_jpeg
from devtools.demo.words import MONTHS, capitalise, for_topic, topic_of, without_topic
from feed import workflow
from feed.html import split_blocks
from feed.models import Article, Byline, RelatedLink, Section
from live.models import LiveUpdate
from live.services import post_update
from media.models import Photo, PhotoCredit

DAYS_BACK = 28


@dataclass
class Story:
    """An article created by the builder, with what linking related stories needs to know about it."""

    article: Article
    kind: str
    place: str  # the place the story is about, or "" for national stories
    paragraphs: int
    facts: dict | None = None  # what a text story was written from, for its Ukrainian version


class DemoNewsroom:
    """Creates the demo sections, authors, credits, photos, stories and links, counting what it made."""

    def __init__(self, rng, now):
        self.rng = rng
        self.now = now
        self.slugs = set()
        self.stories = []
        self.desks = {}  # author -> the story kinds they cover
        self.dealer = FactDealer(rng)
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
        live_updates = self._live_story()
        articles = [story.article for story in self.stories]
        ukrainian_stories = self._ukrainian_edition()
        return {
            "authors": self.created["authors"],
            "sections": self.created["sections"],
            "articles": len(articles),
            "videos": sum(article.is_video for article in articles),
            "drafts": sum(article.status == Article.Status.DRAFT for article in articles),
            "in_review": sum(article.status == Article.Status.REVIEW for article in articles),
            "scheduled": sum(bool(article.published_at and article.published_at > self.now) for article in articles),
            "photos": self.created["photos"],
            "credits": self.created["credits"],
            "bylines": Byline.objects.filter(article__in=articles).count(),
            "links": len(links),
            "in_body": sum(link.after_paragraph is not None for link in links),
            "tags": Tag.objects.count() - tags_before,
            "live_updates": len(live_updates),
            "uk_articles": len(ukrainian_stories),
            "uk_translations": sum(story.translation_group is not None for story in ukrainian_stories),
        }

    def _section(self, name, slug, position):
        name_uk, slug_uk = ukrainian.SECTIONS[slug]
        section, created = Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position, "name_uk": name_uk, "slug_uk": slug_uk}
        )
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
        profile = ukrainian.AUTHORS[name]
        short_bio_uk, bio_uk = ukrainian.author_bios(profile, joined)
        author, created = Author.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "role": role,
                "short_bio": short_bio,
                "bio": bio,
                "name_uk": profile.name,
                "slug_uk": latin_slug(profile.name),
                "role_uk": profile.role,
                "short_bio_uk": short_bio_uk,
                "bio_uk": bio_uk,
            },
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
        # A few stories the desk has work on: drafts, stories waiting for an editor, scheduled ones.
        unpublished = self.rng.sample(text_stories, 7)
        drafts, in_review, scheduled = set(unpublished[:3]), set(unpublished[3:5]), set(unpublished[5:])
        for index, (entry, when) in enumerate(zip(plan, self._times(len(plan)), strict=True)):
            if index in scheduled:
                when = self.now + timedelta(hours=self.rng.randint(3, 40))
            status = Article.Status.PUBLISHED
            if index in drafts or index in in_review:
                status = Article.Status.DRAFT if index in drafts else Article.Status.REVIEW
            if isinstance(entry, content.StoryKind):
                story = self._text_story(entry, when, status)
            else:
                story = self._video_story(entry, when)
            self.stories.append(story)

    def _unique_slug(self, headline):
        slug = slugify(headline)[:200]
        if slug in self.slugs:
            return None
        self.slugs.add(slug)
        return slug

    def _text_story(self, kind, when, status):
        rng = self.rng
        if kind.places == "national" and when < self.now:  # parliament, ministries and banks work on weekdays
            when -= timedelta(days=max(0, timezone.localtime(when).weekday() - 4))
        for _ in range(20):  # redraw the facts until the headline is new
            place, facts = self.dealer.draw(kind, when)
            headline_template = self.dealer.deal(kind.key, kind.headlines)
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
            status=status,
            published_at=when if status == Article.Status.PUBLISHED else None,
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
        return Story(article, kind.key, place_name, len(split_blocks(article.body)), facts)

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

    def _live_story(self):
        """The live story of yesterday evening, its updates posted through live.services.post_update as
        the desk would post them, by staff accounts of the writers on its byline."""
        plan = live_evening
        evening = timezone.localtime(self.now - timedelta(days=1))

        def at(clock):
            hour, minute = (int(part) for part in clock.split(":"))
            return evening.replace(hour=hour, minute=minute, second=0, microsecond=0)

        authors = {author.slug: author for author in self.authors}
        photos = {key: self._photo(*entry) for key, entry in plan.PHOTOS.items()}
        article = Article.objects.create(
            headline=plan.HEADLINE,
            slug=plan.SLUG,
            summary=plan.SUMMARY,
            body=plan.BODY,
            section=self.sections[plan.SECTION],
            status=Article.Status.PUBLISHED,
            published_at=at("{:02}:{:02}".format(*plan.START)),
            live_coverage=True,
            lead_photo=photos["lead"],
        )
        article.tags.add(*plan.TAGS)
        writers = [authors[slug] for slug in plan.WRITERS]
        Byline.objects.bulk_create(
            Byline(article=article, author=author, position=position) for position, author in enumerate(writers)
        )
        users = {slug: self._staff_account(authors[slug], role) for slug, role in plan.WRITERS.items()}
        # Teasers link to the newest stories of a kind published before the evening.
        earlier = [
            story
            for story in reversed(self.stories)
            if story.article.is_published and story.article.published_at < article.published_at
        ]
        updates = []
        for entry in plan.UPDATES:
            linked = next((story.article for story in earlier if story.kind == entry.link), None)
            update = post_update(
                article=article,
                user=users[entry.author],
                body=entry.body,
                headline=entry.headline,
                photo=photos[entry.photo] if entry.photo else None,
                linked_story=linked,
                pinned=entry.pinned,
                authors=[authors[entry.author]],
            )
            # post_update posts now; the demo's evening is in the past, so its times are set afterwards.
            LiveUpdate.objects.filter(pk=update.pk).update(posted_at=at(entry.time))
            updates.append(update)
        Article.objects.filter(pk=article.pk).update(updated_at=at(plan.UPDATES[-1].time))
        self.stories.append(Story(article, "live", "Kyiv", len(split_blocks(article.body))))
        return updates

    def _staff_account(self, author, role):
        """A staff account in `role` for an author, with no password (`manage.py changepassword` gives one)."""
        user, created = User.objects.get_or_create(
            username=author.slug,
            defaults={"first_name": author.name.split()[0], "last_name": author.name.split()[-1], "is_staff": True},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
            author.user = user
            author.save(update_fields=["user"])
        return user

    # The Ukrainian edition.

    def _ukrainian_edition(self):
        """Ukrainian versions of the video reports and of three quarters of the published strike and air
        defence reports (two of them still drafts), each in a translation group with its original, and
        the stories only the Ukrainian edition has. Drawn with a generator of their own, after the
        English edition is made."""
        rng = random.Random(f"uk-{self.rng.random()}")
        authors = {author.name: author for author in self.authors}
        # The live evening's first editor starts the translations (her staff account is made there).
        slug = next(slug for slug, role in live_evening.WRITERS.items() if role == "Editor")
        self.translator = self._staff_account(next(a for a in self.authors if a.slug == slug), "Editor")
        made = []
        attacks = [
            story for story in self.stories if story.kind in ("strike", "air_defence") and story.article.is_published
        ]
        translated = [story for story in attacks if rng.random() < 0.75]
        drafts = set(rng.sample(range(len(translated)), 2))
        for number, story in enumerate(translated):
            write = self._ukrainian_strike if story.kind == "strike" else self._ukrainian_air_defence
            made.append(write(rng, story, draft=number in drafts))
        for story in self.stories:
            if story.kind == "video":
                made.append(self._ukrainian_video(rng, story))
        for entry in ukrainian.OWN_STORIES:
            made.append(self._ukrainian_own_story(entry, authors))
        return made

    def _translation(self, rng, original, *, headline, summary, body, tags, draft=False, **fields):
        """A Ukrainian version of `original` as the desk makes one: started with Translate
        (feed.workflow.translate: the translation group, section, photo, video and bylines), written, and
        unless `draft` published a little after the original."""
        article = workflow.translate(article=original, user=self.translator, language="uk").article
        article.headline, article.summary, article.body = headline, summary, "\n".join(body)
        article.slug = self._unique_slug(latin_slug(headline)) or article.slug
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()
        article.tags.add(*tags)
        if not draft:
            # Backdated like the rest of the demo's evening: set in the row, after the draft was written.
            when = min(original.published_at + timedelta(minutes=rng.randint(10, 50)), self.now - timedelta(minutes=1))
            Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, published_at=when)
            article.refresh_from_db()
        return article

    def _ukrainian_strike(self, rng, story, *, draft):
        facts = story.facts
        place = ukrainian.PLACES[facts["city"]]
        weapon, weapons = ukrainian.WEAPONS[facts["weapon"]]
        target_short, target = ukrainian.TARGETS[facts["target_short"]]
        weekday = facts["weekday"]
        when = rng.choice(ukrainian.WHEN).format(
            weekday=ukrainian.WEEKDAYS[weekday], weekday_short=ukrainian.NIGHT_BEFORE[weekday]
        )
        words = {
            "city": place.name,
            "in_place": place.in_place,
            "weapon": weapon,
            "weapons": weapons,
            "target_short": target_short,
            "target": target,
            "killed": ukrainian.people(facts["killed"], died=True),
            "injured": ukrainian.people(facts["injured"], died=False),
            "When": capitalise(when),
            "speaker": place.official,
            "speaker_title": place.title,
            "v": ukrainian.past_ending(place.she),
            "fire_hours": ukrainian.hours(facts["fire_hours"]),
        }
        body = [rng.choice(ukrainian.STRIKE_LEADS).format(**words)]
        body += [text.format(**words) for text in rng.sample(ukrainian.STRIKE_DETAILS, rng.randint(1, 2))]
        quote = ukrainian.LATER_QUOTE if place.official in body[0] else ukrainian.QUOTE
        surname = place.official.split()[-1]
        body.insert(1, quote.format(quote=rng.choice(ukrainian.STRIKE_QUOTES), surname=surname, **words))
        if content.DISCLAIMER in story.article.body:
            body.append(ukrainian.DISCLAIMER)
        body.append(rng.choice(ukrainian.STRIKE_CLOSERS))
        english_tags = [tag.name for tag in story.article.tags.all()]
        return self._translation(
            rng,
            story.article,
            headline=capitalise(rng.choice(ukrainian.STRIKE_HEADLINES).format(**words)),
            summary=rng.choice(ukrainian.STRIKE_SUMMARIES).format(**words),
            body=body,
            tags=[ukrainian.TAGS[tag] for tag in english_tags if tag in ukrainian.TAGS],
            draft=draft,
            lead_photo_caption=f"Наслідки удару {place.in_place}.",
        )

    def _ukrainian_air_defence(self, rng, story, *, draft):
        facts = story.facts
        place = ukrainian.PLACES[facts["city"]]
        count = ukrainian.counted
        words = {
            "drones_with": count(facts["drones"], "дроном", "дронами", "дронами"),
            "missiles_with": count(facts["missiles"], "ракетою", "ракетами", "ракетами"),
            "missiles_acc": count(facts["missiles"], "ракету", "ракети", "ракет"),
            "downed_acc": count(facts["downed"], "дрон", "дрони", "дронів"),
            "downed_of": f"{facts['downed']} із {count(facts['drones'], 'дрона', 'дронів', 'дронів')}",
            "regions": facts["regions"],
            "weekday": ukrainian.WEEKDAYS[facts["weekday"]],
            "in_place": place.in_place,
            "in_place_capital": capitalise(place.in_place),
            "target_acc": ukrainian.TARGETS_HIT[facts["target_short"]],
            "injured": ukrainian.people(facts["injured"], died=False),
            "speaker_local": place.official,
            "speaker_local_title": place.title,
            "v": ukrainian.past_ending(place.she),
            "fire_hours": ukrainian.counted(facts["fire_hours"], "годину", "години", "годин"),
        }
        speaker, title = ukrainian.AIR_FORCE
        body = [rng.choice(ukrainian.AIR_DEFENCE_LEADS).format(**words)]
        body += [text.format(**words) for text in rng.sample(ukrainian.AIR_DEFENCE_DETAILS, rng.randint(1, 2))]
        quote = rng.choice(ukrainian.AIR_DEFENCE_QUOTES)
        said = ukrainian.QUOTE.format(quote=quote, speaker=speaker, speaker_title=title, v=ukrainian.past_ending(False))
        body.insert(1, said)
        if content.DISCLAIMER in story.article.body:
            body.append(ukrainian.DISCLAIMER)
        body.append(ukrainian.AIR_DEFENCE_CLOSER)
        english_tags = [tag.name for tag in story.article.tags.all()]
        return self._translation(
            rng,
            story.article,
            headline=rng.choice(ukrainian.AIR_DEFENCE_HEADLINES).format(**words),
            summary=rng.choice(ukrainian.AIR_DEFENCE_SUMMARIES).format(**words),
            body=body,
            tags=[ukrainian.TAGS[tag] for tag in english_tags if tag in ukrainian.TAGS],
            draft=draft,
            lead_photo_caption=f"Робота ППО {place.in_place}.",
        )

    def _ukrainian_video(self, rng, story):
        video = ukrainian.VIDEOS[story.article.headline]
        name, title, said, she = video.speaker
        body = [f"<p>{paragraph}</p>" for paragraph in video.paragraphs]
        ending = ukrainian.past_ending(she)
        body.insert(1, ukrainian.QUOTE.format(quote=said, speaker=name, speaker_title=title, v=ending))
        body.append(ukrainian.VIDEO_CLOSER)
        english_tags = [tag.name for tag in story.article.tags.all()]
        return self._translation(
            rng,
            story.article,
            headline=video.headline,
            summary=video.summary,
            body=body,
            tags=[ukrainian.TAGS[tag] for tag in english_tags if tag in ukrainian.TAGS],
        )

    def _ukrainian_own_story(self, entry, authors):
        self.slugs.add(entry.slug)
        alt_text, caption, scene = entry.photo
        article = Article.objects.create(
            language="uk",
            headline=entry.headline,
            slug=entry.slug,
            summary=entry.summary,
            body="\n".join(f"<p>{paragraph}</p>" for paragraph in entry.paragraphs),
            section=self.sections[entry.section],
            status=Article.Status.PUBLISHED,
            published_at=self.now - timedelta(hours=entry.hours_ago),
            lead_photo=self._photo(entry.slug, scene, alt_text, f"{caption}.", entry.credit),
        )
        article.tags.add(*entry.tags)
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[name], position=position)
            for position, name in enumerate(entry.authors)
        )
        return article
