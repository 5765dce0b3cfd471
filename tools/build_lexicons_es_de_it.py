#!/usr/bin/env python3
"""Build the graded lexicons and form tables of cefrlint for Spanish, German and Italian.

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install -r tools/requirements.txt
    /tmp/lexvenv/bin/python tools/build_lexicons_es_de_it.py

Writes rules/{es,de,it}/lexicon.tsv and rules/{es,de,it}/forms.tsv. No open
CEFR word list and no lemmatiser with non-GPL data exist for these languages
in the package registries, so the levels are derived:

1. word-form frequencies come from wordfreq (data CC BY-SA 4.0);
2. forms are grouped into lemma families by paradigms that this script
   generates itself (regular conjugation and declension rules, and the
   hand-written tables of irregular verbs and closed classes in tools/data/),
   with the Snowball stemmers (snowballstemmer, BSD) checking the guessed
   noun/adjective pairings (a plural is only joined to a singular that has
   the same Snowball stem);
3. a lemma's frequency is the sum of its family's form frequencies; lemmas
   are ranked and cut into CEFR bands at the same cumulative ranks as French
   (tools/build_lexicons.py);
4. hand-written core A1-A2 lists and multi-word expressions override the
   frequency levels.

The output depends only on the pinned packages and the files in tools/data/,
so a second run gives identical files. The method is written down in
docs/lexicon-method.md, the sources and licences in rules/SOURCES.md.
The script ends with spot checks and exits with status 1 when one fails.
"""

from __future__ import annotations

import math
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version as pkg_version
from pathlib import Path

import snowballstemmer
import wordfreq

