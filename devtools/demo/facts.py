"""The facts a demo story is written from (places, weapons, casualties, votes, monthly figures),
drawn at random for each story from devtools/demo/content.py."""

from datetime import timedelta

from django.utils import timezone

from devtools.demo import content
from devtools.demo.words import MONTHS, NUMBER_WORDS, capitalise, day_month, people, with_article

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME_PHRASES = ("early on {weekday}", "on {weekday} morning", "late on {weekday}", "on {weekday} afternoon",
                "overnight")  # fmt: skip
DISTRICTS = ("central", "northern", "eastern", "southern", "industrial", "riverside")


class FactDealer:
    """Draws each story's facts with the newsroom's random generator."""

    def __init__(self, rng):
        self.rng = rng
        self.decks = {}  # see deal()
        self.monthly = {}  # see month_figures()

    def deal(self, key, options):
        """The next of the options from a shuffled deck, reshuffled when empty: spreads choices evenly."""
        if not self.decks.get(key):
            self.decks[key] = self.rng.sample(options, len(options))
        return self.decks[key].pop()

    def month_figures(self, month):
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

    def draw(self, kind, when):
        """Everything a template may name, drawn at random for one story."""
        rng = self.rng
        local = timezone.localtime(when)
        earlier = local - timedelta(days=rng.randint(2, 25))
        month = MONTHS[(local.month - 2) % 12]  # the last full month
        if kind.places == "any":
            place = self.deal("places", content.PLACES)
        elif kind.places == "frontier":
            place = self.deal("frontier", [place for place in content.PLACES if place.frontier])
        else:  # national and front-line stories are told from the capital
            place = next(place for place in content.PLACES if place.name == "Kyiv")
        front, front_background = self.deal("fronts", content.FRONTS)
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
            "bill": self.deal("bills", content.BILLS),
            "votes": rng.randint(232, 318),
            "amount": rng.randint(4, 60),
            "aid_millions": rng.randint(9, 90) * 10,
            "month": month,
            **self.month_figures(month),
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
