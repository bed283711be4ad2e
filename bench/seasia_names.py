"""Seeded generator of a fictitious South-East Asian name-matching test set.

Builds organisation and person names in the styles of MY, ID, PH, TH, VN, SG, NP, MM, KH and BD,
then derives labelled pairs: true variants (legal-form swaps, typos, diacritics, split/joined
words, reordered names, honorifics, native-script legal forms, a place in brackets, legal forms with
swapped letters, an earlier name listed with a slash, "SURNAME, Given" order) and hard negatives (same
generic words with a different distinctive word, different places in brackets, same common surname
with a different given name).
All names are invented from syllables; none refers to a real company or person.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass

SYLLABLES = ("ba be bi bu da di du ga gi gu ja ju ka ke ki ko ku la li lu ma mi mo mu na ni no nu "
             "pa pi po pu ra ri ro ru sa si so su ta ti to tu wa wi ya yu an ar as en in on un "
             "bang bor chai dang han hong kan kam lin long mai nam pan pong rin san sen som tan "
             "thong wan win yot").split()
GENERIC = ("Manpower Services International Global Recruitment Overseas Employment Agency Trading "
           "General Resources Solutions Human Placement Staffing Workforce Consultancy Management "
           "Enterprise Travel Express United Golden Star Prime Asia Pacific Jaya Maju Sejahtera "
           "Abadi Mandiri Utama Sentosa").split()
LEGAL_FORMS = {
    "MY": [("Sdn Bhd", "Sendirian Berhad"), ("Sdn. Bhd.", "Sdn Bhd"), ("Bhd", "Berhad")],
    "ID": [("PT", "Perseroan Terbatas"), ("CV", "Commanditaire Vennootschap"), ("PT", "PT Tbk")],
    "PH": [("Inc.", "Incorporated"), ("Corp.", "Corporation"), ("Co.", "Company")],
    "SG": [("Pte Ltd", "Private Limited"), ("Pte. Ltd.", "Pte Ltd")],
    "TH": [("Co., Ltd.", "Company Limited"), ("Co., Ltd.", "บริษัท {} จำกัด")],
    "VN": [("Co., Ltd.", "Công ty TNHH {}"), ("JSC", "Công ty Cổ phần {}"), ("JSC", "CTCP {}")],
    "NP": [("Pvt Ltd", "Private Limited"), ("Pvt. Ltd.", "Pvt Ltd")],
    "BD": [("Ltd", "Limited"), ("Pvt Ltd", "Private Limited")],
    "MM": [("Co., Ltd.", "Company Limited")],
    "KH": [("Co., Ltd.", "Company Limited")],
    "HK": [("Limited", "{}有限公司")],
    "AE": [("L.L.C.", "LLC"), ("Est.", "Establishment")],
}
FAMILY = {
    "VN": ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do"],
    "PH": ["Santos", "Reyes", "Cruz", "Garcia", "Bautista", "Mendoza", "Dela Cruz", "Ramos"],
    "NP": ["Shrestha", "Tamang", "Gurung", "Rai", "Magar", "Thapa"],
    "BD": ["Islam", "Ahmed", "Hossain", "Rahman", "Khan", "Uddin"],
    "MM": ["Aung", "Kyaw", "Win", "Myint", "Htun"],
    "KH": ["Sok", "Chan", "Heng", "Chea", "Kim"],
}
# How a company names the country it trades in, in brackets ("Sinar Jaya (M) Sdn Bhd").
PLACES = {"MY": "(M)", "ID": "(Indonesia)", "PH": "(Phils.)", "SG": "(S)", "TH": "(Thailand)", "VN": "(Vietnam)",
          "NP": "(Nepal)", "BD": "(Bangladesh)", "MM": "(Myanmar)", "KH": "(Cambodia)", "HK": "(HK)", "AE": "(UAE)"}
# Legal forms typed with two letters swapped.
SWAPPED_FORMS = {"Sdn Bhd": "Sdn Bdh", "Sdn. Bhd.": "Sdn. Bdh.", "Pte Ltd": "Pte Ldt", "Pte. Ltd.": "Pte. Ldt.",
                 "Pvt Ltd": "Pvt Ldt", "Pvt. Ltd.": "Pvt. Ldt."}
ACCENTS = {"a": "áàâãă", "e": "éèê", "i": "íì", "o": "óòôơ", "u": "úùư", "d": "đ"}
HONORIFICS = ["Haji", "Dato'", "Datuk", "Mr", "Mrs", "Encik", "Puan", "Dr", "Hj."]


@dataclass
class Pair:
    """A labelled pair of names."""

    name1: str
    name2: str
    kind: str
    is_match: bool
    category: str


def pseudo_word(rng: random.Random, parts: int | None = None) -> str:
    """A capitalised invented word of 2-3 syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts or rng.choice((2, 2, 3)))).capitalize()


