"""Words, names and story templates for seed_demo.

Every person, outlet, quote and event here is made up for the demo; only the place names are real.
Templates are str.format() strings filled from the facts seed_demo draws for each story.
"""

from dataclasses import dataclass

SECTIONS = [
    ("News Feed", "news-feed"),
    ("Frontline", "frontline"),
    ("Politics", "politics"),
    ("Economy", "economy"),
    ("World", "world"),
]

# name, pronoun, role, beat, earlier outlets, studies, year joined, desks (story kinds covered), career highlight
# fmt: off
AUTHORS = [
    ("Kateryna Voloshyna", "she", "News Editor", "runs the day desk", ("the Dnipro Courier", "Hromada Radio"),
     "journalism at Taras Shevchenko National University of Kyiv", 2019, "strike air_defence energy exchange",
     "She led the Courier's coverage of the first weeks of the full-scale invasion from a basement newsroom."),
    ("Bohdan Ilchenko", "he", "Night Editor", "edits the overnight news feed",
     ("Eastern Wire", "the Left Bank Journal"), "history at Karazin Kharkiv National University", 2020,
     "strike air_defence energy",
     "He built the Ledger's overnight alert rota, which has not missed an air raid siren since 2022."),
    ("Dmytro Pasichnyk", "he", "Senior Correspondent", "covers the front line in the east",
     ("Northern Signal TV", "the Steppe Dispatch"), "international relations at Lviv University", 2018,
     "frontline evacuation strike", "He has reported from every front-line region and trained as a combat medic."),
    ("Iryna Tkachuk", "she", "Correspondent", "reports from Kharkiv and Sumy",
     ("Slobozhanshchyna Daily", "Eastern Wire"), "philology at Karazin Kharkiv National University", 2021,
     "strike evacuation energy", "Her series on Kharkiv's underground schools won a regional press award."),
    ("Maksym Rudenko", "he", "Correspondent", "covers Odesa, Mykolaiv and the Black Sea",
     ("the Black Sea Herald", "Port City FM"), "economics at Odesa National University", 2020,
     "strike economy air_defence", "He spent a year on the grain corridor beat, riding along with port pilots."),
    ("Alina Fedoruk", "she", "Correspondent", "reports from Zaporizhzhia and Kherson",
     ("the Left Bank Journal", "Hromada Radio"), "journalism at Zaporizhzhia National University", 2022,
     "strike frontline evacuation", "She was among the first reporters to enter Kherson after its liberation."),
    ("Sofiia Lesyk", "she", "Politics Correspondent", "covers parliament and the government",
     ("Capital Evening News", "the Podil Weekly"), "law at the National University of Kyiv-Mohyla Academy", 2019,
     "politics exchange", "She has covered every vote on martial law since February 2022."),
    ("Anton Herasymenko", "he", "Economy Correspondent", "writes about money, energy and reconstruction",
     ("the Steppe Dispatch", "Business Quarter"), "finance at the Kyiv School of Economics", 2021,
     "economy energy", "Before journalism he worked for four years as a bank analyst in Dnipro."),
    ("Yuliia Bilous", "she", "Foreign Editor", "edits the World section", ("Carpathian Review", "Eastern Wire"),
     "international journalism at Ivan Franko National University of Lviv", 2018, "world politics",
     "She has reported from Brussels, Warsaw and Vilnius on Ukraine's path to the European Union."),
    ("Pavlo Demchuk", "he", "Data Reporter", "turns attack and aid figures into charts",
     ("Business Quarter", "the Podil Weekly"), "applied mathematics at Kyiv Polytechnic Institute", 2023,
     "air_defence economy energy", "He maintains the Ledger's database of overnight drone and missile attacks."),
    ("Olena Hrytsenko", "she", "Photo Editor", "leads the photo desk", ("Ledger Wire", "Northern Signal TV"),
     "photography at the Kyiv National University of Culture and Arts", 2018, "strike frontline",
     "Her photographs of Kharkiv's metro shelters were exhibited in Kraków and Tallinn."),
    ("Mykyta Savchuk", "he", "Staff Photographer", "photographs the war's front and rear",
     ("the Black Sea Herald", "Ledger Wire"), "design at the Kharkiv State Academy of Design and Arts", 2020,
     "frontline evacuation", "He documents the reconstruction of villages in Kharkiv region, house by house."),
    ("Nazar Kravets", "he", "Video Producer", "produces the Ledger's video reports",
     ("Northern Signal TV", "Port City FM"), "film directing at the Karpenko-Karyi University in Kyiv", 2021,
     "video", "His short documentary on volunteer rescuers in Kherson was shown at two European festivals."),
    ("Marta Yurchenko", "she", "Video Producer", "films and edits video stories",
     ("Capital Evening News", "Hromada Radio"), "journalism at Taras Shevchenko National University of Kyiv", 2022,
     "video", "She specialises in long-form interviews with families rebuilding after occupation."),
]
# fmt: on

# key, photographer, source, url, may_syndicate
CREDITS = [
    ("hrytsenko", "Olena Hrytsenko", "Ledger Wire", "", True),
    ("savchuk", "Mykyta Savchuk", "Ledger Wire", "", True),
    ("wire", "", "Ledger Wire", "", True),
    ("northbridge", "", "Northbridge Press Agency", "", False),
    ("telegram", "", "Telegram channel of the regional administration", "", False),
    ("rescue", "", "State Emergency Service", "https://dsns.gov.ua/", True),
    ("staff", "", "Press service of the General Staff", "", False),
    ("kostenko", "Dariia Kostenko", "Eastline Photo", "", False),
    ("hnatiuk", "Taras Hnatiuk", "", "", False),
]


@dataclass(frozen=True)
class Place:
    name: str
    region: str
    official: str
    title: str
    background: str
    frontier: bool = False


def _governor(region):
    return f"head of the {region} regional military administration"


