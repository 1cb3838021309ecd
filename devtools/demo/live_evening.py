"""The demo's live story: an evening of drone and missile attacks on Kyiv, followed update by update.

Made up like the rest of the demo (devtools/demo/content.py); only the place names are real. Times are
local, on the evening before seed_demo runs. The coverage is still live, so the home page shows its
LIVE card.
"""

from dataclasses import dataclass

HEADLINE = "Evening attack on Kyiv: drones and missiles over the capital, power cuts on the left bank"
SLUG = "live-evening-attack-on-kyiv"
SUMMARY = (
    "Air defence worked over Kyiv for more than five hours as drones and then missiles approached the "
    "city. Follow our reporters' updates."
)
BODY = (
    "<p>Russia launched waves of attack drones at Kyiv from early evening, followed by cruise and "
    "ballistic missiles. This page follows the attack and its aftermath as our reporters confirm what "
    "happened.</p>"
    "<p>Stay in shelters until the all-clear. Official alerts come from the city's air raid app and "
    "the Kyiv city military administration.</p>"
)
SECTION = "news-feed"
TAGS = ("Kyiv", "Air defence", "Drones", "Energy")
# Author slugs, in byline order: the editor who runs the page first. Each is given a staff account
# (the editors in the Editor role, the reporter in the Reporter role) so that the updates are posted
# as the newsroom would post them.
WRITERS = {"kateryna-voloshyna": "Editor", "bohdan-ilchenko": "Editor", "pavlo-demchuk": "Reporter"}
START = (18, 5)  # the story goes live with the first update

