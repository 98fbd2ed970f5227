"""The demo newsroom: accounts, sections and stories.

Every company, model, place and person in these stories is invented; the texts
were written for this demo and are not taken from any publication.
"""

from dataclasses import dataclass, field
from datetime import timedelta

# Printed on every run; these accounts exist only on demo sites.
PASSWORD = "autoblog-demo"  # noqa: S105


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str  # a group name, "Reader" or "Superuser"
    # A newcomer's comments wait for a moderator until two are approved.
    newcomer: bool = False


ACCOUNTS = [
    Account("admin", "Site Admin", "Superuser"),
    Account("editor", "Elena Editor", "Editor"),
    Account("journalist", "Jonas Journalist", "Journalist"),
    Account("reporter", "Rosa Reporter", "Journalist"),
    Account("moderator", "Max Moderator", "Moderator"),
    Account("reader1", "Gearhead Greg", "Reader"),
    Account("reader2", "Pat Petrolhead", "Reader", newcomer=True),
]

SECTIONS = {
    "news": ("News", "Deals, factories, people and the business of building cars."),
    "recalls": (
        "Recalls",
        "Safety recalls, what they cover and what owners should do.",
    ),
    "electric": ("Electric", "Battery cars, charging and the road to zero tailpipes."),
    "reviews": ("Reviews", "First drives and long tests of new cars and trucks."),
}


@dataclass(frozen=True)
class Photo:
    body: str  # a key of photos.BODIES
    colour: str
    colour_name: str
    sky: str  # a key of photos.SKIES
    caption: str
    backdrop: str = "hills"
    roof_sensor: bool = False

    @property
    def alt(self) -> str:
        scenery = {
            "hills": "hills",
            "city": "a city skyline",
            "factory": "a car factory",
        }[self.backdrop]
        sensor = " with a sensor pod on its roof" if self.roof_sensor else ""
        sky = {"overcast": "an overcast sky"}.get(self.sky, f"a {self.sky} sky")
        return (
            f"Illustration of a {self.colour_name} {self.body}{sensor} on a road, "
            f"with {scenery} under {sky} behind it."
        )


@dataclass(frozen=True)
class PressRelease:
    title: str
    issuer: str
    full_text: str


@dataclass(frozen=True)
class Story:
    slug: str
    headline: str
    dek: str
    section: str
    tags: list[str]
    authors: list[str]
    photo: Photo
    body: str
    # How long before the demo is loaded the story went out; negative means
    # scheduled for later. None leaves the story unpublished.
    age: timedelta | None
    status: str = "published"
    documents: list[PressRelease] = field(default_factory=list)


