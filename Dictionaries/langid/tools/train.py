"""Rebuilds Parley's language-identification profiles (Dictionaries/langid/*.profile) from their sources.

Sources (see ../PROVENANCE): wordfreq word lists, Debian's hunspell dictionaries, the JupyterLab language packs'
translated UI strings, and the chat text in ../text/<lang>.txt that the project wrote itself.

Usage: python train.py [--out DIR] [--hunspell DIR] [--languages de,en,et,tr]
"""
import argparse
import collections
import glob
import json
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import foldtable  # noqa: E402

VERSION = 1
BASIS = {"word": 0x811C9DC5, "stripped": 0x050C5D1F, "ngram": 0x1B873593}
BEGIN, END = 0x02, 0x03
MAX_ORDER = 4
SCALE = 8.0  # stored value = round(-ln p * SCALE), 255 = absent
HUNSPELL = {"de": "de_DE", "en": "en_US", "et": "et_EE", "tr": "tr_TR"}
JUPYTER = {"de": "de_DE", "et": "et_EE", "tr": "tr_TR"}
WORDFREQ_TOP = 200_000
# Share of each source in a language's word distribution: wordfreq, own text, JupyterLab strings, hunspell forms.
MIX = {
    "de": (0.86, 0.06, 0.02, 0.06),
    "en": (0.90, 0.06, 0.00, 0.04),
    "tr": (0.80, 0.08, 0.02, 0.10),
    "et": (0.00, 0.55, 0.10, 0.35),
}


def fnv(codepoints, basis):
    h = basis
    for c in codepoints:
        h ^= c
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def quantize(p):
    return min(254, max(0, round(-math.log(p) * SCALE)))


def tokens_of(text):
    return foldtable.fold(text)


def wordfreq_dist(lang):
    try:
        import wordfreq
    except ImportError:
        return {}
    if lang not in wordfreq.available_languages("best"):
        return {}
    items = sorted(wordfreq.get_frequency_dict(lang, "best").items(), key=lambda kv: -kv[1])
    dist = collections.Counter()
    for word, freq in items[:WORDFREQ_TOP]:
        toks = tokens_of(word)
        for marked, _ in toks:
            dist[marked] += freq / len(toks)
    return dist


def hunspell_words(lang, directory):
    name = HUNSPELL[lang]
    aff = os.path.join(directory, name + ".aff")
    encoding = "utf-8"
    with open(aff, "rb") as f:
        for line in f:
            if line.startswith(b"SET "):
                encoding = line.split()[1].decode("ascii").lower().replace("iso8859", "iso-8859")
                break
    words = set()
    with open(os.path.join(directory, name + ".dic"), encoding=encoding, errors="replace") as f:
        next(f)
        for line in f:
            word = line.strip().split("/")[0]
            toks = tokens_of(word)
            if len(toks) == 1 and toks[0][0] and len(toks[0][0]) == len(word):
                words.add(toks[0][0])
    return words