# name, scene, alt text, caption, credit key (devtools/demo/content.py CREDITS)
PHOTOS = {
    "lead": ("live-kyiv-evening-skyline", "city_night", "Searchlights and tracer fire over Kyiv's skyline at dusk",
             "Air defence at work over Kyiv on the evening of the attack.", "hrytsenko"),
    "smoke": ("live-kyiv-smoke-darnytskyi", "city_night", "Smoke rises above apartment blocks on the left bank",
              "Smoke over Darnytskyi district after a drone hit.", "hrytsenko"),
    "substation": ("live-kyiv-substation", "grid", "A damaged transformer at an electricity substation at night",
                   "An electricity substation on the left bank after the strike.", "rescue"),
    "metro": ("live-kyiv-metro-shelter", "city_night", "Lit apartment windows and a metro entrance at night",
              "Residents head for a metro station used as a shelter.", "savchuk"),
    "rescuers": ("live-kyiv-rescuers", "city_night", "Rescuers work beside a burning building at night",
                 "Rescuers at the site of the fire in Solomianskyi district.", "rescue"),
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    time: str  # "HH:MM", local
    author: str  # one of WRITERS
    body: str
    headline: str = ""
    pinned: bool = False
    photo: str = ""  # a PHOTOS key
    link: str = ""  # the kind of an earlier demo story to show as a teaser ("strike", "energy", …)


# fmt: off
UPDATES = [
    Entry("18:05", "kateryna-voloshyna", "<p>An air raid alert is in effect across Kyiv and the region. The Air "
          "Force reports groups of attack drones heading towards the capital from the north-east.</p>",
          headline="Air raid alert in Kyiv"),
    Entry("18:12", "kateryna-voloshyna", "<p>Please go to a shelter and stay there until the all-clear. We will "
          "keep this page updated through the evening.</p>"),
    Entry("18:26", "pavlo-demchuk", "<p>The Air Force now counts at least 40 drones over Chernihiv and Kyiv "
          "regions. Most are flying low along the Dnipro.</p>"),
    Entry("18:41", "kateryna-voloshyna", "<p>Mobile fire groups are working on the city's northern outskirts. "
          "Residents of Obolon report bursts of machine-gun fire and the sound of engines overhead.</p>",
          photo="lead"),
    Entry("18:53", "pavlo-demchuk", "<p>A second group of drones is approaching from the south, over Obukhiv. "
          "Air defence is active in the region.</p>"),
    Entry("19:04", "kateryna-voloshyna", "<p>Several explosions heard on the left bank. The city military "
          "administration says air defence is working and asks residents not to film or post its "
          "positions.</p>", headline="Explosions on the left bank"),
    Entry("19:10", "kateryna-voloshyna", "<p>Debris from a downed drone fell on a residential street in "
          "Darnytskyi district, damaging cars and a fence, Yurii Zinchenko, head of the Kyiv city military "
          "administration, said. Nobody was hurt there.</p>"),
    Entry("19:22", "kateryna-voloshyna", "<p>A drone hit the upper floors of a nine-storey apartment block in "
          "Darnytskyi district and started a fire. Rescuers are at the scene.</p>",
          headline="Apartment block hit in Darnytskyi district", pinned=True, photo="smoke"),
    Entry("19:35", "pavlo-demchuk", "<p>The air raid alert now covers ten regions, from Zhytomyr to Poltava. "
          "The Air Force warns of cruise missiles being prepared for launch.</p>"),
    Entry("19:48", "kateryna-voloshyna", "<p>Three people were injured in the apartment block in Darnytskyi "
          "district, Zinchenko said. Two are in hospital; their lives are not in danger.</p>"),
    Entry("19:59", "kateryna-voloshyna", "<p>Kyiv's metro has opened every underground station as a shelter. "
          "Trains are still running on the parts of the lines above ground.</p>", photo="metro"),
    Entry("20:11", "pavlo-demchuk", "<p>Our count so far, from the Air Force and the city: about 60 drones "
          "launched at the capital region since 18:00, more than 40 of them shot down or jammed.</p>",
          link="air_defence"),
    Entry("20:24", "kateryna-voloshyna", "<p>The fire in the apartment block is out. Residents of the two upper "
          "floors will spend the night in a school nearby, the district administration said.</p>"),
    Entry("20:37", "bohdan-ilchenko", "<p>Bohdan Ilchenko here, taking over the page from Kateryna for the "
          "night. The alert is still on.</p>"),
    Entry("20:46", "bohdan-ilchenko", "<p>Power cuts on the left bank: the city's grid operator says a "
          "substation was damaged and parts of Darnytskyi and Dniprovskyi districts are without "
          "electricity.</p>", headline="Power cuts on the left bank", pinned=True, photo="substation",
          link="energy"),
    Entry("20:58", "bohdan-ilchenko", "<p>Water pressure has dropped in high-rise buildings without power. The "
          "water utility says pumping stations are switching to generators.</p>"),
    Entry("21:09", "pavlo-demchuk", "<p>The Air Force reports strategic bombers in the air over the Caspian Sea. "
          "That usually means cruise missiles within two hours.</p>"),
    Entry("21:18", "bohdan-ilchenko", "<p>Authorities in Kyiv region say drone debris set a warehouse on fire "
          "in Brovary district. There are no reports of casualties.</p>"),
    Entry("21:31", "bohdan-ilchenko", "<p>Trains of the state railway heading for Kyiv are running 40 minutes "
          "late on average. Passengers at the central station were asked to go down to the shelter in the "
          "underpass.</p>"),
    Entry("21:40", "pavlo-demchuk", "<p>Launches of cruise missiles recorded, the Air Force says. They are "
          "heading north-west. If you are not in a shelter, go now.</p>", headline="Cruise missiles launched"),
    Entry("21:52", "bohdan-ilchenko", "<p>A rapid series of explosions in central Kyiv as air defence engages "
          "the missiles.</p>"),
    Entry("22:01", "bohdan-ilchenko", "<p>Debris fell in Solomianskyi district and started a fire in a "
          "two-storey office building, which was empty at the time, Zinchenko said.</p>", photo="rescuers"),
    Entry("22:10", "pavlo-demchuk", "<p>Ballistic missile threat announced for the capital. Ballistic missiles "
          "reach Kyiv within minutes of launch.</p>"),
    Entry("22:14", "bohdan-ilchenko", "<p>Two loud explosions in the west of the city. We are checking "
          "reports of a hit in Sviatoshynskyi district.</p>"),
    Entry("22:29", "bohdan-ilchenko", "<p>Zinchenko confirms a hit on a warehouse in Sviatoshynskyi district. "
          "One man, a security guard, was injured. The fire covers about 300 square metres.</p>",
          link="strike"),
    Entry("22:41", "bohdan-ilchenko", "<p>The grid operator has restored power to about half of the homes that "
          "lost it on the left bank. Repair crews will keep working through the night.</p>"),
    Entry("22:53", "pavlo-demchuk", "<p>No new launches recorded in the past half hour. Several drones are "
          "still over Kyiv region, the Air Force says, so the alert stays on.</p>"),
    Entry("23:02", "bohdan-ilchenko", "<p>Emergency services in Darnytskyi district have finished checking the "
          "damaged apartment block. The building is safe, engineers said, and residents of the lower floors "
          "may go home.</p>"),
    Entry("23:08", "bohdan-ilchenko", "<p>The number of injured in Kyiv has risen to five, Zinchenko said: "
          "three in Darnytskyi district, one in Sviatoshynskyi and one in Solomianskyi, a woman hurt by "
          "broken glass.</p>", headline="Five injured in Kyiv", pinned=True),
    Entry("23:15", "pavlo-demchuk", "<p>Preliminary figures from the Air Force for the whole country: 86 drones "
          "and 19 missiles launched since 18:00; 71 drones and 15 missiles shot down or jammed.</p>",
          link="air_defence"),
    Entry("23:19", "bohdan-ilchenko", "<p>The alert in Kyiv is over after more than five hours. The all-clear "
          "was given at 23:17.</p>", headline="All clear in Kyiv"),
    Entry("23:22", "bohdan-ilchenko", "<p>The metro says its stations will stay open as shelters until "
          "midnight for anyone who cannot get home.</p>"),
    Entry("23:26", "bohdan-ilchenko", "<p>Our photographers were in Darnytskyi district, where neighbours spent "
          "the evening sweeping glass out of the courtyard and boarding up windows.</p>", photo="smoke"),
    Entry("23:29", "bohdan-ilchenko", "<p>The fire in the Sviatoshynskyi warehouse is contained, the State "
          "Emergency Service says. About 40 firefighters are still at the scene.</p>", photo="rescuers"),
    Entry("23:31", "pavlo-demchuk", "<p>A correction to our earlier count: the Air Force now says 88 drones "
          "were launched, not 86. The number shot down or jammed is unchanged.</p>"),
    Entry("23:33", "bohdan-ilchenko", "<p>Schools in Darnytskyi district will open an hour late tomorrow so that "
          "pupils who spent the evening in shelters can sleep, the district administration said.</p>"),
    Entry("23:35", "bohdan-ilchenko", "<p>Power is back for all but about 2,000 homes on the left bank, the grid "
          "operator says. The rest should have it by morning.</p>", link="energy"),
    Entry("23:37", "bohdan-ilchenko", "<p>If you need help tonight: the city's hotline 1551 takes reports of "
          "damage to homes, and the points of invincibility at schools on the left bank are open until "
          "morning.</p>"),
    Entry("23:39", "pavlo-demchuk", "<p>We will publish the full figures for tonight's attack in the morning, "
          "with a map of where drones and debris fell.</p>"),
    Entry("23:40", "bohdan-ilchenko", "<p>That is all from us for now. This page stays open: we will post here "
          "if anything changes overnight.</p>"),
]
# fmt: on
