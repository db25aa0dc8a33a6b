"""The portal's brand colour as link text: a light brand colour would fail WCAG contrast on
the portal's light surfaces, so links use the colour darkened just enough (never lightened)."""

# The lightest background links sit on (tag pills); white and the canvas are darker or equal.
LIGHTEST_BACKGROUND = (0xEE, 0xF4, 0xFF)
MINIMUM_CONTRAST = 4.6  # WCAG AA for body text is 4.5; a little margin for rounding


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def parse_hex(colour: str):
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def readable_link_colour(colour: str) -> str:
    rgb = parse_hex(colour)
    for step in range(21):  # 0 %, 5 %, ... 100 % towards black
        mixed = tuple(round(v * (1 - step / 20)) for v in rgb)
        if contrast(mixed, LIGHTEST_BACKGROUND) >= MINIMUM_CONTRAST:
            return "#{:02x}{:02x}{:02x}".format(*mixed)
    return "#000000"