def organisation(rng: random.Random, country: str | None = None) -> tuple[str, str, str]:
    """(core name without legal form, country, legal form) for a fictitious organisation."""
    country = country or rng.choice(list(LEGAL_FORMS))
    words = [pseudo_word(rng)]
    if rng.random() < 0.35:
        words.append(pseudo_word(rng))
    words += rng.sample(GENERIC, rng.choice((1, 2, 2, 3)))
    return " ".join(words), country, rng.choice(LEGAL_FORMS[country])[0]


def with_form(core: str, form: str) -> str:
    """Attach a legal form written either as a suffix, a prefix ("PT") or a template ("{}有限公司")."""
    if "{}" in form:
        return form.format(core)
    return f"{form} {core}" if form in ("PT", "CV", "CTCP") else f"{core} {form}"


def person(rng: random.Random, country: str | None = None) -> tuple[list[str], str]:
    """(name parts in written order, country) for a fictitious person."""
    country = country or rng.choice(["VN", "PH", "NP", "BD", "MM", "KH", "MY", "TH"])
    given = pseudo_word(rng)
    if country == "VN":
        return [rng.choice(FAMILY["VN"]), rng.choice(["Van", "Thi", "Duc"]), given], country
    if country == "MY":
        return [given, rng.choice(["bin", "binti"]), pseudo_word(rng)], country
    if country == "TH":
        return [given, pseudo_word(rng, 3)], country
    return [given, rng.choice(FAMILY[country])], country


def typo(rng: random.Random, word: str) -> str:
    """One random edit (substitute, delete, insert or swap) inside a word of 5+ letters."""
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice("sdit")
    letter = rng.choice("aeioulnrst")
    if op == "s":
        return word[:i] + letter + word[i + 1:]
    if op == "d":
        return word[:i] + word[i + 1:]
    if op == "i":
        return word[:i] + letter + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def accented(rng: random.Random, text: str) -> str:
    """Add Vietnamese-style diacritics to some letters."""
    return "".join(rng.choice(ACCENTS[c]) if c in ACCENTS and rng.random() < 0.5 else c for c in text)


def _org_positive(rng: random.Random) -> Pair:
    core, country, form = organisation(rng)
    variant = core
    category = rng.choice(["legal_form_swap", "typo", "split_join", "case_punctuation", "native_legal_form",
                           "generic_word_spacing", "place_in_brackets", "legal_form_letters_swapped",
                           "other_name_with_slash"])
    first, *rest = core.split(" ")
    if category == "typo":
        words = core.split(" ")
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = typo(rng, words[longest]) if len(words[longest]) >= 5 else words[longest] + "s"
        variant = " ".join(words)
    elif category == "split_join":
        variant = first + rest[0] + " " + " ".join(rest[1:]) if rest else first
        variant = variant.strip()
    elif category == "case_punctuation":
        variant = core.upper().replace(" ", rng.choice([" ", " - ", ", "]), 1)
    elif category == "generic_word_spacing" and "Manpower" in core:
        variant = core.replace("Manpower", "Man-Power")
    elif category == "place_in_brackets":
        variant = f"{core} {PLACES[country]}"
    elif category == "legal_form_letters_swapped" and form in SWAPPED_FORMS:
        return Pair(with_form(core, form), with_form(core, SWAPPED_FORMS[form]), "organisation", True, category)
    elif category == "other_name_with_slash":
        earlier = f"{pseudo_word(rng)} {rng.choice(GENERIC)}"
        return Pair(with_form(core, form), f"{earlier} / {with_form(core, form)}", "organisation", True, category)
    if category == "legal_form_letters_swapped":
        category = "legal_form_swap"
    other_form = rng.choice(LEGAL_FORMS[country])[1] if category != "typo" else form
    if category == "native_legal_form":
        native = {"TH": "บริษัท {} จำกัด", "VN": "Công ty TNHH {}", "HK": "{}有限公司"}
        other_form = native.get(country, other_form)
    return Pair(with_form(core, form), with_form(variant, other_form), "organisation", True, category)


