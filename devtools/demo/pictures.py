"""The demo newsroom's pictures, drawn with Pillow: scenes for story photos, initials for avatars."""

import io

from PIL import Image, ImageDraw, ImageFont, ImageOps

PHOTO_SIZE = (1200, 675)
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
