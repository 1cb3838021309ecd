"""Addresses made from text in either edition's language: Ukrainian is transliterated to Latin letters by
the national standard (the Cabinet of Ministers' table of 2010), which Django's slugify() cannot do (it
drops Cyrillic letters, so a Ukrainian headline gave an empty slug). English text comes out as slugify()
makes it."""

from django.utils.text import slugify

LATIN = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ",
        ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m", "n", "o", "p", "r",
         "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "iu", "ia", "", "", ""],
        strict=True,
    )
)  # fmt: skip
# At the start of a word these letters are written otherwise.
WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _latin(word):
    letters = []
    for position, letter in enumerate(word):
        if position == 0:
            letters.append(WORD_START.get(letter, LATIN.get(letter, letter)))
        elif letter == "г" and word[position - 1] == "з":
            letters.append("gh")  # "zgh", so that it does not read as "zh" (ж)
        else:
            letters.append(LATIN.get(letter, letter))
    return "".join(letters)


def latin_slug(text):
    """The slug of `text` in Latin letters: "Удар по Львову" -> "udar-po-lvovu"; "Kyiv's trams" -> "kyivs-trams"."""
    return slugify(" ".join(_latin(word) for word in text.lower().split()))
