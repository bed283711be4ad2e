"""Seeded generator of a harder labelled name-pair set for the failure classes of issue 15.

Every class has true pairs (the same holder written differently) and hard negatives (different holders
sharing family names, given names, generic words or legal forms): (a) person vs organisation made of
the same syllables, (b) romanised syllables one letter apart, (c) a different given name beside shared
ones, (d) an organisation's extra distinctive word or a match on generic words only, (e) the Arabic
article and bin/bint, (f) Filipino particles and "Ma."/"Sta.", (g) agency abbreviations, (h) initials,
plus (x) mixed controls. Names are assembled from lists of common given and family names and generic
business words; no pair names a real company or person. Written once, split into a development half
and a frozen test half:

    python bench/hard_names.py            # writes bench/data/hard_names_dev.csv and hard_names_test.csv
"""
from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED = 20261205
COUNT = 6000

VN_FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
VN_MIDDLE = "Văn Thị Đức Hữu Công Quang Minh Thanh Ngọc Xuân".split()
VN_GIVEN = ("Minh Binh Linh Vinh Thinh Hùng Hằng Hồng Long Dũng Tuấn Toàn Nam Lâm Tâm Hải Tài Mai Hà Hoa "
            "Thanh Trang Hương Phương Quang Khang Sơn Tùng Trung Cường Hiếu Hiền Lan Loan Yến Yên Phúc Lộc "
            "Thảo Thắng Tín Tiến Kiên Kiệt Duy Huy Quân Tuyết").split()
CN_FAMILY = "Tan Lim Lee Ng Wong Chan Goh Teo Ong Koh Chua Low Yeo Sim Chong".split()
CN_GIVEN = ("Keong Kiang Leong Peng Leng Seng Heng Hock Lock Boon Hoon Chee Siew Ming Ling Ping Wei Wai Kok "
            "Kin Hing Ming Chuan Loke Meng Hong Kong Beng Cheng Choon Soon Tiong Kiat Liat Huat").split()
MM_NAMES = "Aung Kyaw Win Myint Htun Thein Zaw Min Naing Soe Moe Tun Oo Hlaing Thant Lwin Maung Myo Nyein San".split()
KH_NAMES = "Sok Sak Chan Chen Heng Hang Vanna Dara Rith Roth Sothea Sophal Bopha Chea Kim Pich Srey Mony Nary".split()
TH_GIVEN = "Somchai Somsak Sompong Suda Sudarat Anan Arun Boonmee Chaiya Kittisak Niran Prasert Wichai".split()
TH_FAMILY = "Srisuk Thongdee Boonsri Chaiyaporn Kaewkla Saelim Wongsa Rattana Sukjai Phongsri".split()
ID_GIVEN = "Sri Ratna Dewi Wulan Ayu Putri Indah Budi Agus Eko Joko Bambang Hadi Rina Siti Nur".split()
ID_FAMILY = "Anggraini Wahyuni Susanti Lestari Handayani Kurniawan Setiawan Saputra Hidayat Nugroho".split()
NP_GIVEN = "Rupa Maya Sita Gita Ram Hari Krishna Bishnu Sunita Anita Kamala Binod".split()
NP_FAMILY = "Sherpa Sharma Gurung Tamang Thapa Rai Magar Shrestha Adhikari Karki Bhattarai Poudel".split()
AR_GIVEN = ("Ahmed Mohammed Khalid Rashid Saleh Faisal Omar Yousef Abdullah Nasser Hamad Sultan Saeed Fahad "
            "Majid Ali Hassan Ibrahim Mansour Turki").split()
AR_FEMALE = "Fatima Aisha Mariam Noura Huda Latifa Maha Reem Sara Hessa".split()
AR_FAMILY = ("Bakri Ajmi Harbi Otaibi Qahtani Shammari Dosari Mutairi Zahrani Ghamdi Hajri Marri Kaabi Nuaimi "
             "Mansouri Suwaidi Falasi Rashidi Hashimi Amri").split()
PH_GIVEN = "Juan Jose Antonio Mark Jennifer Michael Ana Rosario Teresa Cristina Joseph Grace Carlo Angelica".split()
PH_MIDDLE = "Ocampo Reyes Santos Bautista Mendoza Villanueva Aquino Navarro Castillo Fernandez".split()
PH_PARTICLE_FAMILY = [("Dela", "Cruz"), ("Dela", "Paz"), ("Dela", "Rosa"), ("Delos", "Santos"),
                      ("Delos", "Reyes"), ("De", "Guzman"), ("De", "Leon"), ("Del", "Rosario"), ("Dela", "Torre")]