# Shared with the English and French build: level order and the TSV writers.
from build_lexicons import (
    check_field,
    level_index,
    lowest_level,
    print_distribution,
    write_forms,
    write_lexicon,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
POS_VALUES = {"noun", "verb", "adj", "adv", "det", "pron", "prep", "conj",
              "num", "intj", "phrase", "-"}

# Cumulative number of lemmas (by frequency rank) in each band: the same
# numbers as French (tools/build_lexicons.py, FR_BANDS), from the usual
# estimates of vocabulary size per level (docs/lexicon-method.md).
BANDS = (("A1", 600), ("A2", 1400), ("B1", 2500), ("B2", 4500), ("C1", 8000))
# Word forms rarer than this (wordfreq Zipf scale, log10 of occurrences per
# billion words) are ignored: below it wordfreq's lists are mostly typos,
# names and fragments. Zipf 1.5 = 0.03 per million.
MIN_FORM_ZIPF = 1.5
# Lemmas whose summed family frequency is below this are left out: Zipf 1.7
# = 0.05 per million, the French cut (FR_MIN_FREQ).
MIN_LEMMA_ZIPF = 1.7
# A word more frequent in English than in the language by this many Zipf
# points is taken to be English text quoted in the corpus (the, you, love)
# and ignored, unless a hand list has it.
FOREIGN_ZIPF_GAP = 1.0
# A noun/adjective form is joined to a base only when the base is at least
# this fraction as frequent as the form (keeps "ende" away from "end").
BASE_MIN_RATIO = 0.05
# A word that the rules read as a regular verb form but that is this many
# times more frequent than all the other forms of that verb together is
# taken to be another word (cosa is not a form of coser).
VERB_FORM_ALONE = 3.0
# A plural is evidence that a verb form is also a noun (trabajos beside
# trabajo) only when it is at least this fraction as frequent as the form.
NOMINAL_EVIDENCE_RATIO = 0.02
# An infinitive-like word whose verb forms (past, participle...) add up to
# less than this fraction of its own frequency, and which has a noun/adjective
# base in the corpus, is taken to be a plural (German punkten, tagen).
INFINITIVE_PLURAL_RATIO = 0.2
# tambien is a spelling of también when también is this many times as frequent.
ACCENTLESS_RATIO = 3.0


def zipf_of(freq: float) -> float:
    return math.log10(freq) + 9 if freq > 0 else 0.0


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


# ---------------------------------------------------------------------------
# Hand-written lists
# ---------------------------------------------------------------------------

def _data_lines(path: Path, header: list[str]):
    seen = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not seen:
            if fields != header:
                raise ValueError(f"{path}:{lineno}: header must be {'/'.join(header)}")
            seen = True
            continue
        if len(fields) != len(header):
            raise ValueError(f"{path}:{lineno}: expected {len(header)} fields, got {len(fields)}")
        yield lineno, fields


def read_hand_list(path: Path) -> list[tuple[str, str, str]]:
    """`entry<TAB>level<TAB>pos` lines (the format of the en/fr hand lists)."""
    rows = []
    for lineno, (entry, level, pos) in _data_lines(path, ["entry", "level", "pos"]):
        entry = re.sub(r"\s+", " ", entry.replace("\u2019", "'")).lower()
        if level not in LEVELS or pos not in POS_VALUES:
            raise ValueError(f"{path}:{lineno}: bad level or pos: {level!r} {pos!r}")
        rows.append((entry, level, pos))
    return rows


def read_closed_forms(path: Path) -> list[tuple[str, str]]:
    """`form<TAB>lemma` lines: forms of closed-class words (articles, pronouns...)."""
    out = []
    for _lineno, (form, lemma) in _data_lines(path, ["form", "lemma"]):
        for f in form.split(","):
            out.append((f.strip().lower(), lemma.lower()))
    return out


def read_verb_table(path: Path) -> list[tuple[str, str, dict[str, str]]]:
    """`verb<TAB>class<TAB>parts` lines: the irregular verb tables.

    parts is a list of `key=value` items separated by ` ; ` (see the file's
    header comment for the keys of each language)."""
    out = []
    for lineno, (verb, cls, parts) in _data_lines(path, ["verb", "class", "parts"]):
        spec: dict[str, str] = {}
        if parts != "-":
            for item in parts.split(";"):
                item = item.strip()
                if not item:
                    continue
                if "=" not in item:
                    raise ValueError(f"{path}:{lineno}: bad item {item!r}")
                k, v = item.split("=", 1)
                spec[k.strip()] = v.strip()
        out.append((verb.lower(), cls, spec))
    return out


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Language description
# ---------------------------------------------------------------------------

@dataclass
class Lang:
    code: str
    name: str
    letters: str                      # regex character class body
    single_letters: set[str]          # one-letter words that are words
    stemmer: object
    # verb infinitive -> (forms, trusted); built by the language module
    conjugate: object
    infinitive_re: re.Pattern
    # word -> list of (base, checked) noun/adjective base candidates
    bases: object
    # verb forms whose presence in the corpus shows a regular verb is real
    evidence: object
    evidence_min: int
    accentless_forms: bool            # add accent-stripped spellings of forms
    vowels: str = "aeiou"
    base_min_ratio: float = BASE_MIN_RATIO
    verb_form_alone: float | None = VERB_FORM_ALONE
    verb_forms_as_bases: bool = True
    fold: object = None               # wordfreq's folding of hand spellings (de: ß -> ss)
    extra_forms: object = None        # hook: more (form, lemma) pairs for a lemma
    notes: list = field(default_factory=list)


def stem(lang: Lang, word: str) -> str:
    return lang.stemmer.stemWord(word)


# ---------------------------------------------------------------------------
# Spanish morphology
# ---------------------------------------------------------------------------

ES_VOWELS = "aeiouáéíóúü"
ES_STRONG = "aeoáéóíú"     # an accented i/u is a vowel of its own
ES_END = {
    "ar": dict(pres=["o", "as", "a", "amos", "áis", "an"],
               pret=["é", "aste", "ó", "amos", "asteis", "aron"],
               impf=["aba", "abas", "aba", "ábamos", "abais", "aban"],
               subj=["e", "es", "e", "emos", "éis", "en"],
               imp=["a", "ad"], vos=["ás", "á"], ger="ando", part="ado"),
    "er": dict(pres=["o", "es", "e", "emos", "éis", "en"],
               pret=["í", "iste", "ió", "imos", "isteis", "ieron"],
               impf=["ía", "ías", "ía", "íamos", "íais", "ían"],
               subj=["a", "as", "a", "amos", "áis", "an"],
               imp=["e", "ed"], vos=["és", "é"], ger="iendo", part="ido"),
    "ir": dict(pres=["o", "es", "e", "imos", "ís", "en"],
               pret=["í", "iste", "ió", "imos", "isteis", "ieron"],
               impf=["ía", "ías", "ía", "íamos", "íais", "ían"],
               subj=["a", "as", "a", "amos", "áis", "an"],
               imp=["e", "id"], vos=["ís", "í"], ger="iendo", part="ido"),
}
ES_FUT = ["é", "ás", "á", "emos", "éis", "án"]
ES_COND = ["ía", "ías", "ía", "íamos", "íais", "ían"]
ES_CL1 = ["me", "te", "se", "lo", "la", "le", "nos", "os", "los", "las", "les"]
ES_CL2 = [a + b for a in ("me", "te", "se", "nos", "os") for b in ("lo", "la", "los", "las")] + ["seme", "sete", "sele", "seles", "senos"]
# the persons that a stem change (pienso, duermo) touches
ES_BOOT = (0, 1, 2, 5)


def es_spell(stem: str, ending: str, th: str) -> str:
    """Join a stem and an ending with Spanish spelling changes."""
    if not ending:
        return stem
    e = ending[0]
    if th == "ar" and e in "eé":
        if stem.endswith("gu"):
            return stem[:-2] + "gü" + ending
        if stem.endswith("c"):
            return stem[:-1] + "qu" + ending
        if stem.endswith("g"):
            return stem + "u" + ending
        if stem.endswith("z"):
            return stem[:-1] + "c" + ending
    if th != "ar" and e in "aoá":
        if stem.endswith("gu") and th == "ir":
            return stem[:-2] + "g" + ending
        if stem.endswith("qu"):
            return stem[:-2] + "c" + ending
        if stem.endswith("g"):
            return stem[:-1] + "j" + ending
        if stem.endswith("c") and len(stem) > 1 and stem[-2] not in ES_VOWELS:
            return stem[:-1] + "z" + ending
    return stem + ending


def es_change(stem: str, kind: str) -> str:
    """Stem change on the last stem vowel: ie (e>ie), ue (o>ue, u>ue), i (e>i), u (o>u)."""
    chars = list(stem)
    for i in range(len(chars) - 1, -1, -1):
        c = chars[i]
        if c == "u" and i > 0 and chars[i - 1] in "gq" and (i + 1 == len(chars) or chars[i + 1] in "ei"):
            continue            # silent u of gue/gui/que/qui
        if c in "aeiou":
            if kind == "ie" and c == "e":
                new = "ie" if i > 0 else "ye"
            elif kind == "ue" and c == "o":
                new = "ue" if i > 0 else "hue"
            elif kind == "ue" and c == "u":
                new = "ue"
            elif kind == "i" and c == "e":
                new = "i"
            elif kind == "u" and c == "o":
                new = "u"
            else:
                return stem
            if new == "ue" and i > 0 and chars[i - 1] == "g":
                new = "üe"       # averguenza -> avergüenza
            return "".join(chars[:i]) + new + "".join(chars[i + 1:])
    return stem


def es_nuclei(word: str) -> list[tuple[int, int]]:
    """(start, end) of each vowel nucleus (diphthongs count as one)."""
    out = []
    i, n = 0, len(word)
    while i < n:
        if word[i] in ES_VOWELS:
            j = i + 1
            while j < n and word[j] in ES_VOWELS:
                a, b = word[j - 1], word[j]
                # two strong vowels, or an accented weak vowel, split the nucleus
                if (a in ES_STRONG and b in ES_STRONG) or a in "íú" or b in "íú":
                    break
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    # "qu" and "gu" before e/i are not nuclei of their own
    return out


def es_stressed(word: str) -> int:
    """Index (in es_nuclei) of the stressed nucleus of a word."""
    nuc = es_nuclei(word)
    for k, (a, b) in enumerate(nuc):
        if any(c in "áéíóú" for c in word[a:b]):
            return k
    if not nuc:
        return 0
    if word[-1] in "aeiouns":
        return max(0, len(nuc) - 2)
    return len(nuc) - 1


ES_ACCENT = str.maketrans("aeiou", "áéíóú")


def es_attach(form: str, clitics: str) -> str:
    """form + enclitic pronouns, with the written accent the result needs."""
    nuc = es_nuclei(form)
    if not nuc:
        return form + clitics
    k = es_stressed(form)
    a, b = nuc[k]
    plain = strip_accents(form[a:b]) if len(nuc) > 1 else form[a:b]
    body = form[:a] + plain + form[b:]
    word = body + clitics
    total = len(es_nuclei(word))
    if total - k >= 3 or (total - k == 1 and word[-1] in "aeiouns"):
        seg = body[a:b]
        # the accent goes on the strong vowel of the nucleus
        pos = next((i for i, c in enumerate(seg) if c in "aeo"), None)
        if pos is None:
            pos = len(seg) - 1
        seg = seg[:pos] + seg[pos].translate(ES_ACCENT) + seg[pos + 1:]
        word = body[:a] + seg + body[b:] + clitics
    return word


def es_conjugate(inf: str, cls: str, spec: dict[str, str]) -> dict[str, list[str]]:
    """All simple forms of a Spanish verb, by tense."""
    th = inf[-2:]
    if th == "ír":          # reír, oír, freír, sonreír
        th = "ir"
    stem = inf[:-2]
    end = ES_END[th]
    kinds = [k for k in cls.split(",") if k in ("ie", "ue", "i")]
    boot = kinds[0] if kinds else None
    weak = None             # -ir verbs: e>i, o>u outside the boot (sintió, durmió)
    if th == "ir" and boot:
        weak = {"ie": "i", "i": "i", "ue": "u"}[boot]
        if boot == "ue" and "o" not in stem:
            weak = None
    vowel_stem = stem and stem[-1] in "aeoú" and th != "ar"   # leer, caer, oír
    uir = th == "ir" and stem.endswith("u") and not stem.endswith(("gu", "qu"))
    zco = "zco" in cls.split(",") or (th != "ar" and stem.endswith("c")
                                      and len(stem) > 1 and stem[-2] in ES_VOWELS)
    acc = "ío" in cls.split(",") or "úo" in cls.split(",")

    def boot_stem(p: int) -> str:
        s = stem
        if boot and p in ES_BOOT:
            s = es_change(s, boot)
        if acc and p in ES_BOOT:
            s = s[:-1] + s[-1].translate(ES_ACCENT)
        return s

    t: dict[str, list[str]] = {}
    # present
    pres = []
    for p, e in enumerate(end["pres"]):
        s = boot_stem(p)
        if uir and e[0] in "oae":
            s = s + "y"
        pres.append(es_spell(s, e, th))
    if zco:
        pres[0] = stem[:-1] + "zco"
    if "1s" in spec:
        pres[0] = spec["1s"]
    t["pres"] = [x for x in spec["pres"].split(",")] if "pres" in spec else pres
    # present subjunctive: from the 1st person singular, when it is irregular
    subj = []
    for p, e in enumerate(end["subj"]):
        if p in ES_BOOT:
            s = boot_stem(p)
        elif weak and boot in ("i", "ie", "ue"):
            s = es_change(stem, weak)
        else:
            s = stem
        if uir:
            s = s + "y"
        subj.append(es_spell(s, e, th))
    one = t["pres"][0]
    if one.endswith("o") and ("1s" in spec or zco) and "subj" not in spec:
        base = one[:-1]
        subj = [base + e for e in ES_END["er"]["subj"]] if th == "ar" else [base + e for e in end["subj"]]
    t["subj"] = spec["subj"].split(",") if "subj" in spec else subj
    # preterite
    if "pret" in spec:
        v = spec["pret"]
        if "," in v:
            pret = v.split(",")
        else:
            pre = v
            pret = [pre + "e", pre + "iste", pre + "o", pre + "imos", pre + "isteis",
                    pre + ("eron" if pre.endswith("j") else "ieron")]
    else:
        pret = []
        for p, e in enumerate(end["pret"]):
            s = stem
            if weak and p in (2, 5):
                s = es_change(stem, weak)
            if (vowel_stem or uir) and p in (2, 5):
                e = "yó" if p == 2 else "yeron"
            elif vowel_stem and not uir and e.startswith("i"):
                e = "í" + e[1:]
            pret.append(es_spell(s, e, th))
    t["pret"] = pret
    # imperfect subjunctive, from the 3rd person plural of the preterite
    p3 = t["pret"][5]
    if p3.endswith("ron"):
        base = p3[:-3]
        ra = [base + x for x in ("ra", "ras", "ra", "ramos", "rais", "ran")]
        se = [base + x for x in ("se", "ses", "se", "semos", "seis", "sen")]
        ra[3] = _es_acc_last(base) + "ramos"
        se[3] = _es_acc_last(base) + "semos"
        t["isubj"] = ra + se
    t["impf"] = spec["impf"].split(",") if "impf" in spec else [es_spell(stem, e, th) if th == "ar" else stem + e for e in end["impf"]]
    fut = spec.get("fut", inf)
    fut = strip_accents(fut) if fut.endswith("ír") else fut   # reír -> reiré
    t["fut"] = [fut + e for e in ES_FUT]
    t["cond"] = [fut + e for e in ES_COND]
    # imperative (tú, vosotros; usted/ustedes/nosotros are subjunctive forms)
    tu = spec.get("imp", t["pres"][2] if "pres" not in spec else pres[2])
    t["imp"] = [tu, inf[:-1] + "d" if not inf.endswith("ír") else stem + "íd"]
    t["vos"] = [es_spell(stem, e, th) for e in end["vos"]]
    ger = spec.get("ger")
    if not ger:
        s = es_change(stem, weak) if weak else stem
        if (vowel_stem or uir) and th != "ar":
            ger = s + "yendo"
        else:
            ger = s + end["ger"]
    t["ger"] = [ger]
    part = spec.get("part")
    if not part:
        part = stem + ("ído" if vowel_stem and not uir else end["part"])
    parts = part.split(",")
    t["part"] = [x for p in parts for x in (p, p[:-1] + "a", p + "s", p[:-1] + "as")]
    t["inf"] = [inf]
    if "extra" in spec:
        t["extra"] = spec["extra"].split(",")
    # enclitic pronouns: infinitive, gerund, tú and usted imperatives
    cl = []
    bases = [inf, t["ger"][0], t["imp"][0], t["subj"][2], t["subj"][5]]
    for b in bases:
        for c in ES_CL1:
            cl.append(es_attach(b, c))
        if b in (inf, t["ger"][0], t["imp"][0]):
            for c in ES_CL2:
                cl.append(es_attach(b, c))
    # nosotros imperative + nos/se: vámonos, sentémonos
    cl.append(_es_acc_pen(t["subj"][3][:-1]) + "nos")
    # vosotros imperative + os: sentaos, idos
    cl.append(t["imp"][1][:-1] + "os")
    t["clitic"] = cl
    return t


def _es_acc_last(base: str) -> str:
    """Accent on the last vowel nucleus of base (habla -> hablá, tuvie -> tuvié)."""
    nuc = es_nuclei(base)
    if not nuc:
        return base
    a, b = nuc[-1]
    seg = base[a:b]
    pos = next((i for i, c in enumerate(seg) if c in "aeo"), len(seg) - 1)
    if any(c in "áéíóú" for c in seg):
        return base
    return base[:a] + seg[:pos] + seg[pos].translate(ES_ACCENT) + seg[pos + 1:] + base[b:]


def _es_acc_pen(form: str) -> str:
    """sentemo + nos -> sentémonos: accent on the second-to-last nucleus."""
    nuc = es_nuclei(form)
    if len(nuc) < 2:
        return form
    a, b = nuc[-2]
    seg = form[a:b]
    if any(c in "áéíóú" for c in seg):
        return form
    pos = next((i for i, c in enumerate(seg) if c in "aeo"), len(seg) - 1)
    return form[:a] + seg[:pos] + seg[pos].translate(ES_ACCENT) + seg[pos + 1:] + form[b:]


ES_PREFIX_ACCENT = {"ten": "tén", "pon": "pón", "ven": "vén", "sal": "sal", "haz": "haz"}


def es_verb_forms(inf: str, cls: str, spec: dict, table: dict) -> set[str]:
    if "like" in spec:
        model = spec["like"]
        prefix = inf[: len(inf) - len(model)]
        if not inf.endswith(model):
            raise ValueError(f"{inf}: like={model} is not its ending")
        mcls, mspec = table[model]
        forms = es_verb_forms(model, mcls, mspec, table)
        out = set()
        for f in forms:
            if f in ES_PREFIX_ACCENT:
                f = ES_PREFIX_ACCENT[f]
            out.add(prefix + f)
        # accents that a prefix makes necessary on monosyllables (prevé, previó)
        out |= {prefix + f for f in spec.get("extra", "").split(",") if f}
        out.discard(prefix)
        return {f for f in out if f}
    t = es_conjugate(inf, cls, spec)
    return {f for fs in t.values() for f in fs if f}


ES_VERB_EVIDENCE = {
    "ar": ["ando", "ado", "amos", "aron", "aba", "ará", "aría", "ó", "ada", "ados"],
    "er": ["iendo", "ido", "emos", "ieron", "ía", "erá", "ería", "ió", "ida", "idos"],
    "ir": ["iendo", "ido", "imos", "ieron", "ía", "irá", "iría", "ió", "ida", "idos"],
}


def es_evidence(inf: str) -> list[str]:
    th = inf[-2:]
    if th not in ES_VERB_EVIDENCE:
        return []
    stem = inf[:-2]
    out = []
    for e in ES_VERB_EVIDENCE[th]:
        if e in ("ará", "aría", "erá", "ería", "irá", "iría"):
            out.append(inf + e[2:])
        else:
            out.append(es_spell(stem, e, th))
    return out


def es_plural_bases(w: str):
    """(base, checked) pairs: bases a Spanish noun/adjective form may come from.
    checked: the pairing must be confirmed by the Snowball stem."""
    if w.endswith("ces") and len(w) > 4:
        yield w[:-3] + "z", False                  # luces -> luz
    if w.endswith("es") and len(w) > 3:
        b = w[:-2]
        if b and b[-1] not in ES_VOWELS:
            yield b, True                          # ciudades -> ciudad
            # canciones -> canción, ingleses -> inglés: the accent comes back
            nuc = es_nuclei(b)
            if nuc and b[-1] in "ns" and len(nuc) >= 1:
                a, e = nuc[-1]
                seg = b[a:e]
                pos = next((i for i, c in enumerate(seg) if c in "aeo"), len(seg) - 1)
                yield b[:a] + seg[:pos] + seg[pos].translate(ES_ACCENT) + seg[pos + 1:] + b[e:], True
            # jóvenes -> joven, exámenes -> examen: the accent goes
            if any(c in "áéíóú" for c in b) and b.endswith("n"):
                yield strip_accents(b), False
    if w.endswith("s") and len(w) > 2 and w[-2] in ES_VOWELS:
        yield w[:-1], True                         # casas -> casa, sofás -> sofá


ES_ADJ_SUFFIXES = ("ado", "ido", "oso", "ivo", "ico", "ano", "ario", "ero", "ísimo",
                   "ento", "iento", "orio", "eño", "ino", "esco", "izo", "udo", "undo",
                   "ólogo", "ático", "ético", "ífico", "uo", "ito", "illo")


def es_bases(w: str, adjectives: set[str]):
    out = list(es_plural_bases(w))
    sg = [w] + [b for b, _ in out]
    # feminine -> masculine, for adjectives (and participles) only
    for f in sg:
        if f.endswith("a") and len(f) > 3:
            m = f[:-1] + "o"
            if m in adjectives or m.endswith(ES_ADJ_SUFFIXES):
                out.append((m, "gender"))
    return out


# ---------------------------------------------------------------------------
# The pipeline shared by the three languages
# ---------------------------------------------------------------------------

@dataclass
class Built:
    rows: dict            # (entry, pos) -> (level, source)
    forms: set            # (form, lemma)
    families: dict        # lemma -> set of forms
    lemma_zipf: dict      # lemma -> Zipf of the summed family frequency
    cuts: list


def corpus_words(lang: Lang, keep: set[str]) -> dict[str, float]:
    """wordfreq's word forms for the language, cleaned."""
    word_re = re.compile(rf"[{lang.letters}]+")
    out = {}
    dropped = Counter()
    for w, f in wordfreq.get_frequency_dict(lang.code, "large").items():
        z = zipf_of(f)
        if z < MIN_FORM_ZIPF:
            continue
        if not word_re.fullmatch(w):
            dropped["not a word"] += 1
            continue
        if len(w) == 1 and w not in lang.single_letters:
            dropped["single letter"] += 1
            continue
        if w not in keep and wordfreq.zipf_frequency(w, "en") >= z + FOREIGN_ZIPF_GAP:
            dropped["english"] += 1
            continue
        out[w] = f
    print(f"{lang.code}: {len(out)} word forms from wordfreq at Zipf >= {MIN_FORM_ZIPF}; "
          f"dropped {dict(sorted(dropped.items()))}")
    return out


def explicit_forms(verb: str, table: dict, forms: set[str]) -> set[str]:
    """The forms of a table verb that the table spells out (not made by a rule)."""
    _cls, spec = table[verb]
    out = set()
    for key, value in spec.items():
        if key in ("like", "fut", "part", "ger"):
            # participles are often nouns or adjectives too (hecho, posto)
            continue
        for v in value.split(","):
            v = v.strip()
            if key in ("pret", "rem", "praet") and "," not in value:
                out |= {f for f in forms if f.startswith(v)}
            else:
                out.add(v)
    if "like" in spec and spec["like"] in table:
        model = spec["like"]
        prefix = verb[: len(verb) - len(model)]
        out |= {prefix + f for f in explicit_forms(model, table, {f[len(prefix):] for f in forms if f.startswith(prefix)})}
    return out & forms


def build_lang(lang: Lang) -> Built:
    fold = lang.fold or (lambda s: s)
    core = read_hand_list(DATA / f"{lang.code}_core_a1_a2.tsv")
    mwe = read_hand_list(DATA / f"{lang.code}_mwe.tsv")
    closed = read_closed_forms(DATA / f"{lang.code}_closed_forms.tsv")
    verb_table = read_verb_table(DATA / f"{lang.code}_irregular_verbs.tsv")
    # display spelling of hand entries (German: ß) keyed by wordfreq's folding
    display: dict[str, str] = {}
    for entry, _l, _p in core + mwe:
        display.setdefault(fold(entry), entry)
    for _f, lemma in closed:
        display.setdefault(fold(lemma), lemma)
    for verb, _c, _s in verb_table:
        display.setdefault(fold(verb), verb)

    hand_words = {fold(e) for e, _l, _p in core if " " not in e}
    closed_lemma_of: dict[str, set[str]] = defaultdict(set)
    for form, lemma in closed:
        closed_lemma_of[fold(form)].add(fold(lemma))
    keep = hand_words | set(closed_lemma_of) | {fold(v) for v, _c, _s in verb_table}
    freqs = corpus_words(lang, keep)

    # -- verbs ------------------------------------------------------------
    table = {fold(v): (c, s) for v, c, s in verb_table}
    core_verbs = {fold(e) for e, _l, p in core if p == "verb"}
    verb_forms: dict[str, set[str]] = {}     # verb -> its forms (all generated)
    trusted: dict[str, set[str]] = defaultdict(set)   # form -> verbs (tables)
    explicit: set[str] = set()    # forms written out in the table (fue, gibt)
    for verb in sorted(table):
        fs = lang.conjugate(verb, table, trusted_verb=True, corpus=freqs)
        verb_forms[verb] = fs
        for f in fs:
            trusted[f].add(verb)
        explicit |= explicit_forms(verb, table, fs)
    candidates = sorted(w for w in set(freqs) | core_verbs
                        if lang.infinitive_re.fullmatch(w) and w not in table
                        and (w not in closed_lemma_of or w in core_verbs))
    n_rejected = 0
    cand_forms = {}
    producers: dict[str, int] = Counter()
    for verb in candidates:
        fs = lang.conjugate(verb, table, trusted_verb=False, corpus=freqs)
        if not fs:
            continue
        cand_forms[verb] = fs
        # only candidates with some verb forms in the corpus count as
        # producers below (not the plural "machten" read as a verb)
        if verb in core_verbs or sum(1 for e in lang.evidence(verb, table)
                                     if e in freqs and e != verb) >= lang.evidence_min:
            for f in fs:
                if f in freqs:
                    producers[f] += 1
    for f in trusted:
        producers[f] += 1
    for verb in candidates:
        fs = cand_forms.get(verb)
        if fs is None:
            continue
        if verb not in core_verbs:
            if verb in trusted:
                n_rejected += 1
                continue          # gewesen is a form of sein, not a verb
            # the stem must have a vowel (mar, bar are not verbs)
            if not re.search(rf"[{lang.vowels}]", verb[:-2]):
                n_rejected += 1
                continue
            # evidence forms must belong to this verb alone (gefühlte is
            # fühlen's, so it says nothing about a verb "gefühlen")
            evs = {e for e in lang.evidence(verb, table)
                   if e in freqs and e != verb and producers[e] <= 1}
            if len(evs) < lang.evidence_min:
                n_rejected += 1
                continue
            # a plural that looks like an infinitive (punkten, tagen: the
            # dative plurals of Punkt, Tag) is not a verb when the verb's own
            # forms are rare beside it and a singular is there
            if verb in freqs and sum(freqs[e] for e in evs) < INFINITIVE_PLURAL_RATIO * freqs[verb] \
                    and any(b in freqs and freqs[b] >= lang.base_min_ratio * freqs[verb]
                            for b, _k in lang.bases(verb, set())):
                n_rejected += 1
                continue
        verb_forms[verb] = fs
    generated: dict[str, set[str]] = defaultdict(set)  # form -> verbs (rules)
    for verb, fs in verb_forms.items():
        if verb in table:
            continue
        for f in fs:
            if f in freqs or verb in core_verbs:
                generated[f].add(verb)
    print(f"{lang.code}: {len(verb_forms)} verbs ({len(table)} from the irregular table), "
          f"{n_rejected} infinitive-like words without verb forms in the corpus")

    # -- nouns and adjectives -------------------------------------------------
    adjectives = {fold(e) for e, _l, p in core if p == "adj"}
    verbs = set(verb_forms)
    closed_forms = set(closed_lemma_of)

    def verb_of(w: str) -> set[str]:
        return trusted.get(w) or generated.get(w) or set()

    base_of: dict[str, set[str]] = {}
    for w in sorted(freqs):
        if w in closed_forms or w in hand_words or w in verbs:
            continue
        found = set()
        for b, checked in lang.bases(w, adjectives):
            if b == w or b not in freqs or b in closed_forms:
                continue
            if freqs[b] < lang.base_min_ratio * freqs[w]:
                continue
            # the pairing must keep the Snowball stem (ciudades has the stem
            # "ciudad", which is the base itself: that counts too)
            if checked:
                sw, sb = stem(lang, w), stem(lang, b)
                # Snowball leaves short words whole (ore, ora): compare the
                # stems without their final vowels too
                v = lang.vowels
                if not (sw.startswith(sb) or sw in (b, strip_accents(b))
                        or strip_accents(sw).rstrip(v).startswith(strip_accents(sb).rstrip(v))):
                    continue
            if checked == "gender" and (w in trusted or w in generated):
                continue        # cuenta is contar's, not a feminine of cuento
            found.add(b)
        if found:
            base_of[w] = found

    # -- which words are lemmas ----------------------------------------------
    # A verb form is also a noun/adjective lemma when it has a plural or
    # another inflection of its own that is not a form of the same verb
    # (trabajo/trabajos, lavoro/lavori is not: lavori is lavorare's).
    nominal_evidence: dict[str, bool] = defaultdict(bool)
    for w, bs in base_of.items():
        for b in bs:
            vb = verb_of(b)
            if vb and not lang.verb_forms_as_bases:
                continue
            # the inflected form must be common enough to be evidence (not a
            # stray French "parle" beside Italian "parla")
            if freqs[w] < NOMINAL_EVIDENCE_RATIO * freqs[b]:
                continue
            if not vb or not (verb_of(w) & vb):
                nominal_evidence[b] = True
    # A generated verb form that is more frequent than all the other forms
    # of its verb together is another word that looks like it (cosa is not
    # mostly "that he sew", parte not mostly "he leaves"): it is a lemma of its
    # own and does not count towards the verb.
    excl = defaultdict(float)
    for f in sorted(set(generated) | set(trusted)):
        vs = verb_of(f)
        if len(vs) == 1 and f in freqs and f not in base_of and not nominal_evidence[f]:
            excl[next(iter(vs))] += freqs[f]
    for w in sorted(set(generated) | set(trusted)):
        vs = verb_of(w)
        if w in freqs and w not in base_of and w not in closed_forms and w not in vs \
                and w not in explicit:
            others = sum(excl[v] for v in vs) - (freqs[w] if len(vs) == 1 and not nominal_evidence[w] else 0)
            if lang.verb_form_alone and freqs[w] > lang.verb_form_alone * others:
                nominal_evidence[w] = True
    # spellings without the written accent (tambien, perche): a form of the
    # accented word when that is at least ACCENTLESS_RATIO times as frequent
    accentless_of: dict[str, str] = {}
    if lang.accentless_forms:
        by_plain = defaultdict(list)
        for w in freqs:
            p = strip_accents(w)
            if p != w:
                by_plain[p].append(w)
        for p, ws in by_plain.items():
            if p not in freqs or p in hand_words or p in closed_forms or p in verbs \
                    or p in base_of or verb_of(p):
                continue
            best = max(ws, key=lambda x: (freqs[x], x))
            if freqs[best] >= ACCENTLESS_RATIO * freqs[p]:
                accentless_of[p] = best
    lemmas: set[str] = set()
    for w in freqs:
        if w in hand_words or w in verbs:
            lemmas.add(w)
        elif len(w) <= 2:
            continue     # two-letter words are abbreviations unless a list has them
        elif w in closed_forms or w in accentless_of:
            continue
        elif w in explicit or ((w in generated or w in trusted) and not nominal_evidence[w]):
            continue
        elif w in base_of:
            continue
        else:
            lemmas.add(w)
    lemmas |= hand_words | verbs | {l for ls in closed_lemma_of.values() for l in ls}
    # resolve bases that are not lemmas themselves (a plural of a verb form)
    for w in list(base_of):
        base_of[w] = {b for b in base_of[w] if b in lemmas}

    # -- families and lemma frequencies ---------------------------------------
    def targets(w: str) -> set[str]:
        if w in accentless_of:
            a = accentless_of[w]
            return {a} if a in lemmas else targets(a)
        if w in closed_lemma_of:
            return closed_lemma_of[w]
        if w in trusted:
            return trusted[w]
        return (generated.get(w, set()) | base_of.get(w, set())) & lemmas

    families: dict[str, set[str]] = defaultdict(set)
    lemma_freq: dict[str, float] = defaultdict(float)
    shared = []
    for w in sorted(freqs):
        f = freqs[w]
        if w in lemmas:
            lemma_freq[w] += f
            families[w].add(w)
            # a lemma that is also a form (trabajo of trabajar) is listed as a
            # form too, but only counts for itself
            for t in targets(w) - {w}:
                families[t].add(w)
            continue
        ts = targets(w)
        for t in ts:
            families[t].add(w)
        if len(ts) == 1:
            lemma_freq[next(iter(ts))] += f
        elif ts:
            shared.append((w, sorted(ts)))
    # a form shared by several lemmas (fue: ser, ir) is shared out in
    # proportion to the frequency each lemma has from its unshared forms
    own = dict(lemma_freq)
    for w, ts in shared:
        total = sum(own.get(t, 0.0) for t in ts)
        for t in ts:
            share = own.get(t, 0.0) / total if total > 0 else 1.0 / len(ts)
            lemma_freq[t] += freqs[w] * share
    # all forms of the verbs of the tables and of the core lists, corpus or not
    for verb, fs in verb_forms.items():
        if verb in table or verb in core_verbs:
            families[verb] |= fs
    for form, ls in closed_lemma_of.items():
        for l in ls:
            families[l].add(form)

    # -- levels ------------------------------------------------------------
    lemma_zipf = {l: zipf_of(f) for l, f in lemma_freq.items()}
    ranked = sorted((l for l in lemmas if lemma_zipf.get(l, 0) >= MIN_LEMMA_ZIPF),
                    key=lambda l: (-lemma_freq[l], l))
    cuts = [(level, lemma_zipf[ranked[n - 1]]) for level, n in BANDS]
    print(f"{lang.code} frequency bands (Zipf of the summed family frequency): " +
          ", ".join(f"{lvl} >= {z:.2f} (rank {n})" for (lvl, z), (_, n) in zip(cuts, BANDS)))

    def band(z: float) -> str:
        for level, threshold in cuts:
            if z >= threshold:
                return level
        return "C2"

    rows: dict[tuple[str, str], tuple[str, str]] = {}
    for l in ranked:
        pos = "verb" if l in verbs else "-"
        rows[(display.get(l, l), pos)] = (band(lemma_zipf[l]), "wf-freq")
    n_freq = len(rows)
    hand = core + mwe
    for entry, level, pos in hand:
        key = display.get(fold(entry), entry)
        # the hand line replaces the frequency line of the same entry
        for p in ("-", pos):
            if rows.get((key, p), ("", ""))[1] == "wf-freq":
                del rows[(key, p)]
        rows[(key, pos)] = (level, "core-hand")
    # lemmas of the closed lists and verb tables that no hand level covers
    for l in sorted({l for ls in closed_lemma_of.values() for l in ls} | set(table)):
        key = display.get(l, l)
        if not any(k[0] == key for k in rows):
            rows[(key, "verb" if l in table else "-")] = (band(lemma_zipf.get(l, 0.0)), "wf-freq")
    unknown = sorted(e for e, _l, _p in core if " " not in e and fold(e) not in freqs)
    if unknown:
        print(f"{lang.code} hand entries not in wordfreq at Zipf >= {MIN_FORM_ZIPF} (kept): "
              + ", ".join(unknown))
    print(f"{lang.code}: {n_freq} wf-freq lines, {len(hand)} hand lines")

    # -- transparent German compounds ------------------------------------------
    if lang.code == "de":
        cap_compounds(lang, rows, families, display)

    # -- forms ---------------------------------------------------------------
    lowest = lowest_level(rows)
    pairs = set()
    for l, fs in families.items():
        lemma = display.get(l, l)
        if lemma not in lowest:
            continue
        for f in fs:
            for form in lang_spellings(lang, f):
                if form == lemma:
                    continue
                own = lowest.get(form)
                if own is not None and level_index(own) <= level_index(lowest[lemma]):
                    continue
                pairs.add((form, lemma))
        if l != lemma:
            pairs.add((l, lemma))          # wordfreq's spelling of a hand lemma
    return Built(rows, pairs, families, lemma_zipf, cuts)


# German compound capping (docs/lexicon-method.md, "Transparent compounds"). The split
# mirrors the compound fallback of src/analyse/vocabulary.rs (`german_compound`), so a listed
# compound and an unlisted one with the same parts get comparable levels.
COMPOUND_MIN_CHARS = 7
PART_MIN_CHARS = 3
COMPOUND_LINKS = ("es", "en", "er", "s", "n", "e")
COMPOUND_FUNCTION_WORDS = {
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen",
    "eines", "ich", "du", "er", "sie", "es", "wir", "ihr", "mich", "dich", "sich", "mir",
    "dir", "uns", "euch", "ihm", "ihn", "ihnen", "nen", "nem", "ner", "und", "oder", "ist",
    "sein",
}
CLOSED_POS = {"prep", "adv", "conj", "pron", "det", "intj"}
# Separable verb particles, whatever part of speech the lists give them.
VERB_PARTICLES = {
    "ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "empor", "entgegen", "fest",
    "fort", "gegenüber", "heim", "her", "herab", "heran", "herauf", "heraus", "herbei",
    "herein", "herum", "herunter", "hervor", "hin", "hinab", "hinauf", "hinaus", "hinein",
    "hinter", "hinunter", "hinzu", "hoch", "los", "mit", "nach", "nieder", "ober", "rück", "um",
    "unter", "vor", "voran", "voraus", "vorbei", "vorüber", "weg", "weiter", "wieder", "zu",
    "zurück", "zusammen", "über",
}
# Source of a capped compound line: a level from frequency, lowered by its parts' levels.
COMPOUND_SOURCE = "compound-freq"


def cap_compounds(lang: Lang, rows: dict, families: dict, display: dict) -> None:
    """Lowers a frequency-graded German compound whose two parts are known and common to one
    level above its harder part: `kinderzimmer` (C2 by the rarity of the whole written form)
    is `kinder` A1 + `zimmer` A1, so A2. A part is "common" when the checker would trust it
    as a compound part: at most B2 (at most A2 for a part of three letters), not an article
    or pronoun. Only `wf-freq` lines change; hand lines keep their level. The parts are
    graded with the levels before capping, so the result does not depend on line order."""
    lowest = lowest_level(rows)
    # word -> (level, lemma) as the checker resolves it: the lower of the entry itself and
    # the lemmas it is a form of.
    grade: dict[str, tuple[str, str]] = {}

    def offer(word: str, level: str, lemma: str) -> None:
        old = grade.get(word)
        if old is None or level_index(level) < level_index(old[0]):
            grade[word] = (level, lemma)

    for entry, level in lowest.items():
        offer(entry, level, entry)
    for l, fs in families.items():
        lemma = display.get(l, l)
        if lemma not in lowest:
            continue
        for f in fs:
            for form in lang_spellings(lang, f):
                offer(form, lowest[lemma], lemma)

    def plausible(part: str, level: str) -> bool:
        if part in COMPOUND_FUNCTION_WORDS:
            return False
        top = "A2" if len(part) <= PART_MIN_CHARS else "B2"
        return level_index(level) <= level_index(top)

    def part(word: str):
        g = grade.get(word)
        if g is None or not (plausible(word, g[0]) and plausible(g[1], g[0])):
            return None
        return g

    # Prepositions, adverbs and other closed-class words are not modifiers of a transparent
    # compound: as verb particles their meaning shifts (`aufhören`, `aufspielen`), and
    # `durch`, `hin`, `weg` + word is rarely read as the sum of its parts.
    closed = {e for (e, pos) in rows if pos in CLOSED_POS} | VERB_PARTICLES

    def modifier(m: str):
        if m in closed:
            return None
        cands = [m] if len(m) >= PART_MIN_CHARS else []
        for link in COMPOUND_LINKS:
            if m.endswith(link) and len(m) - len(link) >= PART_MIN_CHARS:
                cands.append(m[: -len(link)])
        if len(m) >= 4 and not m.endswith("e"):
            cands.append(m + "e")
        for c in cands:
            g = part(c)
            if g is not None:
                if c in closed or g[1] in closed:
                    return None
                return c, g
        return None

    def split(w: str):
        if len(w) < COMPOUND_MIN_CHARS or not w.isalpha():
            return None
        for i in range(PART_MIN_CHARS, len(w) - PART_MIN_CHARS + 1):
            head = part(w[i:])
            if head is None:
                continue
            mod = modifier(w[:i])
            if mod is None:
                continue
            return mod, (w[i:], head)
        return None

    changed = []
    for (entry, pos), (level, source) in sorted(rows.items()):
        if source != "wf-freq":
            continue
        parts = split(entry)
        if parts is None:
            continue
        (m, (ml, mlemma)), (h, (hl, hlemma)) = parts
        top = max(level_index(ml), level_index(hl))
        cap = LEVELS[min(top + 1, len(LEVELS) - 1)]
        if level_index(level) > level_index(cap):
            rows[(entry, pos)] = (cap, COMPOUND_SOURCE)
            changed.append((entry, level, cap, f"{mlemma} {ml} + {hlemma} {hl}"))
    by_change = Counter((old, new) for _, old, new, _ in changed)
    print(f"{lang.code}: {len(changed)} compounds capped at one level above their harder part: "
          + ", ".join(f"{o}->{n} {c}" for (o, n), c in sorted(by_change.items())))
    for entry, old, new, why in changed[:: max(1, len(changed) // 25)]:
        print(f"  {entry}: {old} -> {new} ({why})")


def lang_spellings(lang: Lang, form: str) -> list[str]:
    """The spellings under which a form is written in texts (German: ß for ss)."""
    if lang.extra_forms:
        return lang.extra_forms(form)
    return [form]


# ---------------------------------------------------------------------------
# Spanish glue
# ---------------------------------------------------------------------------

ES_PREFIXES = ("re", "des", "de", "con", "com", "pro", "pre", "sobre", "su", "sos",
               "sus", "ex", "dis", "im", "in", "ante", "contra", "entre", "inter",
               "man", "ob", "per", "pos", "sub", "tras", "trans", "a", "bien", "mal")


def es_model(verb: str, table: dict) -> str | None:
    """The table verb a prefixed verb is conjugated like (mantener -> tener)."""
    for i in range(1, len(verb) - 2):
        prefix, rest = verb[:i], verb[i:]
        if rest in table and prefix in ES_PREFIXES and len(rest) >= 3:
            return rest
    return None


def es_conj(verb: str, table: dict, trusted_verb: bool, corpus=None) -> set[str] | None:
    if verb in table:
        cls, spec = table[verb]
        return es_verb_forms(verb, cls, spec, table)
    model = es_model(verb, table)
    if model:
        return es_verb_forms(verb, "", {"like": model}, table)
    return es_verb_forms(verb, "", {}, table)


def es_ev(verb: str, table: dict) -> list[str]:
    return es_evidence(verb)


SPANISH = Lang(
    code="es", name="Spanish", letters="a-zñáéíóúü",
    single_letters={"a", "e", "o", "u", "y"},
    stemmer=snowballstemmer.stemmer("spanish"),
    conjugate=es_conj, infinitive_re=re.compile(r"[a-zñáéíóúü]{2,}(?:ar|er|ir|ír)"),
    bases=es_bases, evidence=es_ev, evidence_min=3, accentless_forms=True,
    vowels="aeiouáéíóú",
)


# ---------------------------------------------------------------------------
# Italian morphology
# ---------------------------------------------------------------------------

IT_END = {
    "are": dict(pres=["o", "i", "a", "iamo", "ate", "ano"],
                impf=["avo", "avi", "ava", "avamo", "avate", "avano"],
                rem=["ai", "asti", "ò", "ammo", "aste", "arono"],
                cong=["i", "i", "i", "iamo", "iate", "ino"],
                imp=["a", "ate"], ger="ando", part="ato", ppres="ante", fut="er"),
    "ere": dict(pres=["o", "i", "e", "iamo", "ete", "ono"],
                impf=["evo", "evi", "eva", "evamo", "evate", "evano"],
                rem=["ei", "esti", "é", "emmo", "este", "erono", "etti", "ette", "ettero"],
                cong=["a", "a", "a", "iamo", "iate", "ano"],
                imp=["i", "ete"], ger="endo", part="uto", ppres="ente", fut="er"),
    "ire": dict(pres=["o", "i", "e", "iamo", "ite", "ono"],
                impf=["ivo", "ivi", "iva", "ivamo", "ivate", "ivano"],
                rem=["ii", "isti", "ì", "immo", "iste", "irono"],
                cong=["a", "a", "a", "iamo", "iate", "ano"],
                imp=["i", "ite"], ger="endo", part="ito", ppres="ente", fut="ir"),
}
IT_FUT = ["ò", "ai", "à", "emo", "ete", "anno"]
IT_COND = ["ei", "esti", "ebbe", "emmo", "este", "ebbero"]
IT_CIMPF = ["ssi", "ssi", "sse", "ssimo", "ste", "ssero"]
IT_CL1 = ["mi", "ti", "si", "ci", "vi", "lo", "la", "li", "le", "gli", "ne"]
IT_CL2 = ["melo", "mela", "meli", "mele", "mene", "telo", "tela", "teli", "tele", "tene",
          "glielo", "gliela", "glieli", "gliele", "gliene", "celo", "cela", "cene",
          "velo", "vela", "sene", "selo", "sela"]


def it_join(stem: str, ending: str) -> str:
    """Italian spelling at a stem/ending boundary (cerchi, mangerò, studi)."""
    if ending and ending[0] in "eèéi":
        if stem.endswith(("c", "g")) and not stem.endswith(("sc",)):
            return stem + "h" + ending          # cerc-are: cerchi, cercherò
        if stem.endswith(("ci", "gi")) and len(stem) > 2:
            return stem[:-1] + ending           # mangi-are: mangerò, mangi
        if stem.endswith("sci") and ending[0] in "eè":
            return stem[:-1] + ending           # lasci-are: lascerò
        if stem.endswith("i") and ending[0] == "i":
            return stem + ending[1:]            # studi-are: studi, studiamo
    return stem + ending


def it_conjugate(inf: str, cls: str, spec: dict, corpus=None) -> set[str]:
    th = inf[-3:]
    if inf.endswith("rre"):         # porre, tradurre, trarre: listed in the table
        th = "ere"
    if th not in IT_END:
        return set()
    end = IT_END[th]
    stem = inf[:-3]
    t: dict[str, list[str]] = {}
    isc = "isc" in cls.split(",")
    if th == "ire" and not isc and corpus is not None and "pres" not in spec:
        isc = (stem + "isce" in corpus or stem + "iscono" in corpus)
    pres = [it_join(stem, e) for e in end["pres"]]
    cong = [it_join(stem, e) for e in end["cong"]]
    if isc:
        pres = [stem + "isco", stem + "isci", stem + "isce", stem + "iamo", stem + "ite", stem + "iscono"]
        cong = [stem + "isca"] * 3 + [stem + "iamo", stem + "iate", stem + "iscano"]
    t["pres"] = spec["pres"].split(",") if "pres" in spec else pres
    t["cong"] = spec["cong"].split(",") if "cong" in spec else cong
    if "pres" in spec and "cong" not in spec:
        one = t["pres"][0]
        if one.endswith("o"):            # vengo -> venga
            b = one[:-1]
            t["cong"] = [b + "a", b + "a", b + "a", t["pres"][3], t["pres"][3][:-2] + "te", b + "ano"]
    impf_stem = spec.get("impf")
    if impf_stem and "," in impf_stem:
        t["impf"] = impf_stem.split(",")
    else:
        s = (impf_stem or stem)
        t["impf"] = [it_join(s, e) for e in end["impf"]] if not impf_stem else \
            [s + e for e in ("vo", "vi", "va", "vamo", "vate", "vano")]
    rem = [it_join(stem, e) for e in end["rem"]]
    if "rem" in spec:
        v = spec["rem"]
        if "," in v:
            rem = v.split(",")
        else:                         # strong stem: presi, prese, presero
            base = impf_stem or stem
            wk = IT_END["ere"]["rem"] if th != "ire" else end["rem"]
            rem = [v + "i", it_join(base, wk[1]), v + "e",
                   it_join(base, wk[3]), it_join(base, wk[4]), v + "ero"]
    t["rem"] = rem
    # imperfect subjunctive from the 2nd singular of the passato remoto
    r2 = [r for r in rem if r.endswith("sti")]
    if r2:
        b = r2[0][:-3]
        t["cimpf"] = [b + e for e in IT_CIMPF]
    fut = spec.get("fut")
    if not fut:
        if inf.endswith("rre"):
            fut = inf[:-1]
        else:
            fut = it_join(stem, end["fut"]) if th == "are" else stem + end["fut"]
            if th == "are" and stem.endswith(("ci", "gi")):
                fut = stem[:-1] + "er"
    t["fut"] = [fut + e for e in IT_FUT]
    t["cond"] = [fut + e for e in IT_COND]
    tu = spec.get("imp", t["pres"][2] if th == "are" and "pres" not in spec else t["pres"][1])
    t["imp"] = [tu] + ([t["pres"][4]] if len(t["pres"]) > 4 else [])
    ger = spec.get("ger") or ((impf_stem + "ndo") if impf_stem and "," not in impf_stem else stem + end["ger"])
    t["ger"] = [ger]
    part = spec.get("part", stem + end["part"])
    t["part"] = [x for p in part.split(",") for x in (p, p[:-1] + "a", p[:-1] + "i", p[:-1] + "e")]
    t["ppres"] = [stem + end["ppres"], stem + end["ppres"][:-1] + "i"]
    t["inf"] = [inf]
    if "extra" in spec:
        t["extra"] = spec["extra"].split(",")
    cl = []
    base_inf = inf[:-1] if not inf.endswith("rre") else inf[:-2]
    # (not on the imperative: lega+le, centra+le would read legale, centrale)
    for c in IT_CL1 + IT_CL2:
        cl.append(base_inf + c)
        cl.append(ger + c)
    t["clitic"] = cl
    return {f for fs in t.values() for f in fs if f}


IT_PREFIXES = ("ri", "s", "dis", "pro", "com", "con", "sup", "op", "im", "in", "de", "di",
               "tra", "trat", "man", "ot", "ap", "sor", "pre", "per", "so", "sod", "sos",
               "ac", "as", "at", "e", "es", "ab", "a", "inter", "sopra", "sotto", "contro")


def it_verb_forms(inf: str, table: dict, corpus=None) -> set[str]:
    cls, spec = table.get(inf, ("", {}))
    model = spec.get("like")
    if not model and inf not in table:
        for i in range(1, len(inf) - 3):
            rest = inf[i:]
            if rest in table and inf[:i] in IT_PREFIXES and len(rest) >= 4:
                model = rest
                break
    if model:
        prefix = inf[: len(inf) - len(model)]
        return {prefix + f for f in it_verb_forms(model, table, corpus)} | \
            {f for f in spec.get("extra", "").split(",") if f}
    return it_conjugate(inf, cls, spec, corpus)


def it_bases(w: str, adjectives: set[str]):
    out = []
    if w.endswith("i") and len(w) > 2:
        b = w[:-1]
        out += [(b + "o", True), (b + "e", True), (b + "a", True), (b + "io", True)]
        if w.endswith("chi"):
            out.append((w[:-3] + "co", False))
        if w.endswith("ghi"):
            out.append((w[:-3] + "go", False))
    if w.endswith("e") and len(w) > 2:
        b = w[:-1]
        out.append((b + "a", True))
        if w.endswith("che"):
            out.append((w[:-3] + "ca", False))
        if w.endswith("ghe"):
            out.append((w[:-3] + "ga", False))
        if w.endswith(("ce", "ge")):
            out.append((b + "ia", True))
    # feminine -> masculine for adjectives and participles
    for f in [w] + [b for b, _ in out if b.endswith("a")]:
        if f.endswith(("a", "e")) and len(f) > 3:
            m = f[:-1] + "o"
            if m in adjectives or m.endswith(IT_ADJ_SUFFIXES):
                out.append((m, "gender"))
    return out


IT_ADJ_SUFFIXES = ("ato", "ito", "uto", "oso", "ivo", "ico", "ano", "ario", "ino", "esco",
                   "orio", "issimo", "ero")


def it_conj(verb: str, table: dict, trusted_verb: bool, corpus=None):
    return it_verb_forms(verb, table, corpus)


def it_evidence(verb: str, table: dict) -> list[str]:
    th = verb[-3:]
    stem = verb[:-3]
    if th == "are":
        ends = ["ando", "ato", "iamo", "avano", "ava", "erà", "erebbe", "ò", "ata", "ati"]
        return [it_join(stem, e) for e in ends]
    if th == "ere":
        return [stem + e for e in ("endo", "uto", "iamo", "evano", "eva", "erà", "erebbe", "ono")]
    if th == "ire":
        return [stem + e for e in ("endo", "ito", "iamo", "ivano", "iva", "irà", "irebbe", "ono", "isce", "iscono")]
    return []


IT_ACCENT_SWAP = str.maketrans("àèìòùáéíóú", "áéíóúàèìòù")


def it_spellings(form: str) -> list[str]:
    """giovedì is often typed giovedí, perché perchè: both accents on a final
    vowel are listed."""
    if form and form[-1] in "àèìòùáéíóú":
        return [form, form[:-1] + form[-1].translate(IT_ACCENT_SWAP)]
    return [form]


ITALIAN = Lang(
    code="it", name="Italian", letters="a-zàèéìíòóù",
    single_letters={"a", "e", "i", "o", "è"},
    stemmer=snowballstemmer.stemmer("italian"),
    conjugate=it_conj, infinitive_re=re.compile(r"[a-zàèéìíòóù]{2,}(?:are|ere|ire|rre)"),
    bases=it_bases, evidence=it_evidence, evidence_min=3, accentless_forms=True,
    vowels="aeiouàèéìíòóù", extra_forms=it_spellings,
)


# ---------------------------------------------------------------------------
# German morphology (in wordfreq's spelling: ß folded to ss)
# ---------------------------------------------------------------------------

DE_SEPARABLE = ("ab", "an", "auf", "aus", "bei", "ein", "fest", "fort", "her", "hin", "los",
                "mit", "nach", "vor", "vorbei", "weg", "weiter", "zu", "zurück", "zusammen",
                "heraus", "herein", "hinaus", "hinein", "herunter", "hinunter", "herum",
                "heran", "herauf", "hinauf", "herbei", "dabei", "dazu", "entgegen", "nieder",
                "voran", "voraus", "statt", "teil", "fern", "frei", "hoch", "kennen",
                "spazieren", "um", "durch", "über", "unter", "wieder", "da", "dar", "empor",
                "vorher", "bereit", "gegenüber", "klar", "schief", "sicher", "fertig")
DE_INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "hinter", "wider")
DE_AMBIGUOUS = ("um", "durch", "über", "unter", "wieder")


def de_fold(s: str) -> str:
    return s.replace("ß", "ss")


def de_needs_e(stem: str) -> bool:
    """arbeit-e-st, red-e-t, öffn-e-t, atm-e-t."""
    return stem.endswith(("t", "d")) or bool(re.search(r"(?:[^aeiouäöülrhmn]|ch)[mn]$", stem))


def de_weak(inf: str, insep: bool) -> set[str]:
    s = inf[:-2] if inf.endswith("en") else inf[:-1]
    e = "e" if de_needs_e(s) else ""
    # (not the bare stem "mach": for most weak verbs it is a noun, Glück, Ziel)
    out = {inf, s + "e", s + e + "st", s + e + "t", s + "est", s + "et"}
    if inf.endswith(("eln", "ern")):
        out |= {s + "st", s + "t", s + "n", inf[:-3] + inf[-2] + "e"}  # sammle, ändre
    out |= {s + e + "te" + x for x in ("", "st", "n", "t")}
    part = s + e + "t" if insep or inf.endswith("ieren") else "ge" + s + e + "t"
    out |= de_participle(part) | de_adjectival(inf + "d")
    return out


def de_adjectival(base: str) -> set[str]:
    return {base} | {base + x for x in ("e", "en", "em", "er", "es")}


def de_participle(part: str) -> set[str]:
    return de_adjectival(part)


def de_strong(inf: str, spec: dict[str, str]) -> set[str]:
    """A table verb: pres=6 forms or 3s=3rd singular (vowel change);
    praet=1st/3rd singular past; part=past participle; k2=Konjunktiv II
    (1st singular); imp=imperative singular."""
    s = inf[:-2] if inf.endswith("en") else inf[:-1]
    e = "e" if de_needs_e(s) else ""
    out = {inf}
    if "pres" in spec:
        out |= set(spec["pres"].split(","))
    else:
        out |= {s + "e", s + e + "t", inf}
        t3 = spec.get("3s")
        if not t3:
            out.add(s + e + "st")
        if t3:
            out.add(t3)
            st = t3[:-1] if t3.endswith("t") else t3
            if st.endswith(("s", "ss", "z", "x")):
                out.add(st + "t")
            else:
                out.add(st + "st")
            if st.endswith("t"):
                out.add(st + "st")
        else:
            out |= {s + e + "st", s + e + "t"}
    out |= {s + "e", s + "est", s + "et", s + "en"}          # Konjunktiv I
    p = spec.get("praet")
    if p:
        for v in p.split(","):
            if v.endswith("te"):
                b = v[:-1]
                out |= {v, b + "est", b + "en", b + "et", b + "st", b + "t"}
            else:
                out |= {v, v + ("est" if v.endswith(("s", "ss", "z", "d", "t")) else "st"),
                        v + "en", v + "t", v + "et", v + "st"}
    k2 = spec.get("k2")
    if k2:
        for v in k2.split(","):
            b = v[:-1] if v.endswith("e") else v
            out |= {b + "e", b + "est", b + "en", b + "et", b + "st", b + "t"}
    imp = spec.get("imp")
    out |= {s, s + "e"} | ({imp} if imp else set())
    part = spec.get("part")
    if part:
        for v in part.split(","):
            out |= de_participle(v)
    out |= de_adjectival(inf + "d")
    if "extra" in spec:
        out |= set(spec["extra"].split(","))
    return {x for x in out if x}


def de_split(inf: str, table: dict, known: set[str]):
    """(prefix, base, kind) for a prefixed verb whose base is a table verb
    or a known verb; kind is 'sep' or 'insep'."""
    for kind, prefixes in (("sep", DE_SEPARABLE), ("insep", DE_INSEPARABLE)):
        for p in sorted(prefixes, key=len, reverse=True):
            if inf.startswith(p) and len(inf) - len(p) >= 3:
                b = inf[len(p):]
                if b in table or b in known:
                    return p, b, kind
    return None


def de_verb_forms(inf: str, table: dict, known: set[str], depth: int = 0) -> set[str]:
    if inf in table:
        cls, spec = table[inf]
        if "like" not in spec:
            return de_strong(inf, spec) if spec else de_weak(inf, cls == "insep")
    sp = de_split(inf, table, known) if depth < 2 else None
    if sp is None:
        return de_weak(inf, False)
    p, b, kind = sp
    base = de_verb_forms(b, table, known, depth + 1)
    # participles: an-ge-kommen; ver-standen (no ge-)
    cls_b, spec_b = table.get(b, ("", {}))
    parts = []
    if spec_b.get("part"):
        parts = spec_b["part"].split(",")
    else:
        sb = b[:-2] if b.endswith("en") else b[:-1]
        e = "e" if de_needs_e(sb) else ""
        parts = [("ge" if not b.endswith("ieren") and cls_b != "insep" else "") + sb + e + "t"]
    base_parts = set().union(*(de_participle(x) for x in parts))
    out = set()
    for f in base - base_parts:
        if "zu" + b != f:
            out.add(p + f)          # dass er ankommt, verstehst
    for part in parts:
        bare = part[2:] if part.startswith("ge") and not b.startswith("ge") else part
        if kind == "sep" or p in DE_AMBIGUOUS:
            out |= de_participle(p + part)
        if kind == "insep" or p in DE_AMBIGUOUS:
            out |= de_participle(p + bare)
    if kind == "sep" or p in DE_AMBIGUOUS:
        out.add(p + "zu" + b)
    return out


def de_conj(verb: str, table: dict, trusted_verb: bool, corpus=None) -> set[str]:
    """The forms of a German verb (the corpus is read once, for the bases of
    prefixed weak verbs)."""
    if corpus is not None and not DE_CORPUS:
        DE_CORPUS.update(corpus)
    if corpus is not None and not DE_KNOWN_VERBS:
        # bases for prefixed weak verbs (einkaufen -> kaufen): corpus words
        # with a past tense or a participle of their own
        for w in corpus:
            if DE_INF.fullmatch(w) and len(w) >= 5:
                s = w[:-2] if w.endswith("en") else w[:-1]
                e = "e" if de_needs_e(s) else ""
                if s + e + "te" in corpus and ("ge" + s + e + "t" in corpus or s + e + "ten" in corpus):
                    DE_KNOWN_VERBS.add(w)
        DE_KNOWN_VERBS.update(table)
    return de_verb_forms(verb, table, DE_KNOWN_VERBS)


DE_KNOWN_VERBS: set[str] = set()
DE_CORPUS: set[str] = set()


def DE_CORPUS_HAS(w: str) -> bool:
    return w in DE_CORPUS


DE_INF = re.compile(r"[a-zäöü]{2,}(?:en|ern|eln)")


def de_evidence(inf: str, table: dict) -> list[str]:
    s = inf[:-2] if inf.endswith("en") else inf[:-1]
    e = "e" if de_needs_e(s) else ""
    if inf.endswith("ieren"):
        return [s + "t", s + "te", s + "ten", s + "end", s + "test"]
    sp = de_split(inf, table, DE_KNOWN_VERBS)
    if sp:
        p, b, _k = sp
        return [inf + "d", p + "zu" + b] + [p + x for x in de_evidence(b, table)]
    # the participle must be there (grossen has grosste, grossten: superlatives)
    if "ge" + s + e + "t" not in DE_KNOWN_VERBS and not DE_CORPUS_HAS("ge" + s + e + "t"):
        return []
    return [s + e + "te", s + e + "ten", "ge" + s + e + "t", s + e + "test", s + "end", s + e + "tet"]


DE_UMLAUT = {"ä": "a", "ö": "o", "ü": "u"}


def de_bases(w: str, adjectives: set[str]):
    out = []
    ends = ("innen", "nen", "ern", "en", "er", "es", "em", "e", "n", "s",
            "ere", "eren", "erem", "erer", "eres",
            "ste", "sten", "stem", "ster", "stes", "st",
            "este", "esten", "estem", "ester", "estes")
    for x in ends:
        if w.endswith(x) and len(w) - len(x) >= 3:
            b = w[: -len(x)]
            if x == "innen":
                out.append((b + "in", False))     # Freundinnen -> Freundin
                continue
            out.append((b, True))
            # Häuser -> Haus, älter -> alt: undo one umlaut
            for i in range(len(b) - 1, -1, -1):
                if b[i] in DE_UMLAUT:
                    if b[i] == "ä" and i + 1 < len(b) and b[i + 1] == "u":
                        out.append((b[:i] + "a" + b[i + 1:], True))
                    else:
                        out.append((b[:i] + DE_UMLAUT[b[i]] + b[i + 1:], True))
                    break
    return out


def de_spellings(form: str) -> list[str]:
    """wordfreq writes ß as ss; texts write both (groß, Straße; Swiss gross)."""
    if "ss" not in form:
        return [form]
    out = {form}
    idx = [m.start() for m in re.finditer("ss", form)]
    for k in range(1, 1 << min(len(idx), 3)):
        f = form
        for j, i in reversed(list(enumerate(idx[:3]))):
            if k >> j & 1:
                f = f[:i] + "ß" + f[i + 2:]
        out.add(f)
    return sorted(out)


GERMAN = Lang(
    code="de", name="German", letters="a-zäöüß",
    single_letters=set(),
    stemmer=snowballstemmer.stemmer("german"),
    conjugate=de_conj, infinitive_re=re.compile(r"[a-zäöü]{2,}(?:en|ern|eln)"),
    bases=de_bases, evidence=de_evidence, evidence_min=2, accentless_forms=False,
    vowels="aeiouäöü", fold=de_fold, extra_forms=de_spellings, base_min_ratio=0.2,
    # German verb forms that are nouns too (Macht, Liebe) are found by their
    # plurals; the frequency test would also promote participles (gemacht)
    verb_form_alone=None, verb_forms_as_bases=False,
)


# ---------------------------------------------------------------------------
# Checks and main
# ---------------------------------------------------------------------------

def level_of(built: Built, word: str) -> tuple[str | None, str]:
    """What cefrlint would find for one lower-case word: the lower of its own
    entry and the lemma a form points to."""
    low = lowest_level(built.rows)
    best, via = low.get(word), word
    for form, lemma in built.forms:
        if form == word and lemma in low and (best is None or level_index(low[lemma]) < level_index(best)):
            best, via = low[lemma], lemma
    return best, via


def spot_checks(built: dict[str, Built]) -> bool:
    ok = True

    def expect(lang, word, allowed, lemma=None):
        nonlocal ok
        got, via = level_of(built[lang], word)
        good = got in allowed and (lemma is None or via == lemma or
                                   (word, lemma) in built[lang].forms or word == lemma)
        if lemma is not None and (word, lemma) not in built[lang].forms and word != lemma:
            good = False
        ok &= good
        extra = f" via {via}" if via != word else ""
        print(f"  {'ok ' if good else 'FAIL'} {lang} {word}: {got}{extra} "
              f"(expected {'/'.join(allowed)}{' through ' + lemma if lemma else ''})")

    print("\nspot checks")
    expect("es", "fuimos", ("A1",), "ir")
    expect("es", "fui", ("A1",), "ser")
    expect("es", "tengo", ("A1",), "tener")
    expect("es", "casas", ("A1",), "casa")
    expect("es", "ciudades", ("A1",), "ciudad")
    for w in ("casa", "comer", "grande", "hablar"):
        expect("es", w, ("A1",))
    for w in ("idiosincrasia", "menoscabo", "inexorable"):
        expect("es", w, ("C1", "C2"))
    expect("de", "ging", ("A1",), "gehen")
    expect("de", "gegangen", ("A1",), "gehen")
    expect("de", "gehe", ("A1",), "gehen")
    expect("de", "häuser", ("A1",), "haus")
    expect("de", "kinder", ("A1",), "kind")
    expect("de", "verstanden", ("A1",), "verstehen")
    expect("de", "angekommen", ("A1",), "ankommen")
    expect("de", "großen", ("A1",), "groß")
    for w in ("haus", "essen", "groß", "gross", "straße"):
        expect("de", w, ("A1",))
    # transparent compounds are capped one level above their harder part
    expect("de", "kinderzimmer", ("A1", "A2"))
    expect("de", "schulhof", ("A2", "B1"))     # schule A1 + hof A2
    expect("de", "aufspielen", ("C1", "C2"))   # a particle verb: not capped
    for w in ("unverhältnismäßigkeit", "unverhältnismässigkeit", "zwangsläufig", "ungeachtet"):
        expect("de", w, ("C1", "C2"))
    expect("it", "andavamo", ("A1",), "andare")
    expect("it", "andato", ("A1",), "andare")
    expect("it", "vado", ("A1",), "andare")
    expect("it", "case", ("A1",), "casa")
    expect("it", "amici", ("A1",), "amico")
    expect("it", "è", ("A1",), "essere")
    for w in ("casa", "mangiare", "grande", "parlare"):
        expect("it", w, ("A1",))
    for w in ("idiosincrasia", "ineluttabile", "pleonastico"):
        expect("it", w, ("C1", "C2"))
    return ok


def main() -> int:
    start = time.monotonic()
    versions = (f"wordfreq {pkg_version('wordfreq')}, "
                f"snowballstemmer {pkg_version('snowballstemmer')}")
    common = [
        "Generated by tools/build_lexicons_es_de_it.py: do not edit by hand, edit the",
        "script or tools/data/ and run it again. Method: docs/lexicon-method.md.",
        f"Built from {versions}.",
    ]
    built = {}
    for lang in (SPANISH, GERMAN, ITALIAN):
        t0 = time.monotonic()
        b = build_lang(lang)
        built[lang.code] = b
        write_lexicon(ROOT / f"rules/{lang.code}/lexicon.tsv", [
            f"{lang.name} graded lexicon for cefrlint.", *common,
            "Sources (see rules/SOURCES.md): wf-freq = level from the rank of the lemma's",
            "summed form frequency in wordfreq (lemma families grouped by generated",
            "paradigms, hand-written irregular tables and Snowball stems); core-hand =",
            "written by the cefrlint authors. Licence of this file: CC BY-SA 4.0 (derived",
            "from wordfreq data).",
        ], b.rows)
        write_forms(ROOT / f"rules/{lang.code}/forms.tsv", [
            f"{lang.name} inflected form -> lemma for cefrlint.", *common,
            "Forms generated by the script's own conjugation and declension rules and",
            "hand-written tables, kept when wordfreq has them (all forms for the verbs",
            "of the tables and the core list). Licence: CC BY-SA 4.0.",
        ], b.forms)
        print(f"{lang.code}: built in {time.monotonic() - t0:.1f} s")
    for code in ("es", "de", "it"):
        print_distribution(f"rules/{code}/lexicon.tsv", built[code].rows)
        print(f"rules/{code}/forms.tsv: {len(built[code].forms)} lines")
    ok = spot_checks(built)
    print(f"\nbuild time: {time.monotonic() - start:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
