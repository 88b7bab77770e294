#!/usr/bin/env python3
"""Builds tests/data/search_eval.tsv, the evaluation set of `tests/search_recall.rs`.

Every spelling in the output is taken from a public source (see SOURCES.md); this script
only picks and combines them. Nothing here spells a name: it selects, pairs and cuts.

Inputs (paths as arguments or defaults under /tmp, fetched as SOURCES.md says):
  wd_ar   NETransliteration-COLING2018 data/wd_arabic_{16,20,64,80} concatenated
  wd_ru   NETransliteration-COLING2018 data/wd_russian_{16,20,64,80} concatenated
  sgc     geezorg/data amharic/toponymic/SGC-SingleNames-20071123.txt
  faker   the unpacked `faker` wheel (providers person/ar_AA, fa_IR, ru_RU, uk_UA)
  uklatn  paiv/uklatn python/uklatn.py (KMU 2010 and DSTU 9112:2021 tables)

Selection rules, fixed before anything was measured:
  - A Latin spelling of a Wikidata name word counts when it occurs at least twice and is
    at least 5 % of that word's labels; ASCII letters, hyphen and apostrophe only.
  - Arabic, Persian, Russian words: the Faker lists of that locale that Wikidata spells.
  - Ukrainian: Faker uk_UA; Latin by the KMU 2010 passport table and DSTU 9112:2021
    System A; the Russian form of a given name from Wikidata's Russian label for the
    same person's Latin name (KMU or 1996-style `-iy`), when attested twice or more.
  - Ge'ez: SGC single names with a Latin spelling, one word each, letters only.

Output lines (tab separated):
  P  id  language  name  name_latin
  Q  id  kind  query                       the query must find person id
  F  id  friend_id  query                  as Q; and friend_id must not be first
"""
import random
import re
import sys
from collections import defaultdict

args = dict(a.split("=", 1) for a in sys.argv[1:])
WD_AR = args.get("wd_ar", "/tmp/wd_ar.txt")
WD_RU = args.get("wd_ru", "/tmp/wd_ru.txt")
SGC = args.get("sgc", "/tmp/sgc.txt")
sys.path.insert(0, args.get("faker", "/tmp/fk/x"))
sys.path.insert(0, args.get("uklatn", "/tmp"))

from faker.providers.person import ar_AA, fa_IR, ru_RU, uk_UA  # noqa: E402
import uklatn  # noqa: E402

rng = random.Random(14)
LATIN = re.compile(r"^[a-z][a-z'\-]*[a-z]$")


def wikidata(path):
    d = defaultdict(dict)
    for line in open(path, encoding="utf8"):
        p = line.rstrip("\n").split("\t")
        if len(p) < 3:
            continue
        en, tok, c = p[0], p[1].replace(" ", ""), int(p[2])
        d[tok][en] = max(d[tok].get(en, 0), c)
    return d


def attested(spellings):
    total = sum(spellings.values())
    out = [
        s
        for s, c in sorted(spellings.items(), key=lambda x: (-x[1], x[0]))
        if c >= 2 and c >= 0.05 * total and LATIN.match(s)
    ]
    return out


def cap(s):
    return "-".join(p[:1].upper() + p[1:] for p in s.split("-"))


wd_ar = wikidata(WD_AR)
wd_ru = wikidata(WD_RU)


def pool_from(words, table, norm=lambda s: s):
    pool = []
    for w in sorted(set(words)):
        if " " in w:
            continue
        sp = attested(table.get(norm(w), {}))
        if sp:
            pool.append((w, [cap(s) for s in sp]))
    return pool


A = ar_AA.Provider
ar_given = pool_from(A.first_names_male + A.first_names_female, wd_ar)
ar_family = pool_from(A.last_names, wd_ar)
F = fa_IR.Provider
fa_norm = lambda s: s.replace("ی", "ي").replace("ک", "ك")  # noqa: E731
fa_given = pool_from(F.first_names_male + F.first_names_female, wd_ar, fa_norm)
fa_family = pool_from(F.last_names, wd_ar, fa_norm)
R = ru_RU.Provider
ru_norm = lambda s: s.lower()  # noqa: E731
ru_given = pool_from(R.first_names_male + R.first_names_female, wd_ru, ru_norm)
ru_family = pool_from(R.last_names, wd_ru, ru_norm)