PH_SAINT_FAMILY = [("Sta.", "Santa", "Ana"), ("Sta.", "Santa", "Maria"), ("Sto.", "Santo", "Tomas"),
                   ("Sta.", "Santa", "Cruz"), ("Sto.", "Santo", "Domingo")]
GENERIC = ("Manpower Services International Global Recruitment Overseas Employment Agency Trading General "
           "Resources Solutions Human Placement Staffing Workforce Consultancy Management Enterprise Travel "
           "Express United Golden Star Prime Asia Pacific Jaya Maju Sejahtera Abadi Mandiri Utama Duta "
           "Engineering Construction Fishing Marine Logistics Holdings").split()
LEGAL = [("Sdn Bhd", "Sendirian Berhad"), ("Pte Ltd", "Private Limited"), ("Co., Ltd.", "Company Limited"),
         ("Inc.", "Incorporated"), ("Corp.", "Corporation"), ("Pvt Ltd", "Private Limited"), ("LLC", "L.L.C."),
         ("Ltd", "Limited")]
VN_FORMS = [("Công ty TNHH {}", "{} Co., Ltd."), ("Công ty Cổ phần {}", "{} JSC")]
# Abbreviations written in agency names, and the word each stands for.
ABBREVIATIONS = {"Enterprise": "Ent.", "Manpower": "M/Power", "Construction": "Constn", "International": "Intl",
                 "Services": "Svcs", "Management": "Mgmt", "Overseas": "O/S", "Agency": "Agcy",
                 "Manufacturing": "Mfg", "Brothers": "Bros"}
SYLLABLES = "ba bu da di ga ka ko ku la lu ma mi na no pa po ra ri sa su ta to wa ya".split()


@dataclass
class HardPair:
    """A labelled pair: each name with its kind, the label, and its class/subclass."""

    name1: str
    kind1: str
    name2: str
    kind2: str
    is_match: bool
    category: str


def plain(text: str) -> str:
    """Vietnamese text without diacritics, as often typed."""
    import unicodedata
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def near(rng: random.Random, words: list[str], word: str) -> str | None:
    """Another word of ``words`` of the same length differing from ``word`` in one or two letters."""
    options = [w for w in words if len(w) == len(word) and w != word
               and sum(a != b for a, b in zip(plain(w).lower(), plain(word).lower())) <= 2
               and plain(w).lower() != plain(word).lower()]
    return rng.choice(options) if options else None


def invented(rng: random.Random) -> str:
    """An invented distinctive word of three syllables ("Karimopa")."""
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def vn_person(rng: random.Random) -> list[str]:
    return [rng.choice(VN_FAMILY), rng.choice(VN_MIDDLE), rng.choice(VN_GIVEN)]


def syllable_person(rng: random.Random) -> tuple[list[str], list[str]]:
    """(name parts, the pool the varied syllable comes from) in one of five styles."""
    style = rng.choice(["vn", "cn", "mm", "kh", "th"])
    if style == "vn":
        return vn_person(rng), VN_GIVEN
    if style == "cn":
        return [rng.choice(CN_FAMILY), rng.choice(CN_GIVEN), rng.choice(CN_GIVEN)], CN_GIVEN
    if style == "mm":
        return rng.sample(MM_NAMES, rng.choice((2, 3))), MM_NAMES
    if style == "kh":
        return rng.sample(KH_NAMES, 2), KH_NAMES
    return [rng.choice(TH_GIVEN), rng.choice(CN_GIVEN)], CN_GIVEN


def agency(rng: random.Random, distinctive: int = 1) -> tuple[list[str], tuple[str, str]]:
    """(words, (legal form, its long form)) of an invented agency: distinctive words, then generic ones."""
    words = [invented(rng) if rng.random() < 0.5 else rng.choice(CN_GIVEN + TH_FAMILY) for _ in range(distinctive)]
    words += rng.sample(GENERIC, rng.choice((1, 2, 3)))
    return words, rng.choice(LEGAL)


def with_legal(words: list[str], form: str) -> str:
    return " ".join(words) + " " + form


# (a) kinds -------------------------------------------------------------------------------------------
def class_a(rng: random.Random, positive: bool) -> HardPair:
    parts = vn_person(rng)
    if positive:
        return HardPair(" ".join(parts), "person", plain(" ".join(parts)), "person", True, "a_same_kind")
    words = [parts[2], rng.choice(VN_GIVEN)] if rng.random() < 0.5 else [parts[2], parts[1]]
    template = rng.choice(VN_FORMS)[rng.randrange(2)]
    return HardPair(" ".join(parts), "person", template.format(" ".join(words)), "organisation", False,
                    "a_person_vs_organisation")


