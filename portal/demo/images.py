"""Demo photographs drawn on the spot (no stock images are fetched or copied)."""

import hashlib
import io
import random

from PIL import Image as PILImage
from PIL import ImageDraw

PALETTES = [
    ((11, 58, 117), (164, 22, 26), (247, 201, 72)),
    ((23, 94, 84), (236, 178, 68), (250, 240, 220)),
    ((64, 38, 105), (216, 96, 69), (242, 232, 207)),
    ((18, 70, 120), (90, 170, 200), (240, 248, 255)),
    ((120, 40, 30), (210, 160, 80), (250, 235, 210)),
]


def demo_picture(seed: str, size: tuple[int, int] = (1200, 750)) -> bytes:
    """A calm landscape-like composition (sky, river, hills, a gate), different per seed, as JPEG."""
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    dark, warm, light = rng.choice(PALETTES)
    width, height = size
    picture = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    for y in range(height // 2):  # sky gradient
        t = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=tuple(int(light[i] * (1 - t) + warm[i] * t) for i in range(3)))
    sun_x, sun_r = rng.randint(width // 5, 4 * width // 5), rng.randint(40, 90)
    draw.ellipse([sun_x - sun_r, 120 - sun_r, sun_x + sun_r, 120 + sun_r], fill=(255, 236, 170))
    for layer in range(3):  # hills
        base = height // 2 + layer * 40
        points = (
            [(0, height)]
            + [(x, base - rng.randint(0, 120 - layer * 30)) for x in range(0, width + 150, 150)]
            + [(width, height)]
        )
        shade = tuple(max(0, c - 30 * (2 - layer)) for c in dark)
        draw.polygon(points, fill=shade)
    draw.rectangle([0, int(height * 0.78), width, height], fill=tuple(min(255, c + 40) for c in dark))  # river
    gate_x = rng.randint(width // 6, width // 2)
    draw.rectangle([gate_x, int(height * 0.45), gate_x + 220, int(height * 0.78)], fill=warm)
    draw.rectangle([gate_x + 80, int(height * 0.58), gate_x + 140, int(height * 0.78)], fill=dark)
    draw.polygon(
        [(gate_x - 30, int(height * 0.45)), (gate_x + 110, int(height * 0.36)), (gate_x + 250, int(height * 0.45))],
        fill=dark,
    )
    output = io.BytesIO()
    picture.save(output, format="JPEG", quality=82)
    return output.getvalue()