STORIES = [
    Story(
        slug="tessaly-norvane-alliance-midsize-sedans",
        headline="Tessaly and Norvane team up to build each other's midsize sedans",
        dek=(
            "The two carmakers will share one sedan under two badges, a bet that "
            "the shrinking family-car market can still pay if the costs are split."
        ),
        section="news",
        tags=["alliances", "sedans", "Tessaly", "Norvane"],
        authors=["journalist"],
        age=timedelta(days=1, hours=3),
        photo=Photo(
            body="sedan",
            colour="#8e1f2c",
            colour_name="dark red",
            sky="dusk",
            caption=(
                "The shared sedan will be sold as the Tessaly Aurea and the "
                "Norvane Meridian."
            ),
        ),
        body="""\
<p>Tessaly Automobiles and the Norvane Motor Company announced on Tuesday that they \
will develop and build their next midsize sedans together, with the two cars \
sharing a platform, engines and most of their bodywork.</p>
<p>Under the agreement, Tessaly engineers will lead the design of the car, which \
goes on sale in Europe as the next Tessaly Aurea. Norvane will build both versions \
for North America at its Calder Springs plant and sell its own as the Norvane \
Meridian, with a different grille, lights and interior trim.</p>
<p>Neither company would say how much the deal is worth. Both said the shared car \
would cost each of them roughly a third less to bring to market than going it \
alone.</p>
<blockquote><p>"Buyers want more from a family sedan every year and are willing to \
pay less for it. We can fight that arithmetic alone, or we can change it \
together."</p><p>Ingrid Marsault, chief executive, Tessaly Automobiles</p>\
</blockquote>
<h2>A shrinking segment</h2>
<p>The midsize sedan was for decades the best-selling kind of car on both sides of \
the Atlantic. Crossovers have eaten into it steadily, and several makers have \
quietly stopped replacing their sedans when they grew old.</p>
<p>Dana Whitlock, an analyst at the research firm Redline Insight, said the \
alliance was a sensible hedge. "Neither of them can afford to walk away from \
sedans, and neither could afford to build one on its own for the volumes they \
sell now," she said. "Rebadging is not glamorous, but it keeps the lights on."</p>
<p>The first cars are due in showrooms in about two years. The companies said \
they would look at sharing other models, including a small crossover, but had \
made no decision.</p>
""",
        documents=[
            PressRelease(
                title=(
                    "Tessaly Automobiles and Norvane Motor Company agree to "
                    "co-develop midsize sedans"
                ),
                issuer="Tessaly Automobiles Corporate Communications",
                full_text="""\
Tessaly Automobiles and the Norvane Motor Company today announced a long-term \
agreement to jointly develop and produce midsize sedans for sale in Europe and \
North America.

The vehicles will share a common architecture, powertrains and major body \
structures, while each brand will keep its own exterior styling, interior design \
and tuning. Tessaly will lead engineering and development. Norvane will be \
responsible for North American production at its Calder Springs Assembly plant, \
where both the Tessaly Aurea and the Norvane Meridian will be built for the \
region.

"This partnership allows both companies to offer customers a better sedan than \
either could deliver alone," said Ingrid Marsault, Chief Executive Officer of \
Tessaly Automobiles. "We share a commitment to the family car and a belief that \
it has a future."

"Calder Springs has built great cars for thirty years, and this agreement secures \
its future for the next decade," said Walter Quist, Chairman of the Norvane Motor \
Company. "Our customers will get a Norvane through and through, built by the same \
people they have trusted for a generation."

The companies expect the first vehicles to reach dealers in approximately two \
years. Financial terms of the agreement were not disclosed. The agreement is \
subject to customary regulatory approvals.

Tessaly Automobiles designs and builds passenger cars and crossovers in three \
countries and sells them in more than forty. The Norvane Motor Company builds \
cars, crossovers and light trucks at five plants in North America.
""",
            )
        ],
    ),
    Story(
        slug="ambrose-recalls-tallis-crossovers-fuel-pump",
        headline=(
            "Ambrose recalls 212,000 Tallis crossovers over fuel pumps that can fail"
        ),
        dek=(
            "A part inside the pump can swell and stick, stalling the engine "
            "without warning. Dealers will replace the pumps free of charge."
        ),
        section="recalls",
        tags=["recalls", "crossovers", "Ambrose"],
        authors=["reporter"],
        age=timedelta(days=4, hours=6),
        photo=Photo(
            body="crossover",
            colour="#2f5d8a",
            colour_name="blue",
            sky="overcast",
            caption="Tallis crossovers from three model years are covered.",
        ),
        body="""\
<p>Ambrose Motors is recalling about 212,000 Tallis crossovers because the fuel \
pump can stop working, which may stall the engine while the car is being \
driven.</p>
<p>The recall covers Tallis and Tallis Sport models from the 2014 to 2016 model \
years. According to documents the company filed with federal safety regulators, \
a plastic impeller inside the pump can absorb fuel and swell over time until it \
rubs against the pump housing and stops turning.</p>
<p>Drivers may notice the engine running roughly or a warning light before the \
pump fails, but in some cases the engine simply shuts off. A stalled engine at \
speed raises the risk of a crash.</p>
<p>Ambrose said it knew of 41 warranty claims and no crashes or injuries linked to \
the problem. The company traced the fault to a batch of impellers made by one \
supplier between late 2013 and early 2016.</p>
<p>Dealers will replace the fuel pump with a redesigned unit at no cost. Owners \
will be notified by mail starting next month and can check whether their car is \
affected by entering the vehicle identification number on the company's \
website.</p>
<p>Owners who notice hesitation, rough running or difficulty starting should \
contact a dealer before the letter arrives, Ambrose said.</p>
""",
    ),
    Story(
        slug="quillon-wren-electric-hatchback-range",
        headline="Quillon Wren electric hatchback promises 214 miles on a charge",
        dek=(
            "The small start-up's first car for ordinary budgets costs $33,500 "
            "before incentives and goes on sale in the spring."
        ),
        section="electric",
        tags=["electric cars", "hatchbacks", "Quillon", "range"],
        authors=["journalist", "reporter"],
        age=timedelta(days=8, hours=2),
        photo=Photo(
            body="hatchback",
            colour="#e0b21c",
            colour_name="yellow",
            sky="dawn",
            caption="The Wren is Quillon's first car priced for a mass market.",
        ),
        body="""\
<p>Quillon Motors has shown the production version of the Wren, a five-door \
electric hatchback that the company says will travel 214 miles between \
charges.</p>
<p>The Wren uses a 60-kilowatt-hour battery under the floor and a single 150-kW \
motor driving the front wheels. Quillon quotes a 0 to 60 mph time of 7.3 \
seconds, and a top speed limited to 93 mph to protect the battery on long \
highway runs.</p>
<h2>Charging</h2>
<p>On a home wall box, a full charge takes a little under ten hours. At a \
50-kW public fast charger, the battery can be taken from 10 to 80 percent in \
about 55 minutes, which Quillon concedes is slower than some rivals.</p>
<p>"We chose a battery that will still hold most of its charge in ten years over \
one that charges a few minutes faster," said Tomas Evander, Quillon's chief \
engineer. "Most owners will charge at home, overnight, nearly every time."</p>
<p>At $33,500 before tax credits, the Wren undercuts most electric cars with a \
similar range. Standard equipment includes heated seats, a heat pump for the \
cabin and adaptive cruise control.</p>
<p>Quillon, founded six years ago, has so far built only a few thousand examples \
of its expensive first model. Building the Wren in volume will be the real \
test: the company says its plant can make 60,000 a year once fully running.</p>
""",
    ),
    Story(
        slug="review-harlan-stockman-1500-pickup",
        headline="Review: The Harlan Stockman 1500 wants to be your only vehicle",
        dek=(
            "A quieter cabin and a clever tailgate make Harlan's new half-ton "
            "pickup easy to live with, if not to park."
        ),
        section="reviews",
        tags=["reviews", "pickups", "Harlan"],
        authors=["journalist"],
        age=timedelta(days=12, hours=5),
        photo=Photo(
            body="pickup",
            colour="#3a3f45",
            colour_name="charcoal grey",
            sky="overcast",
            caption="Our test Stockman wore the mid-level Homestead trim.",
        ),
        body="""\
<p>Full-size pickups long ago stopped being only work tools. Plenty of buyers use \
them to commute, to take the children to school and to tow a boat twice a \
summer. The new Harlan Stockman 1500 is built for exactly that life.</p>
<p>Our test truck came with the 5.0-liter V8, rated at 395 horsepower, and an \
eight-speed automatic. It pulls hard from low speeds and stays hushed on the \
highway, where the Stockman is now one of the quietest trucks in its class. \
Harlan rates it to tow up to 11,200 pounds when properly equipped.</p>
<p>The ride is the bigger surprise. Even with an empty bed, which usually makes \
a pickup skittish over bumps, the Stockman settles quickly and rarely \
jostles its passengers.</p>
<h2>Inside and out back</h2>
<p>The cab is roomy and sensibly laid out, with physical knobs for the climate \
controls and a large touchscreen that responds quickly. The rear seat cushions \
fold up to leave a flat floor for anything that should not ride outside.</p>
<p>The clever bit is the split tailgate, which opens like a pair of barn doors \
as well as dropping down in the usual way. It makes reaching the front of the \
bed much easier and doubles as a step.</p>
<h2>Verdict</h2>
<p>At $52,380 as tested, the Stockman is not cheap, and at nearly 20 feet long \
it is a chore in a parking lot. But as an everyday vehicle that can also do real \
work, it is among the best we have driven.</p>
""",
    ),
    Story(
        slug="norvane-calder-springs-plant-expansion-jobs",
        headline="Norvane to add 1,400 jobs with $900 million plant expansion",
        dek=(
            "The Calder Springs factory will get a second shift and a new paint "
            "shop to build the sedan it now shares with Tessaly."
        ),
        section="news",
        tags=["manufacturing", "jobs", "Norvane"],
        authors=["reporter"],
        age=timedelta(days=16, hours=1),
        photo=Photo(
            body="sedan",
            colour="#ecebe4",
            colour_name="white",
            sky="day",
            backdrop="factory",
            caption="Calder Springs Assembly will add a second shift next year.",
        ),
        body="""\
<p>The Norvane Motor Company will spend $900 million to expand its Calder Springs \
Assembly plant in Tennessee, adding about 1,400 jobs over the next three \
years.</p>
<p>The money will pay for a new paint shop, a larger body shop and new tooling \
for the midsize sedans the plant will build for both Norvane and its partner \
Tessaly Automobiles. A second production shift is planned to start next \
year.</p>
<p>State officials said Norvane would receive about $120 million in tax credits \
and training grants, tied to the jobs being created and kept for at least ten \
years.</p>
<p>"For a long time people here wondered whether this plant had a future," said \
Carla Dunmore, the plant manager, who started on the assembly line 24 years \
ago. "Today they have their answer."</p>
<p>The plant employs about 3,100 people and builds the Norvane Bayfield \
crossover. Hiring for the new positions will begin in the fall, and the local \
community college will run the training courses.</p>
""",
    ),
    Story(
        slug="pathwise-self-driving-test-fleet-sable-mesa",
        headline="Pathwise triples its self-driving test fleet to 100 crossovers",
        dek=(
            "The autonomous-driving start-up says its cars have covered a million "
            "miles, but a human is still behind every wheel."
        ),
        section="news",
        tags=["self-driving cars", "technology", "Pathwise"],
        authors=["journalist"],
        age=timedelta(days=20, hours=4),
        photo=Photo(
            body="crossover",
            colour="#dfe3e6",
            colour_name="silver",
            sky="day",
            backdrop="city",
            roof_sensor=True,
            caption=(
                "Pathwise test cars carry their laser scanners in a pod on the roof."
            ),
        ),
        body="""\
<p>Pathwise, a start-up developing software for self-driving cars, is tripling \
its test fleet in Sable Mesa, Arizona, to 100 vehicles and expanding the area in \
which they drive to most of the city.</p>
<p>The company converts Tessaly crossovers with its own cameras, radar units and \
roof-mounted laser scanners. Every car carries a trained safety driver who can \
take over at any moment, and Pathwise said that would not change this year.</p>
<p>Pathwise said its fleet had now driven a combined one million miles on public \
roads. In its most recent report to state regulators, it recorded one \
disengagement, a moment when the safety driver took control, for every 3,800 \
miles driven, up from one every 900 miles the year before.</p>
<blockquote><p>"A million miles sounds like a lot. People drive that many every \
few minutes. It is a milestone, not a finish line."</p><p>Priya Castellanos, \
co-founder, Pathwise</p></blockquote>
<p>Sable Mesa was chosen for its wide streets and dry weather, which are kinder \
to sensors than snow and heavy rain. Pathwise said it would begin testing in a \
colder city next winter.</p>
<p>The company has raised about $400 million from investors and a group of \
carmakers, and says it hopes to run a small paid ride-hailing service without \
safety drivers within three years.</p>
""",
    ),
    Story(
        slug="castellane-lucerna-concept-harbor-city-auto-show",
        headline=(
            "Castellane Lucerna concept hints at the brand's first coupe in a decade"
        ),
        dek=(
            "A low, long-nosed show car at the Harbor City auto show previews a "
            "production two-door due in three years."
        ),
        section="news",
        tags=["auto shows", "concept cars", "Castellane"],
        authors=["reporter"],
        age=timedelta(days=25, hours=7),
        photo=Photo(
            body="concept",
            colour="#c9ccd1",
            colour_name="pale silver",
            sky="dusk",
            backdrop="city",
            caption="The Lucerna concept on its stand at the Harbor City auto show.",
        ),
        body="""\
<p>Castellane used the Harbor City International Auto Show to unveil the Lucerna, \
a sleek two-door concept that the company says points the way to its first \
production coupe since it dropped the old Vela ten years ago.</p>
<p>The show car is long and low, with a sharply raked windscreen, a glass roof \
that runs back to a short tail, and wheels pushed out to the corners. The \
designers kept the interior deliberately simple: two seats, a slim dashboard \
and a single screen.</p>
<p>Castellane did not reveal what powers the concept, saying only that the \
production car would offer a plug-in hybrid and, later, a fully electric \
version.</p>
<p>"A brand like ours needs one car that people buy with their heart," said \
design chief Matteo Ferrand. "The Lucerna is that car. It will change a little \
on the way to the showroom, but not much."</p>
<p>A production version is expected in about three years, priced above the \
company's current sedans.</p>
""",
    ),
    Story(
        slug="quillon-fast-charging-network-plans",
        headline="Quillon plans its own fast chargers along major highways",
        dek=(
            "The electric-car maker wants a charging stop every 80 miles on its "
            "busiest routes before the Wren reaches buyers."
        ),
        section="electric",
        tags=["electric cars", "charging", "Quillon"],
        authors=["reporter"],
        age=None,
        status="review",
        photo=Photo(
            body="hatchback",
            colour="#2e7d5b",
            colour_name="green",
            sky="day",
            caption="Quillon says owners of other electric cars may use the chargers.",
        ),
        body="""\
<p>Quillon Motors will build its own network of fast chargers along the busiest \
highways in its home market, the company said, so that owners of its new Wren \
hatchback can make long trips without planning around scarce public \
stations.</p>
<p>The first 40 sites, each with six to eight chargers, are due to open before \
the first Wrens are delivered. Quillon said owners of other electric cars would \
be able to use them too, at a higher price per kilowatt-hour.</p>
<p>The company did not say how much the network would cost. Analysts estimate a \
site of that size costs between $300,000 and $600,000 to build, depending on how \
much work the local electricity grid needs.</p>
<p>[Editor: waiting for Quillon to confirm the number of sites and the \
opening dates.]</p>
""",
    ),
    Story(
        slug="first-drive-ambrose-tallis-turbo",
        headline="First drive: The updated Ambrose Tallis grows up",
        dek=(
            "A new turbocharged engine and a calmer ride make Ambrose's best-seller "
            "a much better crossover, just in time."
        ),
        section="reviews",
        tags=["reviews", "crossovers", "Ambrose"],
        authors=["journalist"],
        age=-timedelta(days=2),
        photo=Photo(
            body="crossover",
            colour="#7a2e8e",
            colour_name="plum",
            sky="dawn",
            caption="The updated Tallis gets new lights and a wider grille.",
        ),
        body="""\
<p>Ambrose has given its Tallis crossover a thorough update for the new model \
year, and the changes add up to far more than the new grille suggests.</p>
<p>The old 2.5-liter engine is gone, replaced by a 2.0-liter turbocharged four \
with 235 horsepower and noticeably more pull at low speeds. It is paired with a \
new eight-speed automatic that shifts smoothly and rarely hunts for gears.</p>
<p>Ambrose's engineers also softened the suspension and added more sound \
insulation. On rough country roads the Tallis now feels composed rather than \
busy, and at highway speeds it is quiet enough to talk without raising your \
voice.</p>
<p>Inside, a larger touchscreen and better materials on the doors and dashboard \
lift a cabin that had begun to feel cheap next to newer rivals. Rear-seat room, \
always a strength, is unchanged.</p>
<p>Prices start at $27,900, about $800 more than before. The updated Tallis \
arrives at dealers next month.</p>
""",
    ),
]
