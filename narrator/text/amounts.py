"""Money, percentages and units of measure, as a newsreader says them: "$3.5bn" is "three
point five billion dollars", "-5°C" is "minus five degrees Celsius", "120 km/h" is "one
hundred twenty kilometers per hour"."""

from __future__ import annotations

import re

from .measures import is_modifier, say_dimensions
from .numbers import NUM, cardinal, number, plural
from .tables import alternation

CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "₩": ("won", "won", "", ""),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "Rs.": ("rupee", "rupees", "paisa", "paise"),
    "Rs": ("rupee", "rupees", "paisa", "paise"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
}
SCALES = {
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "trn": "trillion",
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
    "crore": "crore",
    "lakh": "lakh",
}
# "$20/mo": what the slash after an amount stands for.
PER = {"mo": "a month", "month": "a month", "hr": "an hour", "hour": "an hour", "h": "an hour", "yr": "a year",
       "year": "a year", "wk": "a week", "week": "a week", "day": "a day", "night": "a night", "gal": "a gallon",
       "kg": "a kilogram", "lb": "a pound", "share": "a share", "barrel": "a barrel", "bbl": "a barrel",
       "person": "a person", "head": "a head", "ton": "a ton", "tonne": "a tonne", "MWh": "a megawatt hour",
       "kWh": "a kilowatt hour", "sq ft": "a square foot", "min": "a minute"}  # fmt: skip