U = uk_UA.Provider


def uk_entry(w):
    kmu = uklatn.encode(w, table=uklatn.KMU_55)
    dstu = uklatn.encode(w, table=uklatn.DSTU_9112_A)
    return (w, [kmu, dstu])


uk_given = [uk_entry(w) for w in sorted(set(U.first_names_male + U.first_names_female)) if "ʼ" not in w]
uk_family = [uk_entry(w) for w in sorted(set(U.last_names_common)) if "ʼ" not in w and "-" not in w]


def russian_form(w):
    kmu = uklatn.encode(w, table=uklatn.KMU_55).lower()
    keys = {kmu, re.sub("ii$", "iy", kmu), re.sub("ia$", "iya", kmu)}
    best = None
    for tok, sp in wd_ru.items():
        for k in keys:
            c = sp.get(k, 0)
            if c >= 2 and (best is None or c > best[1]):
                best = (tok, c, k)
    return best


# Looking up every Russian token per name is slow; invert once.
by_latin = defaultdict(list)
for tok, sp in wd_ru.items():
    for en, c in sp.items():
        by_latin[en].append((tok, c))


def russian_form_fast(w):
    kmu = uklatn.encode(w, table=uklatn.KMU_55).lower()
    keys = {kmu, re.sub("ii$", "iy", kmu), re.sub("ia$", "iya", kmu)}
    best = None
    for k in keys:
        for tok, c in by_latin.get(k, []):
            if c >= 2 and (best is None or c > best[1]):
                best = (tok, c, k)
    return best


uk_russian = {}
for w, _ in uk_given:
    r = russian_form_fast(w)
    if r and r[0] != w.lower():
        uk_russian[w] = (r[0][:1].upper() + r[0][1:], cap(r[2]))

geez = []
for line in open(SGC, encoding="utf8"):
    p = line.rstrip("\n").split("\t")
    if len(p) < 3 or " " in p[0] or not re.match(r"^[A-Za-z]+$", p[2]):
        continue
    geez.append((p[0], [p[2]]))

persons = []  # (id, lang, name, name_latin)
queries = []  # (id, kind, query)
friends = []  # (id, friend, query)


def partial(words, rnd):
    cut = [w[: rnd.choice((3, 4))] for w in words]
    if rnd.random() < 0.5:
        cut.reverse()
    return " ".join(cut).lower()


def add_person(lang, given, family, script, n_other=True):
    """`given`/`family` are (as written, [Latin spellings]); `script` says whether the
    written form is in a script of its own (not Latin)."""
    pid = len(persons) + 1
    g_sp, f_sp = given[1], family[1]
    mode = rng.random()
    if script and mode < 0.4:
        # Stored in its own script only.
        persons.append((pid, lang, f"{given[0]} {family[0]}", ""))
        q = [rng.choice(g_sp), rng.choice(f_sp)]
        queries.append((pid, "other_script", " ".join(q)))
        queries.append((pid, "partial", partial(q, rng)))
    elif script and mode < 0.8:
        # Own script plus one Latin spelling; asked for with another one.
        gl, fl = g_sp[0], f_sp[0]
        persons.append((pid, lang, f"{given[0]} {family[0]}", f"{gl} {fl}"))
        og = [s for s in g_sp if s != gl] or [gl]
        of = [s for s in f_sp if s != fl] or [fl]
        queries.append((pid, "other_spelling", f"{rng.choice(og)} {rng.choice(of)}"))
        queries.append((pid, "partial", partial([rng.choice(og), rng.choice(of)], rng)))
    else:
        # Stored in Latin letters only; asked for in the script, and in another spelling.
        gl, fl = rng.choice(g_sp), rng.choice(f_sp)
        persons.append((pid, lang, f"{gl} {fl}", ""))
        if script:
            queries.append((pid, "other_script", f"{family[0]} {given[0]}"))
        og = [s for s in g_sp if s != gl]
        of = [s for s in f_sp if s != fl]
        if og or of:
            queries.append((pid, "other_spelling", f"{rng.choice(og or [gl])} {rng.choice(of or [fl])}"))
    return pid


