#!/usr/bin/env python3
"""Extract the 8x8 digits once, from the copy scikit-learn ships, into lib/lab/dataset/digits.json.

    apt-get install python3-sklearn      # Debian: sklearn/datasets/data/digits.csv.gz
    python3 scripts/extract-digits.py [PATH/TO/digits.csv.gz]

Reads only the local gzip (no network, no scikit-learn import): 1,797 rows of
64 pixels in 0..16 and the label. Writes one string per image, 65 characters:
each pixel as one base-17 digit (0-9 then a-g) in row-major order, then the
label. JSON so the browser, a Web Worker, Node and the tests import it the same
way (no fs at run time); one row per line so a diff shows which images changed.
Re-running gives the same bytes.
"""
import gzip
import json
import sys
from pathlib import Path

DEFAULT = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
OUT = Path(__file__).resolve().parent.parent / "lib" / "lab" / "dataset" / "digits.json"
ALPHABET = "0123456789abcdefg"


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)
    if not src.exists():
        sys.exit(f"{src}: not found (apt-get install python3-sklearn, or pass the path to digits.csv.gz)")
    rows = []
    with gzip.open(src, "rt") as f:
        for n, line in enumerate(f, 1):
            values = [int(float(v)) for v in line.strip().split(",")]
            if len(values) != 65 or not all(0 <= v <= 16 for v in values[:64]) or not 0 <= values[64] <= 9:
                sys.exit(f"{src}:{n}: expected 64 pixels in 0..16 and a label 0..9")
            rows.append("".join(ALPHABET[v] for v in values[:64]) + str(values[64]))
    if len(rows) != 1797:
        sys.exit(f"{src}: expected 1797 images, got {len(rows)}")
    head = {
        "source": "UCI Optical Recognition of Handwritten Digits (E. Alpaydin, C. Kaynak, 1998), "
        "test set of 1,797 8x8 images as shipped by scikit-learn (sklearn/datasets/data/digits.csv.gz)",
        "licence": "CC BY 4.0",
        "format": "one string per image: 64 pixels row-major, each 0..16 as one base-17 digit (0-9a-g), then the label 0-9",
    }
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v)},")
    lines.append('  "rows": [')
    lines.extend(f"    {json.dumps(r)}{',' if i < len(rows) - 1 else ''}" for i, r in enumerate(rows))
    lines.append("  ]")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"{OUT}: {len(rows)} images")


if __name__ == "__main__":
    main()