def _org_negative(rng: random.Random) -> Pair:
    core, country, form = organisation(rng)
    words = core.split(" ")
    category = rng.choice(["different_distinctive_word", "different_distinctive_word", "different_generic_word",
                           "different_place_in_brackets"])
    if category == "different_place_in_brackets":
        here, there = rng.sample(sorted(set(PLACES.values())), 2)
        return Pair(with_form(f"{core} {here}", form), with_form(f"{core} {there}", form), "organisation", False,
                    category)
    if category == "different_generic_word":
        core = " ".join(rng.sample(GENERIC, 3))
        words = core.split(" ")
        words[-1] = rng.choice([w for w in GENERIC if w not in words])
    else:
        category = "different_distinctive_word"
        words[0] = pseudo_word(rng)
    return Pair(with_form(core, form), with_form(" ".join(words), form), "organisation", False, category)


def _person_positive(rng: random.Random) -> Pair:
    parts, country = person(rng)
    variant = list(parts)
    category = rng.choice(["reordered", "typo", "diacritics", "honorific", "dropped_particle", "list_style"])
    given_index = 2 if country == "VN" else 0
    if category == "reordered" and country != "MY":  # "X bin Y" reversed is another person
        variant = variant[-1:] + variant[:-1] if country == "VN" else variant[::-1]
    elif category == "typo" and len(variant[given_index]) >= 5:
        variant[given_index] = typo(rng, variant[given_index])
    elif category == "diacritics":
        variant = [accented(rng, p) for p in variant]
    elif category == "honorific":
        variant = [rng.choice(["U", "Daw"] if country == "MM" else HONORIFICS)] + variant
    elif category == "list_style" and country not in ("MY", "TH"):  # "SURNAME, Given Names"
        family_index = 0 if country == "VN" else -1
        rest = variant[1:] if family_index == 0 else variant[:-1]
        variant = [variant[family_index].upper() + ","] + rest
    elif category == "dropped_particle" and len(variant) == 3 and country in ("VN", "MY"):
        variant = [variant[0], variant[2]]
    if variant == parts:
        variant, category = [p.upper() for p in parts], "upper_case"
    return Pair(" ".join(parts), " ".join(variant), "person", True, category)


def _person_negative(rng: random.Random) -> Pair:
    parts, country = person(rng, rng.choice(["VN", "PH", "NP", "BD", "MM", "KH"]))
    variant = list(parts)
    given_index = 2 if country == "VN" else 0
    if rng.random() < 0.7:
        variant[given_index] = pseudo_word(rng)
        category = "same_common_surname"
    else:
        family_index = 0 if country == "VN" else -1
        current = variant[family_index]
        options = [f for f in FAMILY[country] if current not in f and f not in current]
        variant[family_index] = rng.choice(options)
        category = "same_given_name_other_surname"
    return Pair(" ".join(parts), " ".join(variant), "person", False, category)


def generate_pairs(count: int = 1000, seed: int = 20240601) -> list[Pair]:
    """``count`` labelled pairs, about half true matches, half organisations."""
    rng = random.Random(seed)
    makers = [_org_positive, _org_negative, _person_positive, _person_negative]
    return [makers[i % 4](rng) for i in range(count)]


def generate_names(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` fictitious (kind, name) entries for index benchmarks, 60% organisations."""
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        if rng.random() < 0.6:
            core, _country, form = organisation(rng)
            names.append(("organisation", with_form(core, form)))
        else:
            names.append(("person", " ".join(person(rng)[0])))
    return names


def main(argv: list[str] | None = None) -> None:
    """Write the pairs as CSV to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args(argv)
    writer = csv.writer(sys.stdout)
    writer.writerow(["name1", "name2", "kind", "is_match", "category"])
    for pair in generate_pairs(args.count, args.seed):
        writer.writerow([pair.name1, pair.name2, pair.kind, str(pair.is_match).lower(), pair.category])


if __name__ == "__main__":
    main()