# fmt: off
PLACES = [
    Place("Kharkiv", "Kharkiv", "Mykhailo Ostapenko", _governor("Kharkiv"),
          "Kharkiv, Ukraine's second-largest city, lies about 30 kilometres from the Russian border.", True),
    Place("Sumy", "Sumy", "Roman Hlushko", _governor("Sumy"),
          "Sumy is roughly 30 kilometres from the Russian border and is shelled almost every day.", True),
    Place("Zaporizhzhia", "Zaporizhzhia", "Serhii Dovhan", _governor("Zaporizhzhia"),
          "Zaporizhzhia, a regional capital of about 700,000 people before the war, is some 35 kilometres from "
          "the southern front line.", True),
    Place("Kherson", "Kherson", "Andrii Palamarchuk", _governor("Kherson"),
          "Kherson, liberated in November 2022, is shelled from Russian positions across the Dnipro River.", True),
    Place("Nikopol", "Dnipropetrovsk", "Viktor Yaremchuk", _governor("Dnipropetrovsk"),
          "Nikopol lies across the Dnipro from the Russian-occupied Zaporizhzhia nuclear power plant.", True),
    Place("Kramatorsk", "Donetsk", "Vasyl Humeniuk", _governor("Donetsk"),
          "Kramatorsk, one of the largest cities in Donetsk region still under Ukrainian control, is about "
          "20 kilometres from the front line.", True),
    Place("Sloviansk", "Donetsk", "Vasyl Humeniuk", _governor("Donetsk"),
          "Sloviansk, just north of Kramatorsk, has been within range of Russian artillery and glide bombs for "
          "more than two years.", True),
    Place("Chernihiv", "Chernihiv", "Petro Kovalchuk", _governor("Chernihiv"),
          "Chernihiv, about 60 kilometres from the border with Belarus, was encircled in the first weeks of the "
          "full-scale invasion.", True),
    Place("Dnipro", "Dnipropetrovsk", "Viktor Yaremchuk", _governor("Dnipropetrovsk"),
          "Dnipro, an industrial city on the river of the same name, is a hub for evacuees and for soldiers "
          "wounded in the east."),
    Place("Kryvyi Rih", "Dnipropetrovsk", "Viktor Yaremchuk", _governor("Dnipropetrovsk"),
          "Kryvyi Rih, an iron-ore mining centre, stretches for more than 60 kilometres along its river valley."),
    Place("Odesa", "Odesa", "Oleksii Marchenko", _governor("Odesa"),
          "Odesa, Ukraine's largest port, handles most of the country's seaborne grain exports."),
    Place("Mykolaiv", "Mykolaiv", "Bohdan Lytvynenko", _governor("Mykolaiv"),
          "Mykolaiv, a shipbuilding city near the Black Sea coast, has been a frequent target since 2022."),
    Place("Kyiv", "Kyiv", "Yurii Zinchenko", "head of the Kyiv city military administration",
          "Kyiv is usually attacked at night, in combined waves of drones and cruise and ballistic missiles."),
    Place("Poltava", "Poltava", "Halyna Shevel", _governor("Poltava"),
          "Poltava, in central Ukraine, is home to military training grounds and a large railway junction."),
    Place("Lviv", "Lviv", "Ostap Danyliv", _governor("Lviv"),
          "Lviv, about 70 kilometres from the Polish border, is far from the front but not out of missile range."),
]
# fmt: on

FRONTS = [
    ("Kupiansk", "Kupiansk, a railway junction on the Oskil River, was occupied in 2022 and liberated that autumn."),
    ("Lyman", "Lyman, a railway town in northern Donetsk region, was liberated by Ukrainian troops in October 2022."),
    ("Siversk", "Siversk sits on the road between Lysychansk and Sloviansk and has been shelled almost daily."),
    ("Kostiantynivka", "Kostiantynivka, an industrial town on the road to Kramatorsk, is hit by glide bombs daily."),
    ("Orikhiv", "Orikhiv, in Zaporizhzhia region, has been within a few kilometres of the front since 2022."),
    ("Huliaipole", "Huliaipole has lost most of its pre-war population of about 13,000 to shelling and evacuation."),
    ("Vovchansk", "Vovchansk, about five kilometres from the Russian border, has been almost entirely destroyed."),
]

COUNTRIES = ["Poland", "Germany", "the Netherlands", "Denmark", "Canada", "Japan", "Norway", "Finland", "Lithuania"]
SUMMIT_CITIES = ["Warsaw", "Vilnius", "Copenhagen", "Brussels", "Rome", "Tallinn", "Prague"]
TARGETS = [
    ("apartment block", "a nine-storey apartment block"),
    ("school", "a school building in a residential area"),
    ("hospital", "the grounds of a city hospital"),
    ("railway station", "the area around the railway station"),
    ("market", "a covered market in the city centre"),
    ("petrol station", "a petrol station on the city's outskirts"),
    ("private houses", "a neighbourhood of private houses"),
    ("supermarket", "a supermarket car park during opening hours"),
    ("office building", "a five-storey office building"),
    ("warehouse", "a logistics warehouse"),
]
REAR_WEAPONS = [("drone", "drones"), ("missile", "missiles"), ("ballistic missile", "ballistic missiles")]
FRONTIER_WEAPONS = [("glide bomb", "glide bombs"), ("drone", "drones"), ("artillery shell", "artillery shells")]
BILLS = [
    "raise combat pay for front-line troops",
    "simplify rebuilding permits for damaged homes",
    "create a public register of war damage",
    "extend housing support for displaced people",
    "tighten rules for customs declarations",
    "set a fixed term of service for mobilised soldiers",
    "speed up compensation for destroyed property",
    "open state archives of the Soviet secret police",
    "ban gambling advertising during martial law",
    "let veterans retrain at state expense",
]
# Roles that join a byline but never lead it
CO_AUTHOR_ROLES = {"Photo Editor", "Staff Photographer"}
AID_ITEMS = ["air defence missiles", "artillery ammunition", "armoured vehicles", "demining equipment",
             "power generators", "interceptor drones"]  # fmt: skip