# (b) syllables ---------------------------------------------------------------------------------------
def class_b(rng: random.Random, positive: bool) -> HardPair:
    for _ in range(50):
        parts, pool = syllable_person(rng)
        index = rng.randrange(1, len(parts)) if len(parts) > 1 else 0
        other = near(rng, pool, parts[index])
        if other:
            break
    name = " ".join(parts)
    if positive:
        how = rng.choice(["plain", "upper", "reorder", "swap"])
        variant = list(parts)
        if how == "plain":
            text = plain(name)
        elif how == "upper":
            text = plain(name).upper()
        elif how == "reorder":
            text = " ".join(variant[1:] + variant[:1])
        else:
            longest = max(range(len(variant)), key=lambda i: len(variant[i]))
            word = variant[longest]
            if len(word) >= 5:
                i = rng.randrange(1, len(word) - 2)
                word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            variant[longest] = word
            text = " ".join(variant)
        return HardPair(name, "person", text, "person", True, f"b_same_syllables_{how}")
    variant = list(parts)
    variant[index] = other or parts[index] + "h"
    return HardPair(name, "person", plain(" ".join(variant)) if rng.random() < 0.5 else " ".join(variant),
                    "person", False, "b_syllable_one_letter_apart")


# (c) given names -------------------------------------------------------------------------------------
def class_c(rng: random.Random, positive: bool) -> HardPair:
    style = rng.choice(["vn", "id", "np"])
    if style == "vn":
        family, middle, given = rng.choice(VN_FAMILY), rng.choice(VN_MIDDLE), rng.choice(VN_GIVEN)
        second = rng.choice([m for m in VN_MIDDLE + VN_GIVEN if m not in (middle, given)])
        full = [family, middle, second, given]
        if positive:
            return HardPair(" ".join(full), "person", " ".join([family, middle, given]), "person", True,
                            "c_dropped_given_name")
        other = rng.choice([m for m in VN_MIDDLE + VN_GIVEN if plain(m) not in (plain(second), plain(middle),
                                                                               plain(given))])
        return HardPair(" ".join(full), "person", " ".join([family, middle, other, given]), "person", False,
                        "c_other_given_name")
    given_pool, family_pool = (ID_GIVEN, ID_FAMILY) if style == "id" else (NP_GIVEN, NP_FAMILY)
    first, second = rng.sample(given_pool, 2)
    family = rng.choice(family_pool)
    if positive:
        return HardPair(f"{first} {second} {family}", "person", f"{first} {family}", "person", True,
                        "c_dropped_given_name")
    third = rng.choice([g for g in given_pool if g not in (first, second)])
    if rng.random() < 0.5:
        return HardPair(f"{first} {second} {family}", "person", f"{third} {second} {family}", "person", False,
                        "c_other_given_name")
    other_family = rng.choice([f for f in family_pool if f != family])
    return HardPair(f"{first} {family}", "person", f"{first} {second} {other_family}", "person", False,
                    "c_other_family_name")


# (d) organisation words ------------------------------------------------------------------------------
def class_d(rng: random.Random, positive: bool) -> HardPair:
    words, (short, long) = agency(rng, rng.choice((1, 2)))
    name = with_legal(words, short)
    if positive:
        how = rng.choice(["legal_form", "generic_extra", "upper"])
        if how == "legal_form":
            return HardPair(name, "organisation", with_legal(words, long), "organisation", True, "d_legal_form")
        if how == "generic_extra":
            extra = rng.choice([g for g in GENERIC if g not in words])
            more = words[:-1] + [extra] + words[-1:]
            return HardPair(name, "organisation", with_legal(more, short), "organisation", True, "d_generic_extra")
        return HardPair(name, "organisation", name.upper(), "organisation", True, "d_upper")
    if rng.random() < 0.6:
        extra = invented(rng) if rng.random() < 0.5 else rng.choice(CN_GIVEN + TH_FAMILY)
        at = rng.randrange(0, 2)
        more = words[:at] + [extra] + words[at:]
        return HardPair(with_legal(more, short), "organisation", with_legal(words, rng.choice((short, long))),
                        "organisation", False, "d_distinctive_extra_word")
    generic = rng.sample(GENERIC, 3)
    extra = rng.choice([g for g in GENERIC if g not in generic])
    return HardPair(with_legal(generic[:1] + [extra] + generic[1:], rng.choice(LEGAL)[0]), "organisation",
                    with_legal(generic, rng.choice(LEGAL)[0]), "organisation", False, "d_generic_words_only")