UNITS = {
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "km": ("kilometer", "kilometers"),
    "kg": ("kilogram", "kilograms"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "GW": ("gigawatt", "gigawatts"),
    "MW": ("megawatt", "megawatts"),
    "kW": ("kilowatt", "kilowatts"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "mg": ("milligram", "milligrams"),
    "ml": ("milliliter", "milliliters"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "ft": ("foot", "feet"),
    "sq km": ("square kilometer", "square kilometers"),
    "ha": ("hectare", "hectares"),
    "mi": ("mile", "miles"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "MB": ("megabyte", "megabytes"),
    "oz": ("ounce", "ounces"),
    "GHz": ("gigahertz", "gigahertz"),
    "MHz": ("megahertz", "megahertz"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "gal": ("gallon", "gallons"),
    "sq m": ("square meter", "square meters"),
    "sq ft": ("square foot", "square feet"),
    "hrs": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "g": ("gram", "grams"),
    "ms": ("millisecond", "milliseconds"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "kcal": ("kilocalorie", "kilocalories"),
    "kHz": ("kilohertz", "kilohertz"),
    "Hz": ("hertz", "hertz"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "KB": ("kilobyte", "kilobytes"),
    "Tbps": ("terabit per second", "terabits per second"),
    "nm": ("nanometer", "nanometers"),
    # Short forms of time and weight in lists, sport and consumer copy: "90 mins", "6 mos".
    "mins": ("minute", "minutes"),
    "min": ("minute", "minutes"),
    "secs": ("second", "seconds"),
    "sec": ("second", "seconds"),
    "wks": ("week", "weeks"),
    "wk": ("week", "weeks"),
    "mos": ("month", "months"),
    "mo": ("month", "months"),
    "yrs": ("year", "years"),
    "yr": ("year", "years"),
    "kgs": ("kilogram", "kilograms"),
    "mbps": ("megabit per second", "megabits per second"),
    "gbps": ("gigabit per second", "gigabits per second"),
    "MB/s": ("megabyte per second", "megabytes per second"),
    "GB/s": ("gigabyte per second", "gigabytes per second"),
}
# "g/km", "mg/L": what a unit is counted per.
PER_UNIT = {**{u: one for u, (one, _) in UNITS.items()}, "s": "second", "h": "hour", "m": "meter", "l": "liter",
            "L": "liter", "day": "day", "year": "year", "person": "person", "m2": "square meter", "m²": "square meter",
            "km2": "square kilometer", "km²": "square kilometer"}  # fmt: skip
# "120 m2", "1,200 km²": square and cubic measures.
POWERS = {"2": "square", "²": "square", "3": "cubic", "³": "cubic"}
LENGTHS = {"km": "kilometer", "m": "meter", "cm": "centimeter", "mm": "millimeter", "ft": "foot", "mi": "mile"}
# Units a dimension ("4m x 5m") may carry.
DIMENSION_UNITS = {**UNITS, "m": ("meter", "meters"), "in": ("inch", "inches")}

SYMBOLS = alternation(CURRENCIES)
_PER_ALT = alternation(PER)
UNIT_ALT = alternation(UNITS)
_PER_UNIT_ALT = alternation(PER_UNIT)
_DIMENSION_ALT = alternation(DIMENSION_UNITS)
_LENGTH_ALT = alternation(LENGTHS)
# Symbols are matched in any case ("chf 5", "us$5"), so they are looked up in lower case.
_CURRENCY_KEYS = {symbol.lower(): names for symbol, names in CURRENCIES.items()}
_SCALE_ALT = "bn|mn|trn|tn|k|m|b|thousand|million|billion|trillion|crore|lakh"


def say_money(text: str) -> str:
    def say(m: re.Match[str]) -> str:
        sym, amount, scale, per = m.group(1), m.group(2), m.group(3), m.group(4)
        one, many, sub_one, sub_many = _CURRENCY_KEYS[sym.lower()]
        modifier = is_modifier(m.string, m.start(), m.end())
        tail = f" {PER[per]}" if per else ""
        if scale:
            return f"{number(amount)} {SCALES[scale.lower()]} {one if modifier else many}{tail}"
        whole, _, cents = amount.replace(",", "").partition(".")
        cents = cents[:2] + cents[2:].rstrip("0")  # "$2.000" is two dollars
        if len(cents) > 2 or (cents.strip("0") and not sub_many):
            # "$3.599 a gallon", "¥150.25": more decimals than cents, or no coins to name
            return f"{number(amount)} {one if modifier else many}{tail}"
        c = int(cents.ljust(2, "0")[:2]) if cents else 0
        if int(whole or "0") == 0 and c and sub_many:
            return f"{cardinal(c)} {plural(str(c), sub_one, sub_many)}{tail}"  # $0.05: five cents
        words = f"{cardinal(int(whole or '0'))} {one if modifier else plural(whole, one, many)}"
        if c and sub_many:
            words += f" and {cardinal(c)} {plural(str(c), sub_one, sub_many)}"
        return words + tail

    text = re.sub(rf"(?<![A-Za-z])({SYMBOLS})\s?({NUM}|\.\d+)(?:[\s-]?({_SCALE_ALT})\b)?(?:/({_PER_ALT})\b)?",
                  say, text, flags=re.I)  # fmt: skip
    text = re.sub(r"\b(\d+(?:\.\d+)?)p\b", lambda m: f"{number(m.group(1))} {plural(m.group(1), 'penny', 'pence')}",
                  text)  # fmt: skip
    return re.sub(r"\b(\d+)c\b", lambda m: f"{cardinal(int(m.group(1)))} {plural(m.group(1), 'cent', 'cents')}",
                  text)  # fmt: skip


def say_percent(text: str) -> str:
    def say(m: re.Match[str]) -> str:
        return ("minus " if m.group(1) else "") + f"{number(m.group(2))} percent"

    text = re.sub(rf"(?<![\w.])([-−])?({NUM})\s?%", say, text)
    return re.sub(rf"(?<![\w.])({NUM})\s(per\s?cent|percent)\b", lambda m: f"{number(m.group(1))} {m.group(2)}", text)


_RACES = "50|60|100|110|200|400|800|1500|3000|5000|10000"


def _meters(after: str) -> str:
    """ "a 100m final" (an adjective), but "40m deep" (a measure)."""
    return "meters" if after in ("tall", "high", "deep", "long", "wide") else "meter"


def say_units(text: str) -> str:
    def degrees(m: re.Match[str]) -> str:
        sign, n, scale = m.group(1), m.group(2), m.group(3).upper()
        words = ("minus " if sign else "") + number(n)
        return f"{words} {plural(n, 'degree', 'degrees')} {'Celsius' if scale == 'C' else 'Fahrenheit'}"

    text = re.sub(rf"(?<![\w.])([-−])?({NUM})\s?°?\s?([CF])\b(?![\w'])", degrees, text)
    text = re.sub(rf"(?<![\w.])([-−])?({NUM})\s?°", lambda m: ("minus " if m.group(1) else "") +
                  f"{number(m.group(2))} {plural(m.group(2), 'degree', 'degrees')}", text)  # fmt: skip
    text = say_dimensions(text, DIMENSION_UNITS, _DIMENSION_ALT, NUM)

    def power(m: re.Match[str]) -> str:
        n, unit = m.group(1), f"{POWERS[m.group(3)]} {LENGTHS[m.group(2)]}"
        many = unit.replace("foot", "feet") if unit.endswith("foot") else unit + "s"
        return f"{number(n)} {unit if is_modifier(m.string, m.start(), m.end()) else plural(n, unit, many)}"

    text = re.sub(rf"(?<![\w.])({NUM})\s?({_LENGTH_ALT})([23²³])(?![\w/])", power, text)

    def per_unit(m: re.Match[str]) -> str:
        sign, n, name, per = m.group(1), m.group(2), m.group(3), m.group(4)
        return ("minus " if sign else "") + f"{number(n)} {plural(n, *UNITS[name])} per {PER_UNIT[per]}"

    text = re.sub(rf"(?<![\w.])([-−])?({NUM})\s?({UNIT_ALT})/({_PER_UNIT_ALT})(?![\w/])", per_unit, text)

    def unit(m: re.Match[str]) -> str:
        sign, n, scale, name = m.group(1), m.group(2), m.group(3), m.group(4)
        one, many = UNITS[name]
        said = one if is_modifier(m.string, m.start(), m.end()) else plural(n, one, many)
        return ("minus " if sign else "") + number(n) + (f" {scale}" if scale else "") + f" {said}"

    text = re.sub(rf"(?<![\w.])([-−])?({NUM})(?:\s(thousand|million|billion))?\s?({UNIT_ALT})(?![\w/])", unit, text)
    # "5m people" is five million; "the 100m final" is a hundred meters, and so is "the 100m".
    text = re.sub(rf"(?<![\w.$£€])({NUM})m\s(sprint|race|final|hurdles|freestyle|relay|tall|high|deep|long|wide)\b",
                  lambda m: f"{number(m.group(1))} {_meters(m.group(2))} {m.group(2)}", text)  # fmt: skip
    text = re.sub(rf"\b(the|[Tt]he men's|[Tt]he women's) ({_RACES})m\b(?!\s(?:people|users|viewers))",
                  lambda m: f"{m.group(1)} {number(m.group(2))} meters", text)  # fmt: skip
    text = re.sub(rf"\bper ({UNIT_ALT})\b", lambda m: f"per {UNITS[m.group(1)][0]}", text)
    # "3 m high", "3,000 m long": a spaced m after a number is meters; millions are written "5m".
    text = re.sub(rf"(?<![\w.$£€])({NUM}) m\b(?![.']\w)", lambda m: f"{number(m.group(1))} "
                  f"{plural(m.group(1), 'meter', 'meters')}", text)  # fmt: skip
    text = re.sub(r"\b([Aa]) (\d{1,2})k\b", lambda m: f"{m.group(1)} {cardinal(int(m.group(2)))} K", text)  # a 5k race
    # "3x faster", "a 10x return", "it grew 3x.": a multiplier, said "times".
    text = re.sub(rf"(?<![\w.$£€])({NUM})[x×](?!\w)", lambda m: f"{number(m.group(1))} times", text)
    return re.sub(rf"(?<![\w.$£€])({NUM})\s?(bn|m|mn|tn|k)\b(?!\.\w)",
                  lambda m: f"{number(m.group(1))} {SCALES[m.group(2)]}", text)  # fmt: skip