# How a quote is attributed where the story first names its speaker
ATTRIBUTIONS = [
    "<blockquote><p>“{quote},” said {speaker}, {speaker_title}.</p></blockquote>",
    "<p>“{quote},” {speaker}, {speaker_title}, wrote on Telegram.</p>",
    "<p>“{quote},” {speaker}, {speaker_title}, told reporters.</p>",
    "<blockquote><p>“{quote},” {speaker}, {speaker_title}, said in a statement.</p></blockquote>",
    "<p>{speaker}, {speaker_title}, said: “{quote}.”</p>",
]
# For a speaker already named in the story
LATER_ATTRIBUTIONS = [
    "<p>“{quote},” {surname} said.</p>",
    "<blockquote><p>“{quote},” {surname} wrote on Telegram.</p></blockquote>",
    "<p>“{quote},” {surname} told reporters.</p>",
    "<p>“{quote},” {surname} added.</p>",
]
DISCLAIMER = "<p>The Kyiv Ledger could not independently verify the claims.</p>"
# Editors' captions that replace a photo's own on some breaking stories
CAPTION_OVERRIDES = (
    "The scene{location} on {weekday}, {date}.",
    "Hours after the attack{location}, {date}.",
    "{place_name} on {date}, after the overnight attack.",
)


@dataclass(frozen=True)
class StoryKind:
    """One kind of story and the templates its headline, summary and body are drawn from.

    Any template, and any speaker's name, may start with a "[topic] " marker: once the headline is drawn,
    the rest of the story uses only templates of the headline's topic or of none.
    """

    key: str
    count: int
    sections: tuple  # section slugs, drawn at random; repeat one to weight it
    places: str  # "any", "frontier", "front", or "national" (no place in the story)
    themes: tuple
    headlines: tuple
    summaries: tuple
    leads: tuple
    details: tuple
    quotes: tuple
    backgrounds: tuple
    closers: tuple
    photos: tuple  # (alt text, caption) or (alt text, caption, scene)
    credits: tuple  # CREDITS keys
    scene: str  # default picture for photos that name none
    speakers: tuple = ()  # (name, title) pairs; empty: the place's official speaks
    breaking: bool = False  # breaking stories usually carry the DISCLAIMER
    tags: tuple = ("{city}",)  # always added, filled from the facts; themes are sampled


EARLIER = [
    "On {earlier_date}, {earlier_weapon} attack on {earlier_target} killed {earlier_killed}.",
    "It was not the first deadly attack on the city: on {earlier_date}, {earlier_killed} died when "
    "{earlier_weapon} hit {earlier_target}.",
    "Less than a month ago, on {earlier_date}, {earlier_killed} were killed in a strike on {earlier_target}.",
]