def jupyter_counts(lang):
    counts = collections.Counter()
    if lang not in JUPYTER:
        return counts
    import importlib.util
    code = JUPYTER[lang]
    spec = importlib.util.find_spec("jupyterlab_language_pack_" + code)
    if spec is None:
        return counts
    root = os.path.dirname(spec.origin)
    for path in sorted(glob.glob(os.path.join(root, "locale", code, "LC_MESSAGES", "*.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for key, value in data.items():
            if key and isinstance(value, list):
                for text in value:
                    if isinstance(text, str):
                        counts.update(m for m, _ in tokens_of(text.replace("&", "")))
    return counts


def own_counts(lang, text_dir):
    counts = collections.Counter()
    path = os.path.join(text_dir, lang + ".txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#"):
                    counts.update(m for m, _ in tokens_of(line))
    return counts


def normalized(counter):
    total = sum(counter.values())
    return {w: c / total for w, c in counter.items()} if total else {}


def word_distribution(lang, args):
    wf = normalized(wordfreq_dist(lang))
    own = normalized(own_counts(lang, args.text))
    jup = normalized(jupyter_counts(lang))
    hun = hunspell_words(lang, args.hunspell)
    parts = [(wf, 0), (own, 1), (jup, 2), ({w: 1 / len(hun) for w in hun} if hun else {}, 3)]
    weights = MIX[lang]
    live = sum(weights[i] for d, i in parts if d)
    mass = collections.Counter()
    for dist, i in parts:
        for w, p in dist.items():
            mass[w] += p * weights[i] / live
    print(f"{lang}: wordfreq {len(wf)}, own {len(own)}, jupyter {len(jup)}, hunspell {len(hun)} -> {len(mass)}",
          file=sys.stderr)
    return mass


def strip_word(word):
    return "".join(foldtable.TABLE.get(ord(c), ("L", c, c))[2] or c for c in word)


def ngram_model(mass):
    """Witten-Bell interpolated character model over stripped word types; {ngram tuple: p(last | rest)}."""
    counts = [collections.Counter() for _ in range(MAX_ORDER + 1)]
    for word in mass:
        seq = [BEGIN] + [ord(c) for c in strip_word(word)] + [END]
        for i in range(1, len(seq)):
            for n in range(1, MAX_ORDER + 1):
                if i - n + 1 < 0:
                    break
                counts[n][tuple(seq[i - n + 1:i + 1])] += 1
    ctx_total = [collections.Counter() for _ in range(MAX_ORDER + 1)]
    ctx_types = [collections.Counter() for _ in range(MAX_ORDER + 1)]
    for n in range(1, MAX_ORDER + 1):
        for gram, c in counts[n].items():
            ctx_total[n][gram[:-1]] += c
            ctx_types[n][gram[:-1]] += 1
    probs = {}
    vocab = len(counts[1]) + 1
    for n in range(1, MAX_ORDER + 1):
        for gram, c in counts[n].items():
            if n >= 3 and c < 2:
                continue
            ctx = gram[:-1]
            lower = probs.get(gram[1:], 1 / vocab) if n > 1 else 1 / vocab
            t, total = ctx_types[n][ctx], ctx_total[n][ctx]
            probs[gram] = (c + t * lower) / (total + t)
    return probs


def letter_model(mass):
    """p(marked letter | its stripped base) for letters that carry a diacritic."""
    base_counts, letter_counts = collections.Counter(), collections.Counter()
    for word in mass:
        for ch in word:
            entry = foldtable.TABLE.get(ord(ch))
            if entry is None or entry[0] != "L":
                continue
            base = entry[2][:1]
            base_counts[base] += 1
            if entry[1] != entry[2]:
                letter_counts[ch] += 1
    out = {}
    for cp, (cls, m, s) in foldtable.TABLE.items():
        if cls == "L" and m == chr(cp) and m != s and len(m) == 1:
            out[cp] = max(1e-4, (letter_counts[m] + 0.01) / (base_counts[s[:1]] + 1))
    return out


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def section(entries):
    """entries: {key: value}; sorted by key, delta-coded varints, one value byte each."""
    out = bytearray(struct.pack("<I", len(entries)))
    last = 0
    for key in sorted(entries):
        out += varint(key - last) + bytes([entries[key]])
        last = key
    return bytes(out)


def build(lang, args):
    mass = word_distribution(lang, args)
    words, strip_mass, has_mark = {}, collections.Counter(), set()
    for w, p in mass.items():
        words[fnv([ord(c) for c in w], BASIS["word"])] = quantize(p)
        s = strip_word(w)
        strip_mass[s] += p
        if s != w:
            has_mark.add(s)
    stripped = {fnv([ord(c) for c in s], BASIS["stripped"]): quantize(strip_mass[s]) for s in has_mark}
    grams = {fnv(g, BASIS["ngram"]): quantize(p) for g, p in ngram_model(mass).items()}
    letters = letter_model(mass)
    blob = bytearray(b"PLID" + struct.pack("<HH", VERSION, 0) + lang.encode("ascii").ljust(8, b"\0"))
    blob += section(words) + section(stripped) + section(grams)
    blob += struct.pack("<I", len(letters))
    for cp in sorted(letters):
        blob += struct.pack("<I", cp) + bytes([quantize(letters[cp])])
    path = os.path.join(args.out, lang + ".profile")
    with open(path, "wb") as f:
        f.write(blob)
    print(f"{lang}: {len(words)} words, {len(stripped)} stripped, {len(grams)} n-grams, {len(letters)} letters, "
          f"{len(blob)} bytes -> {path}", file=sys.stderr)


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=here)
    parser.add_argument("--text", default=os.path.join(here, "text"))
    parser.add_argument("--hunspell", default="/usr/share/hunspell")
    parser.add_argument("--languages", default="de,en,et,tr")
    args = parser.parse_args()
    foldtable.write(os.path.join(args.out, "fold.tsv"))
    for lang in args.languages.split(","):
        build(lang, args)


if __name__ == "__main__":
    main()
