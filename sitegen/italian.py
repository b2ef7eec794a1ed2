"""Italian names of days and months, in the lowercase the language writes them."""

WEEKDAY_NAMES = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
MONTH_NAMES = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)


def destined_to(audience: str) -> str:
    """ "Destinato a" with the euphonic d before a vowel a: "destinato ad attività"."""
    preposition = "ad" if audience[:1].casefold() == "a" else "a"
    return f"destinato {preposition} {audience}"