KINDS = [
    StoryKind(
        key="strike",
        count=22,
        sections=("news-feed",),
        places="any",
        breaking=True,
        themes=("Drones", "Missiles", "Civilian casualties", "Air defence", "Rescue work"),
        headlines=(
            "{Weapon} strike on {target_short} in {city} kills {killed}, injures {injured}",
            "{killed} killed, {injured} injured as Russian {weapon_plural} hit {city}",
            "Russian {weapon} hits {target_short} in {city}; death toll rises to {killed}",
            "{city}: {injured} injured, {killed} dead after {weapon} attack on {target_short}",
            "Russia strikes {city} with {weapon_plural}, killing {killed}",
        ),
        summaries=(
            "A Russian {weapon} hit {target} in {city}, killing {killed_people} and injuring {injured_people}. "
            "Rescuers were still searching the site.",
            "{Killed_people} died and {injured_people} were hurt in a strike on {city}, officials said.",
            "The attack on {city} damaged {target} and nearby homes. Authorities say {killed_people} were killed.",
        ),
        leads=(
            "<p>A Russian {weapon} struck {target} in {city} {time_phrase}, killing {killed_people} and injuring "
            "{injured_people}, regional authorities said.</p>",
            "<p>{Killed_people} were killed and {injured_people} injured when a Russian {weapon} hit {target} in "
            "{city} {time_phrase}, {speaker}, {speaker_title}, said.</p>",
            "<p>Russian forces attacked {city} with {weapon_plural} {time_phrase}, hitting {target}. The death toll "
            "had risen to {killed} by the evening, with {injured} people injured.</p>",
        ),
        details=(
            "<p>Several of the injured were taken to hospital, {serious_people} of them in a serious condition, "
            "the regional health department said.</p>",
            "<p>The blast shattered windows in neighbouring buildings and set cars on fire. Firefighters needed "
            "{fire_hours} hours to put out the blaze.</p>",
            "<p>Rescuers pulled {rescued_people} from the rubble. Search work continued into the night as cranes "
            "lifted collapsed concrete slabs.</p>",
            "<p>The city set up an aid point near the site, where residents could get hot food, plastic sheeting "
            "for broken windows and help with documents.</p>",
            "<p>Power and water were briefly cut in parts of the {district} district, the city council said.</p>",
        ),
        quotes=(
            "Rescuers are still working at the site, and we cannot rule out that more people are under the rubble",
            "This was a deliberate strike on a residential area, with no military targets anywhere nearby",
            "Everyone who lost a home will get help. Crews have already started boarding up the windows",
            "Please do not ignore the air raid alerts. The enemy is targeting places where people gather",
            "Doctors are fighting for the lives of the injured. I ask everyone who can to donate blood",
        ),
        backgrounds=("<p>{background} {earlier}</p>",),
        closers=(
            "<p>Russia denies deliberately targeting civilians, despite evidence of strikes on homes, hospitals "
            "and schools since the full-scale invasion began in February 2022.</p>",
            "<p>The city declared {next_day} a day of mourning.</p>",
            "<p>Ukraine has repeatedly asked its partners for more air defence systems to protect its cities.</p>",
        ),
        photos=(
            ("Firefighters spray water on a burning building at night", "Firefighters at the site of the strike"),
            ("Rescuers clear rubble in front of a damaged apartment block", "Rescuers at work after the attack"),
            ("Residents look at a building with blown-out windows", "Residents outside a damaged building"),
        ),
        credits=("rescue", "telegram", "hrytsenko", "northbridge"),
        scene="city_night",
    ),
    StoryKind(
        key="air_defence",
        count=8,
        sections=("news-feed",),
        places="any",
        breaking=True,
        themes=("Drones", "Air defence", "Missiles"),
        speakers=(("Viktor Kostiuk", "a spokesperson for Ukraine's Air Force"),),
        headlines=(
            "Air defence downs {downed} of {drones} drones launched overnight, Air Force says",
            "Russia launches {drones} drones and {missiles} missiles at Ukraine; {downed} drones shot down",
            "Overnight attack: Ukraine says it intercepted {downed} drones over {regions} regions",
        ),
        summaries=(
            "Russia attacked overnight with {drones} drones and {missiles} missiles. Debris fell on {city}.",
            "The Air Force says {downed} of {drones} drones were shot down or jammed. Hits were recorded in "
            "{regions} regions.",
        ),
        leads=(
            "<p>Russia attacked Ukraine overnight with {drones} attack drones and decoys, as well as {missiles} "
            "missiles, the Air Force said on {weekday} morning. Air defence units shot down or jammed {downed} "
            "of the drones.</p>",
            "<p>Ukrainian air defence destroyed {downed} of the {drones} drones Russia launched overnight, the Air "
            "Force said, adding that {missiles} missiles had also been fired at targets across the country.</p>",
        ),
        details=(
            "<p>In {city}, falling debris damaged {target} and injured {injured_people}, {speaker_local}, "
            "{speaker_local_title}, said.</p>",
            "<p>Mobile fire groups, crews with machine guns mounted on pickups, accounted for a large share of the "
            "drones destroyed, according to the Air Force.</p>",
            "<p>The air raid alert in {city} lasted more than {fire_hours} hours, and explosions were heard "
            "across the city as air defence worked.</p>",
        ),
        quotes=(
            "The enemy is changing tactics, sending drones in waves to overload our air defence",
            "Mobile fire groups did an excellent job tonight, but every drone that gets through is someone's home",
            "We need more interceptors, and we need them before the winter",
        ),
        backgrounds=(
            "<p>Russia has sharply increased the number of long-range drones it launches each night, and large "
            "attacks often combine them with cruise and ballistic missiles. {background}</p>",
        ),
        closers=("<p>Russia's Defence Ministry said it had struck military-industrial targets.</p>",),
        photos=(
            ("Searchlights sweep a night sky over city rooftops", "Air defence at work over the city"),
            ("Tracer fire rises above a dark skyline", "Air defence fire during the overnight attack"),
        ),
        credits=("wire", "kostenko", "hnatiuk"),
        scene="city_night",
    ),
    StoryKind(
        key="energy",
        count=8,
        sections=("news-feed", "news-feed", "economy"),
        places="any",
        breaking=True,
        themes=("Energy", "Power cuts", "Missiles"),
        speakers=(("Roman Tkachenko", "a deputy energy minister"), ("Nadiia Fesenko", "a grid operator spokesperson")),
        headlines=(
            "Strike on energy facility leaves {customers},000 without power in {region} region",
            "Power cuts return to {city} after overnight attack on the grid",
            "Repair crews restore power to {customers},000 homes in {city} after strike",
        ),
        summaries=(
            "An overnight attack damaged an energy facility near {city}. About {customers},000 customers lost power.",
            "Scheduled power cuts are back in {region} region while engineers repair the damage.",
        ),
        leads=(
            "<p>A Russian strike on an energy facility in {region} region {time_phrase} left about "
            "{customers},000 households without electricity, the grid operator said.</p>",
            "<p>Residents of {city} faced power cuts of up to {fire_hours} hours on {weekday} after Russian drones "
            "and missiles hit energy infrastructure in the region.</p>",
        ),
        details=(
            "<p>Hospitals and water utilities switched to backup generators, and the city opened heated "
            "“invincibility points” where people can charge phones and get hot drinks.</p>",
            "<p>Engineers began repairs as soon as the air raid alert ended. Power was restored to critical "
            "infrastructure within {repair_hours} hours.</p>",
            "<p>The grid operator asked consumers to limit their use of electric heaters, kettles and washing "
            "machines in the evening peak.</p>",
        ),
        quotes=(
            "The damage is serious, but our crews have repaired worse, and they are already on site",
            "We are importing electricity from the EU at the maximum capacity the interconnectors allow",
            "Russia is trying to freeze people into surrender. It did not work last winter and will not work now",
        ),
        backgrounds=(
            "<p>Russia has attacked Ukraine's power plants and substations in repeated waves since the autumn of "
            "2022. {background}</p>",
        ),
        closers=("<p>The Kyiv Ledger publishes the day's outage schedules on its News Feed each morning.</p>",),
        photos=(
            ("A repair crew in a bucket truck works on power lines at dusk", "Engineers repair damaged power lines"),
            ("A street lit only by car headlights during a blackout", "A street during scheduled power cuts"),
        ),
        credits=("wire", "savchuk", "telegram"),
        scene="grid",
    ),
    StoryKind(
        key="evacuation",
        count=5,
        sections=("news-feed", "frontline"),
        places="frontier",
        themes=("Evacuation", "Displaced people", "Children"),
        headlines=(
            "Mandatory evacuation ordered for {settlements} villages in {region} region",
            "Families with children to leave {settlements} settlements near {city} as shelling intensifies",
        ),
        summaries=(
            "Authorities ordered families with children to leave {settlements} settlements near {city}. About "
            "{evacuees} people still live there.",
            "Shelling near {city} has forced another evacuation. Buses and trains will take people west.",
        ),
        leads=(
            "<p>Authorities ordered the mandatory evacuation of families with children from {settlements} "
            "settlements in {region} region on {weekday}, citing intensifying Russian shelling.</p>",
            "<p>About {evacuees} people, including {children} children, are to leave villages near {city} as "
            "Russian attacks on the area grow heavier, {speaker}, {speaker_title}, said.</p>",
        ),
        details=(
            "<p>Evacuees will be taken to a transit centre in {city} and then by train to western regions, where "
            "they can receive temporary housing and a monthly allowance.</p>",
            "<p>Volunteers said many elderly residents were refusing to leave, some because they had nowhere to "
            "go and others because they did not want to abandon their animals.</p>",
            "<p>Police and rescuers will go door to door to make sure every family has been informed.</p>",
        ),
        quotes=(
            "Staying there with children is simply too dangerous now. I ask people not to wait",
            "Every family will get transport, a place to stay and help with the first payments",
        ),
        backgrounds=("<p>{background} {earlier}</p>",),
        closers=("<p>More than 3.5 million Ukrainians are displaced within the country, according to the UN.</p>",),
        photos=(
            ("Women and children board an evacuation bus", "Residents board an evacuation bus"),
            ("Volunteers help an elderly man with his bags at a railway platform", "Evacuees at a railway station"),
        ),
        credits=("savchuk", "rescue", "kostenko"),
        scene="field",
    ),
    StoryKind(
        key="frontline",
        count=12,
        sections=("frontline",),
        places="front",
        breaking=True,
        themes=("Frontline", "Donbas", "Drones", "Artillery"),
        speakers=(
            ("Serhii Horbenko", "a spokesperson for a mechanised brigade fighting in the area"),
            ("Ivanna Rybak", "a spokesperson for the army group in the sector"),
        ),
        tags=("{front}",),
        headlines=(
            "[assaults] Russian forces step up assaults near {front}, General Staff says",
            "[assaults] Ukrainian troops repel {assaults} attacks near {front} in a day",
            "[assaults] Fighting intensifies near {front} as Russia tries to cut a supply road",
            "[column] Drone units destroy Russian armoured column near {front}, brigade says",
        ),
        summaries=(
            "[assaults] Russia launched {assaults} assaults near {front} in 24 hours, the General Staff said.",
            "[assaults] Ukrainian units say they held their positions near {front} despite heavy shelling.",
            "[column] Drone crews hit {vehicles} armoured vehicles near {front}. The column was stopped before it "
            "reached Ukrainian trenches, the brigade said.",
        ),
        leads=(
            "[assaults] <p>Russian forces launched {assaults} assaults on Ukrainian positions near {front} over the "
            "past day, Ukraine's General Staff said on {weekday}, making it one of the most active sections of the "
            "front.</p>",
            "[assaults] <p>Ukrainian troops repelled {assaults} Russian attacks near {front} on {weekday}, the "
            "military said, as Russian units tried to advance in small groups under cover of fog.</p>",
            "[column] <p>Ukrainian drone units destroyed {vehicles} Russian armoured vehicles as a column tried to "
            "advance near {front} on {weekday}, the brigade holding the sector said.</p>",
        ),
        details=(
            "<p>Russian troops are increasingly using motorbikes and buggies to cross open ground quickly, "
            "Ukrainian soldiers in the area told the Ledger.</p>",
            "[assaults] <p>Drone operators destroyed {vehicles} armoured vehicles and several artillery pieces, "
            "according to the brigade holding the sector.</p>",
            "[column] <p>Video released by the brigade shows drones striking tanks and infantry carriers on a dirt "
            "road, and soldiers fleeing into a tree line.</p>",
            "<p>The road into {front} is now under constant watch by Russian drones, and supplies travel mostly "
            "at night.</p>",
        ),
        quotes=(
            "They come in groups of two or three, again and again, and our drones meet them",
            "The situation is difficult but under control. We are not giving up a single position for free",
            "[assaults] Fog is their best friend right now. When it lifts, our drone crews get to work",
            "[column] They tried to break through with armour in daylight. It did not end well for them",
        ),
        backgrounds=(
            "<p>{front_background} Earlier this month the General Staff reported {assaults2} Russian assaults in "
            "the area in a single day.</p>",
        ),
        closers=("<p>Russia's Defence Ministry claimed its troops had improved their positions in the area.</p>",),
        photos=(
            ("A soldier launches a small drone from a field", "A drone operator at work"),
            ("An armoured vehicle drives along a muddy road between trees", "A supply road"),
            ("Soldiers unload ammunition boxes from a truck", "Soldiers unload ammunition"),
        ),
        credits=("staff", "savchuk", "hnatiuk"),
        scene="field",
    ),
    StoryKind(
        key="politics",
        count=10,
        sections=("politics",),
        places="national",
        themes=("Parliament", "Reform", "Martial law", "Veterans"),
        speakers=(
            ("Oksana Didenko", "who chairs parliament's committee on national security"),
            ("Hennadii Pavlenko", "an opposition MP"),
            ("Liudmyla Ostrovska", "a deputy prime minister"),
        ),
        tags=("Verkhovna Rada",),
        headlines=(
            "[vote] Parliament votes to {bill} in first reading",
            "[vote] Verkhovna Rada passes bill to {bill}, with {votes} MPs in favour",
            "[proposal] Cabinet proposes bill to {bill}; vote expected next week",
        ),
        summaries=(
            "[vote] Lawmakers backed a bill to {bill}, with {votes} votes in the 450-seat chamber. It needs a "
            "second reading before it can become law.",
            "[proposal] The government wants to {bill}. Critics say the plan is underfunded.",
        ),
        leads=(
            "[vote] <p>Ukraine's parliament on {weekday} voted to {bill}, with {votes} MPs in favour, more than the "
            "226 needed for the bill to pass.</p>",
            "[proposal] <p>The government has submitted a bill to {bill}, the cabinet's press service said on "
            "{weekday}. A first vote is expected within weeks.</p>",
        ),
        details=(
            "[vote] <p>The bill must pass a second reading and be signed into law before it takes effect. MPs "
            "have two weeks to submit amendments.</p>",
            "<p>The Finance Ministry estimates the cost at about {amount} billion hryvnias a year.</p>",
            "<p>Anti-corruption campaigners welcomed the bill but warned that several amendments could weaken "
            "oversight.</p>",
        ),
        quotes=(
            "This is a debt we owe to the people who defend us, and we intend to pay it",
            "The idea is right, but the money is not in the budget, and everybody in this chamber knows it",
            "European partners have been waiting for this decision for a long time",
        ),
        backgrounds=(
            "<p>Martial law, in force since February 2022, bars elections and limits some legislative powers. "
            "Parliament has extended it every 90 days.</p>",
        ),
        closers=("[vote] <p>The Kyiv Ledger will publish a full breakdown of the vote by faction.</p>",),
        photos=(
            ("[vote] Lawmakers raise their hands in a plenary hall", "Lawmakers during a session in Kyiv"),
            ("[proposal] A minister speaks at a podium with flags behind her", "A minister at a briefing in Kyiv"),
        ),
        credits=("wire", "hrytsenko", "northbridge"),
        scene="hall",
    ),
    StoryKind(
        key="economy",
        count=9,
        sections=("economy",),
        places="national",
        themes=("Economy", "Reconstruction"),
        speakers=(
            ("[rates] Larysa Voitenko", "a deputy governor of the central bank"),
            ("Yaroslav Hnatyshyn", "chief economist at the Kyiv Policy Lab"),
            ("[grain] Oleksandra Pylypets", "head of a grain traders' association in Odesa"),
            ("[jobs] Iryna Zhuravska", "who runs a metalworking company in Dnipro"),
        ),
        tags=(
            "[rates] Inflation",
            "[rates] National Bank",
            "[grain] Grain",
            "[grain] Odesa",
            "[bonds] Budget",
            "[housing] Rebuilding",
            "[jobs] Labour market",
        ),
        headlines=(
            "[rates] Central bank holds key rate at {rate}% as inflation slows to {inflation}%",
            "[rates] Annual inflation eases to {inflation}% in {month}",
            "[grain] Grain exports through Black Sea ports reach {tonnes} million tonnes in {month}",
            "[bonds] Ukraine raises {amount} billion hryvnias in war bonds",
            "[housing] Government pays compensation for {homes} damaged homes in {month}",
            "[jobs] Unemployment falls to {unemployment}% as employers struggle to hire",
        ),
        summaries=(
            "[rates] The central bank kept its key rate at {rate}%. Inflation slowed to {inflation}% in {month}.",
            "[grain] Exports through the Odesa ports reached {tonnes} million tonnes in {month}, the ministry said.",
            "[bonds] Demand for war bonds stayed strong, with banks buying most of the {amount} billion hryvnias "
            "on offer.",
            "[housing] Owners of {homes} damaged homes received repair vouchers in {month}, the reconstruction "
            "ministry said.",
            "[jobs] More than half of employers surveyed could not fill vacancies. Unemployment fell to "
            "{unemployment}%.",
        ),
        leads=(
            "[rates] <p>Ukraine's central bank kept its key policy rate at {rate}% on {weekday}, saying inflation "
            "had slowed to {inflation}% in {month} but risks from the war remained high.</p>",
            "[grain] <p>Ukraine exported {tonnes} million tonnes of grain and oilseeds through its Black Sea ports "
            "in {month}, the agriculture ministry said, despite repeated strikes on port infrastructure.</p>",
            "[bonds] <p>The Finance Ministry raised {amount} billion hryvnias at a war-bond auction on {weekday}, "
            "with banks buying most of the issue.</p>",
            "[housing] <p>The government paid compensation for {homes} homes damaged by Russian attacks in "
            "{month}, the reconstruction ministry said on {weekday}. Most payments were vouchers for windows, roofs "
            "and doors.</p>",
            "[jobs] <p>Ukraine's unemployment rate fell to {unemployment}% in {month}, the central bank estimated "
            "on {weekday}, as mobilisation and emigration left employers short of staff.</p>",
        ),
        details=(
            "[rates] <p>Food prices, which rose sharply after a poor harvest, were the main driver of inflation, "
            "the bank said.</p>",
            "[grain] <p>War-risk insurance for ships calling at Odesa ports has fallen since the start of the year, "
            "shipping agents said.</p>",
            "[bonds] <p>Individuals can buy the bonds through banking apps, and retail holdings have grown "
            "steadily since 2022.</p>",
            "[housing] <p>Owners apply through the state services app; inspectors visit within a month to "
            "assess the damage.</p>",
            "[jobs] <p>Builders, drivers and welders are the hardest to find, and several companies now train "
            "women for jobs that were mostly done by men.</p>",
            "<p>Foreign aid covers most of Ukraine's non-military spending, while tax revenue pays for the army.</p>",
        ),
        quotes=(
            "[rates] We see inflation slowing, but it is too early to cut. Energy attacks can change the picture",
            "[grain] The ports are working at close to pre-war capacity, which is remarkable given the attacks",
            "[bonds] Households are saving more in hryvnias, and that is a sign of confidence",
            "[housing] People want to fix their homes before winter, and the vouchers let them start now",
            "[jobs] We raise wages every quarter and still cannot find welders",
            "The economy is holding up better than anyone expected, but the war sets the limits",
        ),
        backgrounds=(
            "<p>The economy shrank by about a third in 2022 and has grown modestly since, helped by exports "
            "through the Black Sea corridor that Ukraine opened in 2023.</p>",
        ),
        closers=("[rates] <p>The central bank's next rate decision is due in six weeks.</p>",),
        photos=(
            ("[grain] A cargo ship is loaded with grain at a port terminal", "Grain loading at a port near Odesa"),
            ("[rates] A woman buys vegetables at a market stall", "A market in Kyiv", "city_day"),
            ("[bonds] Customers queue at a bank branch in a city street", "A bank branch in Kyiv", "city_day"),
            ("[housing] Workers fit a new window in a damaged house", "Repairs to a damaged home", "city_day"),
            ("[jobs] Workers weld steel beams in a factory hall", "A factory in Dnipro", "hall"),
        ),
        credits=("wire", "northbridge", "kostenko"),
        scene="port",
    ),
    StoryKind(
        key="world",
        count=8,
        sections=("world",),
        places="national",
        themes=("Diplomacy", "European Union"),
        speakers=(
            ("Taras Mazurenko", "Ukraine's foreign minister"),
            ("Ingrid Vestergaard", "a senior EU diplomat"),
        ),
        tags=(
            "[aid] Military aid",
            "[aid] {Country}",
            "[sanctions] Sanctions",
            "[summit] {summit_city}",
            "[visit] {Country}",
            "[accession] EU accession",
        ),
        headlines=(
            "[aid] {Country} pledges new aid package including {aid_item}",
            "[sanctions] EU adds {tankers} shadow-fleet tankers to its Russia sanctions list",
            "[summit] Ministers from {nations} countries meet in {summit_city} on Ukraine's reconstruction",
            "[visit] Prime minister of {country} visits Kyiv, pledges help with air defence",
            "[accession] EU opens new chapter of membership talks with Ukraine",
        ),
        summaries=(
            "[aid] {Country} will send {aid_item} worth about {aid_millions} million euros, officials said.",
            "[sanctions] The new listings target tankers that carry Russian oil above the price cap, EU officials "
            "said.",
            "[summit] Ministers meeting in {summit_city} discussed defence production and rebuilding energy networks.",
            "[visit] The visit came hours after an overnight attack on the capital. Talks focused on air defence "
            "and energy.",
            "[accession] The talks cover the rule of law and public procurement, where Brussels wants faster reform.",
        ),
        leads=(
            "[aid] <p>{Country} will send Ukraine a new aid package worth about {aid_millions} million euros, "
            "including {aid_item}, its defence ministry said on {weekday}.</p>",
            "[sanctions] <p>European Union governments agreed on {weekday} to add {tankers} tankers to the list of "
            "ships barred from EU ports and services, diplomats said.</p>",
            "[summit] <p>Ministers from {nations} countries met in {summit_city} on {weekday} to discuss how to fund "
            "Ukraine's reconstruction and increase weapons production.</p>",
            "[visit] <p>The prime minister of {country} arrived in Kyiv on {weekday} on an unannounced visit and "
            "promised more help with air defence and repairs to the power grid.</p>",
            "[accession] <p>The European Union on {weekday} opened a new group of chapters in membership talks "
            "with Ukraine, a step officials in Kyiv called the most important since talks began.</p>",
        ),
        details=(
            "[aid] <p>Part of the package will be financed from profits on frozen Russian central bank assets.</p>",
            "<p>Ukraine has asked partners to fund production at Ukrainian factories, which it says can make "
            "drones and shells faster and more cheaply.</p>",
            "[sanctions] <p>The ships sail under flags of convenience, often with unclear ownership and patchy "
            "insurance, Western officials say.</p>",
            "[summit] <p>Delegations also discussed how to repair power plants before the heating season.</p>",
            "[visit] <p>The visitor laid flowers at the memorial wall for fallen soldiers in central Kyiv.</p>",
            "[accession] <p>Ukraine must align thousands of laws with EU rules before it can join, a process that "
            "took earlier candidates a decade or more.</p>",
        ),
        quotes=(
            "[aid] Every air defence missile delivered this month is a life saved this winter",
            "Our support will last as long as it is needed, and we are putting that in writing",
            "[sanctions] The shadow fleet is a danger to the environment as well as a source of money for the war",
            "[accession] This is not a gift. It is the result of reforms passed in wartime",
        ),
        backgrounds=(
            "<p>Ukraine relies on Western partners for most of its air defence and long-range weapons, and for "
            "budget support that keeps schools and hospitals running.</p>",
        ),
        closers=("<p>The next meeting of the Ukraine Defence Contact Group is expected next month.</p>",),
        photos=(
            ("[summit] Ministers stand for a group photo in front of flags", "Ministers at the meeting"),
            ("[aid] Two officials shake hands at a news conference", "Officials after signing the agreement"),
            ("[sanctions] An oil tanker at anchor off a coast", "A tanker at anchor", "port"),
            ("[visit] A motorcade passes a sandbagged monument in central Kyiv", "The motorcade in Kyiv", "city_day"),
            ("[accession] Flags of the EU and Ukraine side by side in a conference hall", "At the opening of talks"),
        ),
        credits=("northbridge", "wire", "hrytsenko"),
        scene="hall",
    ),
    StoryKind(
        key="exchange",
        count=2,
        sections=("news-feed", "politics"),
        places="national",
        themes=("Prisoners of war", "Diplomacy"),
        speakers=(("Vitalii Skorokhod", "secretary of the prisoner-of-war coordination headquarters"),),
        tags=(),
        headlines=(
            "Ukraine brings home {pows} prisoners of war in latest exchange",
            "{pows} Ukrainian soldiers and civilians freed in prisoner swap",
        ),
        summaries=(
            "{pows} Ukrainians returned home in an exchange mediated by the United Arab Emirates, officials said.",
            "Most of the freed soldiers had been held since 2022. Some need long medical treatment.",
        ),
        leads=(
            "<p>Ukraine brought home {pows} prisoners of war on {weekday} in an exchange with Russia, officials "
            "said, including soldiers captured in 2022.</p>",
        ),
        details=(
            "<p>The freed prisoners will undergo medical checks and rehabilitation before meeting their families.</p>",
            "<p>Relatives waited at the border with photographs, hoping to find news of those still missing.</p>",
        ),
        quotes=(
            "Every exchange is the result of months of quiet work. We will bring everyone home",
            "Many of them were held in conditions that violate every convention",
        ),
        backgrounds=(
            "<p>Ukraine and Russia have held dozens of exchanges since 2022, often with mediation by "
            "Gulf states and Turkey.</p>",
        ),
        closers=(),
        photos=(("Freed soldiers wrapped in flags step off a bus", "Freed prisoners of war after the exchange"),),
        credits=("wire", "hrytsenko"),
        scene="field",
    ),
]