# (e) Arabic ------------------------------------------------------------------------------------------
def class_e(rng: random.Random, positive: bool) -> HardPair:
    female = rng.random() < 0.3
    own = rng.choice(AR_FEMALE if female else AR_GIVEN)
    father = rng.choice(AR_GIVEN)
    family = rng.choice(AR_FAMILY)
    link = "bint" if female else "bin"
    name = f"{own} {link} {father} Al-{family}"
    if positive:
        written = rng.choice(["Al-{}", "Al {}", "Al{l}", "El-{}", "El{l}"]).format(family, l=family.lower())
        with_link = rng.random() < 0.5
        return HardPair(name, "person", f"{own} {link + ' ' if with_link else ''}{father} {written}", "person", True,
                        "e_article_or_bin_written_differently")
    if rng.random() < 0.5:
        other = rng.choice([f for f in AR_FAMILY if f != family])
        return HardPair(name, "person", f"{own} {father} Al{other.lower()}", "person", False, "e_other_family_name")
    other = rng.choice([g for g in (AR_FEMALE if female else AR_GIVEN) if g != own])
    return HardPair(name, "person", f"{other} {link} {father} Al {family}", "person", False, "e_other_own_name")


# (f) Filipino ----------------------------------------------------------------------------------------
def class_f(rng: random.Random, positive: bool) -> HardPair:
    given = rng.choice(PH_GIVEN)
    middle = rng.choice(PH_MIDDLE)
    if rng.random() < 0.6:
        particle, root = rng.choice(PH_PARTICLE_FAMILY)
        family = f"{particle} {root}"
        if positive:
            joined = rng.choice([particle + root.lower(), particle.replace("la", " la").replace("los", " los")
                                 + " " + root, family.upper()])
            return HardPair(f"{given} {middle} {family}", "person", f"{given} {middle} {joined}", "person", True,
                            "f_particle_joined_or_spaced")
        other = rng.choice([r for p, r in PH_PARTICLE_FAMILY if p == particle and r != root] or ["Vega"])
        return HardPair(f"{given} {middle} {family}", "person", f"{given} {middle} {particle} {other}", "person",
                        False, "f_same_particle_other_name")
    short, long, root = rng.choice(PH_SAINT_FAMILY)
    first = rng.choice(["Ma.", "Maria"]) if rng.random() < 0.5 else given
    name = f"{first} {given if first != given else middle} {short} {root}"
    if positive:
        full_first = "Maria" if first == "Ma." else first
        return HardPair(name, "person", f"{full_first} {given if first != given else middle} {long} {root}",
                        "person", True, "f_abbreviated_name_written_out")
    other = rng.choice([r for s, _, r in PH_SAINT_FAMILY if r != root])
    return HardPair(name, "person", f"{first} {given if first != given else middle} {long} {other}", "person",
                    False, "f_same_particle_other_name")


# (g) abbreviations -----------------------------------------------------------------------------------
def class_g(rng: random.Random, positive: bool) -> HardPair:
    distinctive = invented(rng) if rng.random() < 0.5 else rng.choice(CN_FAMILY + TH_FAMILY)
    generic = rng.sample(sorted(ABBREVIATIONS), rng.choice((1, 2, 2, 3)))
    form = rng.choice(LEGAL)[0]
    full = with_legal([distinctive] + generic, form)
    short = with_legal([distinctive] + [ABBREVIATIONS[g] for g in generic], form)
    if positive:
        return HardPair(short, "organisation", full, "organisation", True, "g_abbreviation_written_out")
    other = invented(rng) if rng.random() < 0.5 else rng.choice([w for w in CN_FAMILY + TH_FAMILY if w != distinctive])
    return HardPair(short, "organisation", with_legal([other] + generic, form), "organisation", False,
                    "g_same_abbreviations_other_name")


