"""Lead-photo illustrations for the demo stories, drawn with Pillow.

The demo must run offline and must not ship anyone's photographs, so each story
gets a stylised car on a road instead. Pictures are seeded by the story's slug:
the same slug always gives the same picture.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900
# Drawn at twice the size and scaled down: Pillow's polygons have no
# anti-aliasing of their own.
SCALE = 2

Point = tuple[float, float]


@dataclass(frozen=True)
class Body:
    """A car seen from its left side, front to the right.

    Coordinates are in car units: x from 0 (rear) to 1000 (front), y up from
    the ground. A third number on an outline point sets how much that corner
    is rounded.
    """

    outline: list[tuple[float, ...]]
    windows: list[list[Point]]
    wheels: tuple[float, float]
    wheel_radius: float
    headlight: Point
    taillight: Point
    # The lowest point of the sills, where door lines end.
    sill: float


BODIES = {
    "sedan": Body(
        outline=[
            (15, 75, 30),
            (5, 185, 40),
            (30, 225, 40),
            (275, 240, 60),
            (395, 345, 90),
            (590, 350, 90),
            (740, 250, 60),
            (955, 215, 50),
            (995, 160, 40),
            (990, 75, 30),
            (500, 60, 0),
        ],
        windows=[
            [(300, 250), (400, 332), (485, 336), (485, 250)],
            [(505, 250), (505, 337), (585, 338), (705, 252)],
        ],
        wheels=(200, 800),
        wheel_radius=72,
        headlight=(968, 190),
        taillight=(18, 200),
        sill=85,
    ),
    "crossover": Body(
        outline=[
            (15, 95, 30),
            (5, 215, 50),
            (40, 340, 70),
            (120, 405, 60),
            (600, 415, 80),
            (750, 295, 50),
            (960, 255, 50),
            (995, 200, 40),
            (990, 100, 30),
            (500, 85, 0),
        ],
        windows=[
            [(70, 305), (135, 388), (300, 393), (300, 305)],
            [(320, 305), (320, 394), (480, 396), (480, 305)],
            [(500, 305), (500, 397), (592, 398), (710, 308)],
        ],
        wheels=(195, 805),
        wheel_radius=88,
        headlight=(964, 232),
        taillight=(22, 295),
        sill=110,
    ),
    "hatchback": Body(
        outline=[
            (40, 80, 30),
            (30, 180, 40),
            (70, 345, 60),
            (160, 390, 60),
            (560, 395, 80),
            (720, 275, 50),
            (935, 230, 50),
            (985, 175, 40),
            (980, 80, 30),
            (500, 65, 0),
        ],
        windows=[
            [(100, 290), (170, 372), (365, 377), (365, 290)],
            [(385, 290), (385, 378), (550, 380), (680, 292)],
        ],
        wheels=(210, 790),
        wheel_radius=76,
        headlight=(952, 208),
        taillight=(46, 275),
        sill=90,
    ),
    "pickup": Body(
        outline=[
            (10, 115, 15),
            (10, 285, 10),
            (405, 285, 8),
            (405, 300, 8),
            (420, 430, 40),
            (640, 435, 50),
            (745, 310, 35),
            (970, 290, 40),
            (995, 225, 30),
            (990, 115, 20),
            (500, 100, 0),
        ],
        windows=[
            [(445, 320), (450, 412), (545, 416), (545, 320)],
            [(565, 320), (565, 417), (630, 418), (718, 322)],
        ],
        wheels=(190, 805),
        wheel_radius=92,
        headlight=(970, 265),
        taillight=(16, 255),
        sill=125,
    ),
    "concept": Body(
        outline=[
            (20, 70, 30),
            (10, 175, 40),
            (290, 225, 80),
            (455, 305, 90),
            (620, 305, 90),
            (820, 195, 80),
            (990, 135, 40),
            (995, 75, 30),
            (500, 55, 0),
        ],
        windows=[
            [(370, 232), (470, 292), (615, 292), (745, 212)],
        ],
        wheels=(205, 805),
        wheel_radius=74,
        headlight=(968, 120),
        taillight=(16, 150),
        sill=75,
    ),
}

BACKDROPS = ("hills", "city", "factory")

SKIES = {
    "day": ((84, 142, 212), (196, 224, 245), (255, 250, 235)),
    "dawn": ((92, 104, 168), (247, 184, 152), (255, 236, 200)),
    "dusk": ((40, 48, 98), (233, 126, 92), (255, 214, 150)),
    "overcast": ((128, 140, 156), (204, 210, 216), (236, 238, 240)),
}


def render_car_photo(
    *,
    seed: str,
    body: str,
    colour: str,
    sky: str,
    backdrop: str = "hills",
    roof_sensor: bool = False,
) -> bytes:
    """A 1600x900 JPEG of a car on a road.

    ``body`` is a key of BODIES, ``colour`` is "#rrggbb", ``sky`` a key of SKIES
    and ``backdrop`` one of BACKDROPS.
    """
    rng = random.Random(seed)
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    horizon = int(h * rng.uniform(0.56, 0.6))
    top, low, sun = SKIES[sky]

    image = _vertical_gradient((w, h), top, low)
    if sky != "overcast":
        _draw_sun(image, rng, horizon, sun)
    _draw_hills(image, rng, horizon, low)
    if backdrop == "city":
        _draw_city(image, rng, horizon, low)
    elif backdrop == "factory":
        _draw_factory(image, rng, horizon, low)
    draw = ImageDraw.Draw(image)

    road_top = horizon + int(h * 0.09)
    verge = _mix((92, 122, 70), low, 0.25)
    draw.rectangle((0, horizon, w, road_top), fill=verge)
    draw.rectangle((0, road_top, w, h), fill=(58, 60, 64))
    draw.rectangle((0, road_top, w, road_top + 8 * SCALE), fill=(214, 214, 206))
    lane_y = road_top + int(h * 0.06)
    offset = rng.randrange(0, 240 * SCALE)
    for x in range(-offset, w, 240 * SCALE):
        draw.rectangle(
            (x, lane_y, x + 130 * SCALE, lane_y + 7 * SCALE), fill=(236, 214, 120)
        )

    ground = h - int(h * rng.uniform(0.1, 0.13))
    length = w * rng.uniform(0.6, 0.66)
    left = (w - length) / 2 + rng.uniform(-0.04, 0.04) * w
    _draw_car(image, BODIES[body], _hex(colour), left, ground, length, roof_sensor)

    image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=86, optimize=True)
    return out.getvalue()


def _draw_car(image, body, colour, left, ground, length, roof_sensor):
    unit = length / 1000

    def at(x, y):
        return (left + x * unit, ground - y * unit)

    def circle(centre, radius):
        x, y = centre
        return (x - radius, y - radius, x + radius, y + radius)

    size = image.size
    shadow = Image.new("L", size, 0)
    ImageDraw.Draw(shadow).ellipse(
        (left - 20 * unit, ground - 28 * unit, left + 1020 * unit, ground + 26 * unit),
        fill=150,
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(14 * unit))
    image.paste((20, 20, 24), mask=shadow)

    # Everything painted on the body is drawn on a layer and cut out with the
    # body's outline, so that no detail spills past the bodywork.
    roof = max(y for _x, y, _r in body.outline)
    belt = body.windows[0][0][1]
    layer = _vertical_gradient(
        size,
        _mix(colour, (255, 255, 255), 0.4),
        _mix(colour, (0, 0, 0), 0.5),
        span=(at(0, roof)[1], ground),
    )
    draw = ImageDraw.Draw(layer)
    line = max(2, round(4 * unit))
    draw.rectangle(
        (*at(0, belt - 12), *at(1000, belt - 30)),
        fill=_mix(colour, (255, 255, 255), 0.45),
    )
    seam = _mix(colour, (0, 0, 0), 0.6)
    # The front door ends at the windscreen's foot or ahead of the front wheel.
    front_door = min(
        body.windows[-1][-1][0] - 10, body.wheels[1] - body.wheel_radius * 1.35
    )
    doors = [*[window[-1][0] for window in body.windows[:-1]][-1:], front_door]
    for x in doors:
        draw.line([at(x + 10, belt - 5), at(x + 10, body.sill)], fill=seam, width=line)
        draw.rounded_rectangle(
            (*at(x - 70, belt - 45), *at(x - 25, belt - 58)),
            radius=3 * unit,
            fill=_mix(colour, (0, 0, 0), 0.3),
        )
    draw.polygon(
        [
            at(x, y)
            for x, y in ((0, body.sill + 5), (1000, body.sill + 5), (1000, 0), (0, 0))
        ],
        fill=_mix(colour, (0, 0, 0), 0.55),
    )
    glass = _vertical_gradient(
        size, (120, 140, 164), (22, 30, 44), span=(at(0, roof)[1], at(0, belt)[1])
    )
    for window in body.windows:
        pane = Image.new("L", size, 0)
        ImageDraw.Draw(pane).polygon(
            _rounded([at(x, y) for x, y in window], 10 * unit), fill=255
        )
        layer.paste(glass, mask=pane)
    draw.ellipse(circle(at(*body.headlight), 20 * unit), fill=(255, 244, 200))
    draw.rounded_rectangle(
        (
            *at(body.taillight[0] - 20, body.taillight[1] + 14),
            *at(body.taillight[0] + 20, body.taillight[1] - 14),
        ),
        radius=6 * unit,
        fill=(196, 28, 32),
    )
    radius = body.wheel_radius * unit
    for x in body.wheels:
        draw.ellipse(circle(at(x, body.wheel_radius), radius * 1.18), fill=(16, 16, 18))

    outline = _rounded([(*at(x, y), r * unit) for x, y, r in body.outline], None)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).polygon(outline, fill=255)
    image.paste(layer, mask=mask)

    draw = ImageDraw.Draw(image)
    if roof_sensor:
        xs = [x for x, y, _r in body.outline if y > roof - 20]
        middle = sum(xs) / len(xs)
        draw.rounded_rectangle(
            (*at(middle - 120, roof + 12), *at(middle + 120, roof - 4)),
            radius=6 * unit,
            fill=(40, 42, 46),
        )
        draw.rounded_rectangle(
            (*at(middle - 38, roof + 62), *at(middle + 38, roof + 8)),
            radius=10 * unit,
            fill=(226, 228, 232),
        )
        draw.rectangle(
            (*at(middle - 38, roof + 44), *at(middle + 38, roof + 30)),
            fill=(36, 40, 48),
        )
    for x in body.wheels:
        centre = at(x, body.wheel_radius)
        draw.ellipse(circle(centre, radius), fill=(30, 30, 32))
        draw.ellipse(circle(centre, radius * 0.64), fill=(178, 182, 188))
        draw.ellipse(circle(centre, radius * 0.52), fill=(116, 120, 128))
        for spoke in range(5):
            angle = spoke * 72
            draw.pieslice(
                circle(centre, radius * 0.5),
                angle - 9,
                angle + 9,
                fill=(172, 176, 182),
            )
        draw.ellipse(circle(centre, radius * 0.15), fill=(204, 208, 214))


def _draw_sun(image, rng, horizon, colour):
    w, _h = image.size
    x = rng.uniform(0.15, 0.85) * w
    y = horizon * rng.uniform(0.35, 0.7)
    # The glow is blurred on a small tile: blurring the whole canvas is slow.
    glow = Image.new("L", (1200, 1200), 0)
    ImageDraw.Draw(glow).ellipse((340, 340, 860, 860), fill=120)
    glow = glow.filter(ImageFilter.GaussianBlur(120))
    image.paste(colour, (round(x - 600), round(y - 600)), mask=glow)
    ImageDraw.Draw(image).ellipse((x - 90, y - 90, x + 90, y + 90), fill=colour)


def _draw_hills(image, rng, horizon, haze):
    w, _h = image.size
    draw = ImageDraw.Draw(image)
    for depth, (base, rise) in enumerate(((0.82, 0.2), (0.92, 0.12))):
        colour = _mix((70, 96, 82), haze, 0.6 - depth * 0.25)
        # Start and end off-canvas so that smoothing does not round the ends.
        points = [(-400, horizon + 40)]
        for x in range(-400, w + 600, 200):
            y = horizon * base + horizon * rise * rng.uniform(-1, 0.3)
            points.append((x, min(y, horizon)))
        points.append((w + 400, horizon + 40))
        draw.polygon(_rounded(points, 160), fill=colour)


def _draw_city(image, rng, horizon, haze):
    w, _h = image.size
    draw = ImageDraw.Draw(image)
    x = rng.uniform(-200, 0)
    while x < w:
        width = rng.uniform(90, 260) * SCALE / 2
        height = horizon * rng.uniform(0.12, 0.42)
        tone = _mix((70, 78, 96), haze, rng.uniform(0.2, 0.4))
        draw.rectangle((x, horizon - height, x + width, horizon), fill=tone)
        lit = _mix(tone, (255, 236, 180), 0.35)
        for wy in range(int(horizon - height + 24), int(horizon - 20), 36):
            for wx in range(int(x + 16), int(x + width - 24), 34):
                if rng.random() < 0.45:
                    draw.rectangle((wx, wy, wx + 14, wy + 18), fill=lit)
        x += width + rng.uniform(10, 60)


def _draw_factory(image, rng, horizon, haze):
    w, _h = image.size
    draw = ImageDraw.Draw(image)
    wall = _mix((120, 124, 130), haze, 0.4)
    roof = _mix((84, 88, 96), haze, 0.4)
    start = rng.uniform(0.05, 0.2) * w
    end = start + rng.uniform(0.6, 0.75) * w
    eaves = horizon - horizon * 0.16
    for stack in range(rng.randint(2, 3)):
        sx = start + (end - start) * (0.2 + 0.3 * stack) + rng.uniform(-40, 40)
        top = horizon - horizon * rng.uniform(0.38, 0.5)
        draw.rectangle((sx, top, sx + 44, horizon), fill=roof)
        draw.rectangle((sx, top + 30, sx + 44, top + 46), fill=(196, 64, 56))
    draw.rectangle((start, eaves, end, horizon), fill=wall)
    tooth = 150
    for x in range(int(start), int(end - tooth + 1), tooth):
        draw.polygon(
            [(x, eaves), (x + tooth * 0.75, eaves - 90), (x + tooth, eaves)],
            fill=roof,
        )
    for x in range(int(start + 40), int(end - 60), 110):
        draw.rectangle(
            (x, eaves + 50, x + 60, eaves + 90), fill=_mix(wall, (40, 50, 60), 0.4)
        )


def _rounded(points, radius):
    """A closed outline whose corners are replaced by short curves.

    Each corner is cut back by ``radius`` (or by the point's own third number)
    along both of its edges, but never by more than half an edge, and the cut
    is bridged by a quadratic Bézier curve through the corner.
    """
    smooth = []
    count = len(points)
    for i, point in enumerate(points):
        x, y = point[:2]
        r = point[2] if len(point) > 2 else radius
        if not r:
            smooth.append((x, y))
            continue
        (px, py), (nx, ny) = points[i - 1][:2], points[(i + 1) % count][:2]
        before, after = math.dist((x, y), (px, py)), math.dist((x, y), (nx, ny))
        cut = min(r, before / 2, after / 2)
        ax, ay = x + (px - x) * cut / before, y + (py - y) * cut / before
        bx, by = x + (nx - x) * cut / after, y + (ny - y) * cut / after
        for step in range(9):
            t = step / 8
            smooth.append(
                (
                    (1 - t) ** 2 * ax + 2 * (1 - t) * t * x + t**2 * bx,
                    (1 - t) ** 2 * ay + 2 * (1 - t) * t * y + t**2 * by,
                )
            )
    return smooth


def _vertical_gradient(size, top, bottom, span=None):
    """An image fading from ``top`` to ``bottom`` between the rows in ``span``."""
    w, h = size
    y0, y1 = span or (0, h)
    column = Image.new("RGB", (1, h))
    column.putdata(
        [_mix(top, bottom, min(max((y - y0) / (y1 - y0), 0), 1)) for y in range(h)]
    )
    return column.resize((w, h), Image.Resampling.NEAREST)


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _hex(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))