# headline, summary, section, place, tags, three paragraphs, (speaker, title, quote), (alt, caption), credit, scene
# fmt: off
VIDEOS = [
    ("Video: Kharkiv glaziers fix the windows after every strike",
     "A crew of four has replaced more than 10,000 windows since 2022. We spent a week with them.",
     "news-feed", "Kharkiv", ("Rebuilding", "Volunteers"),
     ("Within hours of every strike, the same white van pulls up outside the damaged building.",
      "The crew works from a list the city council updates every morning, starting with homes with children.",
      "Between jobs they cut plywood for the windows that cannot be glazed before winter."),
     ("Ruslan Demydenko", "the crew's foreman", "Glass is the first thing people need, before anything else"),
     ("Workers carry a large window pane into an apartment block", "Glaziers at work in Kharkiv"),
     "hrytsenko", "city_day"),
    ("Video: A night with a mobile air defence crew outside Kyiv",
     "Three volunteers, a pickup and a heavy machine gun: how mobile fire groups hunt drones in the dark.",
     "news-feed", "Kyiv", ("Air defence", "Drones"),
     ("The crew's shift begins at dusk, when the first radar reports come in from the north.",
      "On a busy night they move four or five times, chasing the sound of engines across the fields.",
      "Each crew logs every drone it hits; this one has 37 on its board since the spring."),
     ("Oleh Sirenko", "the crew's commander", "You hear it before you see it, and then you have seconds"),
     ("A pickup with a mounted machine gun stands in a field at dusk", "A mobile air defence crew near Kyiv"),
     "savchuk", "field"),
    ("Video: Farmers in Kherson region clear their own fields of mines",
     "With official demining years away, some farmers are hiring private teams. It is legal, and it is risky.",
     "economy", "Kherson", ("Demining", "Agriculture"),
     ("About a quarter of the farmland in the region may be contaminated with mines and unexploded shells.",
      "The farmer we followed has cleared 40 hectares this year and hopes to sow wheat in the spring.",
      "Deminers charge by the hectare, and a single field can cost more than a year's harvest."),
     ("Halyna Voronko", "a farmer near Kherson", "I can wait for the state, or I can feed my family"),
     ("A deminer in protective gear walks through a field with a detector", "Demining a field in Kherson region"),
     "kostenko", "field"),
    ("Video: Inside Odesa's port as the grain ships keep sailing",
     "Dockers, pilots and a ship's captain on keeping exports moving under the threat of missiles.",
     "economy", "Odesa", ("Grain", "Black Sea"),
     ("Cranes work around the clock at the terminal, stopping only when the air raid sirens sound.",
      "The pilots who guide ships out of the harbour say the route now feels almost routine.",
      "Dockers keep a shelter timetable taped to every crane cab, with the nearest bunker marked in red."),
     ("Dmytro Zaiets", "a harbour pilot", "The sea is the same sea. We have just learnt to read the sky"),
     ("Cranes load a bulk carrier at dusk in a sea port", "The grain terminal in Odesa"),
     "wire", "port"),
    ("Video: The evacuation train from Kramatorsk",
     "Every day a train leaves the east with families who have decided they can no longer stay.",
     "frontline", "Kramatorsk", ("Evacuation", "Railways"),
     ("The train leaves at noon, and by eleven the platform is full of bags, pets and pushchairs.",
      "Conductors say they can tell at a glance who is leaving for the first time and who for the last.",
      "Volunteers meet the train in Dnipro and Lviv with hot tea, SIM cards and lists of free housing."),
     ("Liubov Hrechko", "a conductor on the evacuation train", "We take everyone. Cats, dogs, once even a parrot"),
     ("Families with bags wait on a railway platform", "The evacuation train in Kramatorsk"),
     "savchuk", "city_day"),
    ("Video: Rebuilding a village school near Chernihiv",
     "The school was shelled in March 2022. This September, 112 children started lessons in the new building.",
     "news-feed", "Chernihiv", ("Rebuilding", "Education", "Children"),
     ("The old building was hit three times in the first month of the full-scale invasion.",
      "The new school has a shelter in the basement big enough for every pupil and teacher.",
      "Parents raised part of the money themselves, and a partner city in Europe paid for the roof."),
     ("Nataliia Kuzmenko", "the school's head teacher", "The children asked for one thing: big windows"),
     ("Children walk into a new brick school building", "Pupils arrive at the rebuilt school"),
     "hrytsenko", "city_day"),
    ("Video: Parliament's longest night — how the mobilisation law was passed",
     "Behind the scenes of a 14-hour session, from the first amendment to the final vote.",
     "politics", "Kyiv", ("Parliament", "Mobilisation"),
     ("MPs filed more than 4,000 amendments, and each had to be put to a vote or withdrawn.",
      "By the early hours the chamber was half empty, but the vote itself drew a full house.",
      "The law passed shortly after dawn, and most MPs went straight from the chamber to committee meetings."),
     ("Oksana Didenko", "who chairs parliament's committee on national security",
      "Nobody enjoyed this law, but the army needed it"),
     ("Lawmakers in a half-empty chamber late at night", "The plenary hall during the night session"),
     "northbridge", "hall"),
    ("Video: Warsaw's Ukrainian volunteers, three years on",
     "What happened to the volunteer hubs that sprang up in 2022, and who still runs them.",
     "world", "Warsaw", ("Poland", "Volunteers", "Displaced people"),
     ("The hub near the central station once handled thousands of arrivals a day; now it teaches Polish.",
      "Most volunteers we met had arrived as refugees themselves and stayed to help the next ones.",
      "The hub now runs on small grants and the evenings of its volunteers, many of them students."),
     ("Anna Kowalczyk", "a coordinator at the hub", "We stopped being an emergency and became a neighbourhood"),
     ("Volunteers sort boxes of clothes in a hall", "A volunteer hub in Warsaw"),
     "kostenko", "hall"),
]
# fmt: on

VIDEO_CLOSERS = (
    "<p>The Kyiv Ledger's video team filmed this report over {days} days in {month}.</p>",
    "<p>Produced by the Kyiv Ledger video desk. Filmed in {month}; some names have been shortened at the "
    "request of the people interviewed.</p>",
)

# Outside pages listed under a story of the given kind: (kind, url, title)
OUTSIDE_LINKS = [
    ("strike", "https://dsns.gov.ua/", "State Emergency Service of Ukraine"),
    ("economy", "https://bank.gov.ua/en/", "National Bank of Ukraine"),
    ("world", "https://www.consilium.europa.eu/en/", "Council of the European Union"),
]