# (h) initials ----------------------------------------------------------------------------------------
def class_h(rng: random.Random, positive: bool) -> HardPair:
    if rng.random() < 0.5:
        family, middle, given = rng.choice(VN_FAMILY), rng.choice(VN_MIDDLE), rng.choice(VN_GIVEN)
        second = rng.choice([g for g in VN_GIVEN if g != given])
        full = f"{family} {middle} {second} {given}"
        if positive:
            return HardPair(f"{family} {plain(middle)[0]}. {second} {given}", "person", full, "person", True,
                            "h_initial_for_given_name")
        letter = rng.choice([m for m in VN_MIDDLE if plain(m)[0] != plain(middle)[0]])
        return HardPair(f"{family} {plain(letter)[0]}. {second} {given}", "person", full, "person", False,
                        "h_initial_conflicts")
    given, middle = rng.choice(PH_GIVEN), rng.choice(PH_MIDDLE)
    family = rng.choice(PH_MIDDLE + ["Cruz", "Garcia", "Ramos"])
    full = f"{given} {middle} {family}"
    if positive:
        return HardPair(f"{given} {middle[0]}. {family}", "person", full, "person", True, "h_initial_for_given_name")
    other = rng.choice([m for m in PH_MIDDLE if m[0] != middle[0]])
    return HardPair(f"{given} {other[0]}. {family}", "person", full, "person", False, "h_initial_conflicts")


# (x) mixed controls ----------------------------------------------------------------------------------
def class_x(rng: random.Random, positive: bool) -> HardPair:
    if rng.random() < 0.5:  # organisations sharing generic words and a legal form
        words, (short, long) = agency(rng, 1)
        if positive:
            word = words[0]
            if len(word) >= 6:
                i = rng.randrange(2, len(word) - 1)
                word = word[:i] + word[i + 1:]
            return HardPair(with_legal(words, short), "organisation", with_legal([word] + words[1:], long),
                            "organisation", True, "x_organisation_typo_and_legal_form")
        other = invented(rng)
        return HardPair(with_legal(words, short), "organisation", with_legal([other] + words[1:], short),
                        "organisation", False, "x_shared_generic_words_and_legal_form")
    family = rng.choice(VN_FAMILY + CN_FAMILY + PH_MIDDLE + AR_FAMILY)
    given = rng.choice(VN_GIVEN + PH_GIVEN + AR_GIVEN + ID_GIVEN)
    if positive:
        return HardPair(f"{given} {family}", "person", f"{family.upper()}, {given}", "person", True,
                        "x_list_style")
    other = rng.choice([g for g in VN_GIVEN + PH_GIVEN + AR_GIVEN + ID_GIVEN if plain(g) != plain(given)])
    return HardPair(f"{given} {family}", "person", f"{other} {family}", "person", False, "x_shared_family_name")


CLASSES = [class_a, class_b, class_c, class_d, class_e, class_f, class_g, class_h, class_x]


def generate(count: int = COUNT, seed: int = SEED) -> list[HardPair]:
    """``count`` pairs, classes in turn, positives and negatives alternating; one in five pairs leaves
    the kind unsaid ("any") on both sides unless the kinds differ."""
    rng = random.Random(seed)
    pairs = []
    for i in range(count):
        pair = CLASSES[i % len(CLASSES)](rng, (i // len(CLASSES)) % 2 == 0)
        if pair.kind1 == pair.kind2 and rng.random() < 0.2:
            pair.kind1 = pair.kind2 = "any"
        pairs.append(pair)
    return pairs


def split(pairs: list[HardPair], seed: int = SEED) -> tuple[list[HardPair], list[HardPair]]:
    """(development half, frozen test half), shuffled once with ``seed``."""
    order = list(range(len(pairs)))
    random.Random(seed + 1).shuffle(order)
    half = len(order) // 2
    return [pairs[i] for i in sorted(order[:half])], [pairs[i] for i in sorted(order[half:])]


FIELDS = ["name1", "kind1", "name2", "kind2", "is_match", "category"]


def write(pairs: list[HardPair], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        for p in pairs:
            writer.writerow([p.name1, p.kind1, p.name2, p.kind2, str(p.is_match).lower(), p.category])


def read(path: Path) -> list[HardPair]:
    """Pairs from a CSV written by ``write``."""
    with open(path, encoding="utf-8") as handle:
        return [HardPair(r["name1"], r["kind1"], r["name2"], r["kind2"], r["is_match"] == "true", r["category"])
                for r in csv.DictReader(handle)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="overwrite an existing frozen test half")
    args = parser.parse_args(argv)
    dev, test = split(generate(args.count, args.seed), args.seed)
    DATA.mkdir(exist_ok=True)
    frozen = DATA / "hard_names_test.csv"
    if frozen.exists() and not args.force:
        raise SystemExit(f"{frozen} exists: the test half is frozen (use --force to rewrite it)")
    write(dev, DATA / "hard_names_dev.csv")
    write(test, frozen)
    print(f"{len(dev)} development pairs, {len(test)} frozen test pairs in {DATA}")


if __name__ == "__main__":
    main()
