"""Fits the detector's temperature: the T minimizing the negative log-likelihood of the true language on a
development set, where probabilities are softmax(logits / T) and `parley detect --logits` prints logits at the
temperature in model.tsv. Prints the fitted temperature to put into model.tsv.

Usage: python calibrate.py --parley PATH [--data DIR]
"""
import argparse
import math
import subprocess

from bench import LANGS, load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parley", required=True)
    parser.add_argument("--data", default="Tests/ParleyLanguageIDTests/Data")
    args = parser.parse_args()
    items = load(args.data, "dev-") + load(args.data, "dev-stripped-")
    out = subprocess.run([args.parley, "detect", "--logits"], input="\n".join(t for _, t in items) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for (lang, _), line in zip(items, out):
        fields = line.split("\t")
        if fields[0] == "und":
            continue
        logits = dict(pair.split("=") for pair in fields[2].split())
        rows.append((lang, {k: float(v) for k, v in logits.items()}))

    def nll(scale):
        total = 0.0
        for lang, logits in rows:
            top = max(logits.values())
            norm = top * scale + math.log(sum(math.exp((v - top) * scale) for v in logits.values()))
            total -= logits[lang] * scale - norm
        return total / len(rows)

    best = min((nll(1 / t), t) for t in [x / 20 for x in range(10, 201)])
    print(f"messages {len(rows)}; NLL at current temperature {nll(1):.4f}; "
          f"best relative temperature {best[1]:.2f} (NLL {best[0]:.4f})")
    print(f"multiply model.tsv's temperature by {best[1]:.2f}")


if __name__ == "__main__":
    main()