used_pairs = set()


def pair(given, family):
    # Two people with the very same name cannot be told apart by name; each pair once.
    while True:
        g, f = rng.choice(given), rng.choice(family)
        # Faker's fa_IR list has some names with both Arabic and Persian yeh/kaf.
        key = (fa_norm(g[0]), fa_norm(f[0]))
        if key not in used_pairs:
            used_pairs.add(key)
            return g, f


def people(lang, given, family, n, script=True):
    for _ in range(n):
        add_person(lang, *pair(given, family), script)


people("arabic", ar_given, ar_family, 180)
people("persian", fa_given, fa_family, 80)
people("russian", ru_given, ru_family, 100)
people("ukrainian", uk_given, uk_family, 140)
geez_given = geez
people("geez", geez_given, geez, 100)

# Ukrainian people asked for by the Russian form of their given name.
uk_with_ru = [g for g in uk_given if g[0] in uk_russian]
for _ in range(40):
    g, f = pair(uk_with_ru, uk_family)
    pid = len(persons) + 1
    persons.append((pid, "ukrainian", f"{g[0]} {f[0]}", ""))
    ru_name, en_name = uk_russian[g[0]]
    queries.append((pid, "russian_form", f"{ru_name} {f[0]}"))
    queries.append((pid, "wikidata_spelling", f"{en_name} {f[1][0]}"))

# False friends: both stored with the same family name; each asked for by name.
FRIEND_PAIRS = [
    ("arabic", "حسن", "حسين"),
    ("arabic", "سعيد", "سعد"),
    ("arabic", "أمير", "أميرة"),
    ("ukrainian", "Ярослав", "Ярослава"),
    ("ukrainian", "Олександр", "Олександра"),
]
ar_g = dict(ar_given)
uk_g = dict(uk_given)
for lang, a, b in FRIEND_PAIRS:
    table = ar_g if lang == "arabic" else uk_g
    fam_pool = ar_family if lang == "arabic" else uk_family
    for _ in range(6):
        fam = rng.choice(fam_pool)
        if (a, fa_norm(fam[0])) in used_pairs or (b, fa_norm(fam[0])) in used_pairs:
            continue
        used_pairs.update({(a, fa_norm(fam[0])), (b, fa_norm(fam[0]))})
        ids = {}
        for w in (a, b):
            sp = table.get(w) or ([uklatn.encode(w, table=uklatn.KMU_55)] if lang == "ukrainian" else None)
            if sp is None:
                break
            ids[w] = (len(persons) + 1, sp)
            persons.append((len(persons) + 1, lang, f"{w} {fam[0]}", ""))
        if len(ids) < 2:
            continue
        for w, other in ((a, b), (b, a)):
            pid, sp = ids[w]
            friends.append((pid, ids[other][0], f"{rng.choice(sp)} {rng.choice(fam[1])}"))
            friends.append((pid, ids[other][0], f"{w} {fam[0]}"))

out = sys.stdout
out.write("# Generated by build_search_eval.py; sources and licences in SOURCES.md.\n")
for pid, lang, name, latin in persons:
    out.write(f"P\t{pid}\t{lang}\t{name}\t{latin}\n")
for pid, kind, q in queries:
    out.write(f"Q\t{pid}\t{kind}\t{q}\n")
for pid, other, q in friends:
    out.write(f"F\t{pid}\t{other}\t{q}\n")
print(
    f"persons {len(persons)} queries {len(queries)} friends {len(friends)}; pools: "
    f"ar {len(ar_given)}/{len(ar_family)} fa {len(fa_given)}/{len(fa_family)} "
    f"ru {len(ru_given)}/{len(ru_family)} uk {len(uk_given)}/{len(uk_family)} "
    f"uk->ru {len(uk_russian)} geez {len(geez)}",
    file=sys.stderr,
)
