"""Measures Parley's language detector against public peers on the development set.

Usage: python bench.py --parley PATH_TO_PARLEY [--data DIR] [--peers] [--speed] [--write-stripped]

Reads <data>/dev-<lang>.txt (one message per line, written by the project, never used for training), buckets
each message by its number of whitespace-separated words (1, 2-3, 4-8, 9+), and reports accuracy per language and
bucket for Parley (`parley detect`) and, with --peers, lingua (high accuracy), py3langid (set_languages) and
pycld2, all restricted to the same languages. Also on the accent-stripped copy (dev-stripped-<lang>.txt).
"""
import argparse
import collections
import os
import subprocess
import sys
import time
import unicodedata

LANGS = ["de", "en", "et", "tr"]
BUCKETS = ["1", "2-3", "4-8", "9+"]


def bucket(text):
    n = len(text.split())
    return "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def strip_accents(text):
    text = text.replace("ı", "i").replace("İ", "I").replace("ß", "ss")
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                               if unicodedata.category(c) != "Mn"))


def load(data, prefix):
    items = []
    for lang in LANGS:
        with open(os.path.join(data, f"{prefix}{lang}.txt"), encoding="utf-8") as f:
            items += [(lang, line.rstrip("\n")) for line in f if line.strip()]
    return items


def parley(binary, texts, languages):
    out = subprocess.run([binary, "detect", "--languages", ",".join(languages)], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split("\t")[0] for line in out]


def lingua_detector(languages):
    from lingua import Language, LanguageDetectorBuilder
    names = {"de": Language.GERMAN, "en": Language.ENGLISH, "et": Language.ESTONIAN, "tr": Language.TURKISH}
    detector = LanguageDetectorBuilder.from_languages(*[names[l] for l in languages]).build()
    back = {v: k for k, v in names.items()}

    def detect(texts):
        return [back.get(detector.detect_language_of(t), "und") for t in texts]
    return detect


def py3langid_detector(languages):
    from py3langid import langid
    langid.set_languages(languages)
    return lambda texts: [langid.classify(t)[0] for t in texts]


def cld2_detector(languages):
    import pycld2

    def one(text):
        try:
            _, _, details = pycld2.detect(text, bestEffort=True)
        except pycld2.error:
            return "und"
        for _, code, _, _ in details:
            if code in languages:
                return code
        return "und"
    return lambda texts: [one(t) for t in texts]


def accuracy(items, predictions):
    cells = collections.defaultdict(lambda: [0, 0])
    for (lang, text), guess in zip(items, predictions):
        for key in [(lang, bucket(text)), (lang, "all"), ("all", bucket(text)), ("all", "all")]:
            cells[key][0] += guess == lang
            cells[key][1] += 1
    return {k: v[0] / v[1] for k, v in cells.items()}, cells


def report(title, items, systems):
    print(f"\n### {title} ({len(items)} messages)\n")
    print("| language | words | n | " + " | ".join(name for name, _ in systems) + " |")
    print("| --- | --- | --- |" + " --- |" * len(systems))
    results = [(name, accuracy(items, preds)) for name, preds in systems]
    counts = results[0][1][1]
    for lang in LANGS + ["all"]:
        for b in BUCKETS + ["all"]:
            if (lang, b) not in counts:
                continue
            row = " | ".join(f"{acc[(lang, b)]:.3f}" for _, (acc, _) in results)
            label = f"**{lang}**" if b == "all" else lang
            print(f"| {label} | {b} | {counts[(lang, b)][1]} | {row} |")
    return results


def speed(binary, texts, languages):
    start = time.perf_counter()
    out = subprocess.run([binary, "detect", "--benchmark", "--languages", ",".join(languages)],
                         input="\n".join(texts) + "\n", capture_output=True, text=True, check=True).stdout
    return out, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parley", required=True)
    parser.add_argument("--data", default="Tests/ParleyLanguageIDTests/Data")
    parser.add_argument("--peers", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--write-stripped", action="store_true")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    if args.write_stripped:
        for lang in LANGS:
            with open(os.path.join(args.data, f"dev-{lang}.txt"), encoding="utf-8") as f, \
                    open(os.path.join(args.data, f"dev-stripped-{lang}.txt"), "w", encoding="utf-8") as out:
                out.write("".join(strip_accents(line) for line in f))
    for title, prefix in [("Development set", "dev-"), ("Accent-stripped copy", "dev-stripped-")]:
        items = load(args.data, prefix)
        texts = [t for _, t in items]
        systems = [("Parley", parley(args.parley, texts, LANGS))]
        if args.peers:
            for name, factory in [("lingua (high accuracy)", lingua_detector), ("py3langid", py3langid_detector),
                                  ("pycld2", cld2_detector)]:
                detect = factory(LANGS)
                detect(texts[:5])  # load lazily loaded models before timing
                started = time.process_time()
                systems.append((name, detect(texts)))
                print(f"{name}: {len(texts) / (time.process_time() - started):.0f} messages/s (CPU time)",
                      file=sys.stderr)
        report(title, items, systems)
        if args.errors:
            for (lang, text), guess in zip(items, systems[0][1]):
                if guess != lang:
                    print(f"  {lang}->{guess}: {text}", file=sys.stderr)
    if args.speed:
        items = load(args.data, "dev-")
        out, _ = speed(args.parley, [t for _, t in items], LANGS)
        print("\n### Speed (one core, release build)\n")
        print("| measure | value |\n| --- | --- |")
        for line in out.splitlines():
            key, value = line.split("\t")[:2]
            print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
