"""Numbers as words: cardinals, ordinals, years and decimals, in American news style."""

from __future__ import annotations

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = [
    (10**21, "sextillion"),
    (10**18, "quintillion"),
    (10**15, "quadrillion"),
    (10**12, "trillion"),
    (10**9, "billion"),
    (10**6, "million"),
    (1000, "thousand"),
]
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _under_thousand(n: int) -> str:
    words = []
    if n >= 100:
        words.append(f"{ONES[n // 100]} hundred")
        n %= 100
    if n >= 20:
        words.append(TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else ""))
    elif n or not words:
        words.append(ONES[n])
    return " ".join(words)


def cardinal(n: int) -> str:
    """1200 -> "one thousand two hundred"."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 1000:
        return _under_thousand(n)
    for size, name in SCALES:
        if n >= size:
            head, rest = divmod(n, size)
            words = f"{cardinal(head)} {name}"
            return words + (f" {cardinal(rest)}" if rest else "")
    return _under_thousand(n)


def ordinal(n: int) -> str:
    """27 -> "twenty-seventh"."""
    words = cardinal(n)
    head, sep, last = words.rpartition("-") if "-" in words.rsplit(" ", 1)[-1] else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def year(n: int) -> str:
    """2023 -> "twenty twenty-three"; 2005 -> "two thousand five"; 1900 -> "nineteen hundred"."""
    if not 1000 <= n <= 2999 or (n % 1000 < 10 and n >= 2000):
        return cardinal(n)
    head, tail = divmod(n, 100)
    if tail == 0:
        return f"{cardinal(head)} hundred"
    if tail < 10:
        return f"{cardinal(head)} oh {ONES[tail]}"
    return f"{cardinal(head)} {cardinal(tail)}"


def decade(n: int) -> str:
    """1990 -> "nineteen nineties"; 2000 -> "two thousands"."""
    if n % 100 == 0:
        return year(n) + "s" if n % 1000 else cardinal(n) + "s"
    words = year(n)
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def decimal(text: str) -> str:
    """ "4.2" -> "four point two"; "0.75" -> "zero point seven five"."""
    text = text.replace(",", "")
    whole, _, frac = text.partition(".")
    words = cardinal(int(whole or "0"))
    if frac:
        words += " point " + " ".join(ONES[int(d)] for d in frac)
    return words


def digits(text: str) -> str:
    """ "4096" -> "four zero nine six"."""
    return " ".join(ONES[int(d)] for d in text if d.isdigit())


# Past a trillion trillion no one reads a number as a cardinal; a long run of digits is
# a code, and int() refuses strings longer than 4,300 digits anyway.
MAX_CARDINAL_DIGITS = 24


def number(text: str) -> str:
    """Any written number with separators or a decimal point."""
    text = text.replace(",", "")
    if len(text.partition(".")[0]) > MAX_CARDINAL_DIGITS:
        return digits(text.partition(".")[0]) + (f" point {digits(text.partition('.')[2])}" if "." in text else "")
    if "." in text:
        return decimal(text)
    return cardinal(int(text))


# A number as news copy writes it: "1,250,000", "3.5", "12".
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def plural(n_text: str, one: str, many: str) -> str:
    """The singular after "1" (or "1.0"), the plural after any other number."""
    return one if n_text.replace(",", "") in ("1", "1.0") else many
