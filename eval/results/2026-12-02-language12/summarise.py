"""Prints this folder's runs beside the runs they are compared with: test
accuracy (POS) or entity F1 (NER), the whole dev file's figure, best step,
POS test errors and proper-noun/noun confusions (POS runs only), and ms a
step; the NER runs' F1 by entity type; then the seed means. Run from the repository root: python3 eval/results/2026-12-02-language12/summarise.py"""
import json
import os
import statistics

HERE = "eval/results/2026-12-02-language12"
PREV = "eval/results/2026-12-02-language11"
RUNS = [
    # POS trained on the EWT train file, head layer, 8,191-row tables, 2,500 steps (eval/pos-train-best.json):
    # the CNN (session 21) against the CNN with kernel 5 and against the BiGRU.
    ("pos-train cnn s1", "eval/results/2026-12-01-language10/pos-train-2500-head1-rows8191-s1.json"),
    ("pos-train cnn s2", "eval/results/2026-12-01-language10/pos-train-2500-head1-rows8191-s2.json"),
    ("pos-train cnn s3", f"{PREV}/pos-train-2500-head1-rows8191-s3.json"),
    ("pos-train cnn kernel 5 s1", f"{HERE}/pos-train-best-kernel5-s1.json"),
    ("pos-train bigru s1", f"{HERE}/pos-train-best-bigru-s1.json"),
    ("pos-train bigru s2", f"{HERE}/pos-train-best-bigru-s2.json"),
    ("pos-train bigru s3", f"{HERE}/pos-train-best-bigru-s3.json"),
    # NER on the UNER dev file with POS on the EWT train file as helper, 1,500 steps, decoded:
    # the CNN (session 15) against the BiGRU, without and with a language-model helper on POS's text.
    ("ner+pos-train cnn s1", "eval/results/2026-11-30-language4/ner-dev-pos-train-viterbi-s1.json"),
    ("ner+pos-train bigru s1", f"{HERE}/ner-dev-pos-train-bigru-s1.json"),
    ("ner+pos-train+lm bigru s1", f"{HERE}/ner-dev-pos-train-lm-bigru-s1.json"),
]


def headline(d):
    if "ner" in d["tasks"]:
        return "ner", d["tasks"]["ner"]["f1"], d["valid"].get("ner", {}).get("f1")
    return "pos", d["tasks"]["pos"]["accuracy"], d["valid"].get("pos", {}).get("accuracy")


def errors(d):
    c = d["tasks"]["pos"]["confusion"]
    labels, counts = c["labels"], c["counts"]
    total = sum(map(sum, counts))
    wrong = total - sum(counts[i][i] for i in range(len(labels)))
    p, n = labels.index("PROPN"), labels.index("NOUN")
    return wrong, counts[p][n] + counts[n][p]


groups = {}
print(f"{'run':36} {'task':4} {'test':>7} {'dev':>7} {'best':>5} {'errors':>6} {'PROPN<>NOUN':>11} {'ms/step':>8}")
for name, path in RUNS:
    if not os.path.exists(path):
        print(f"{name:36} (not run: {path})")
        continue
    d = json.load(open(path))
    task, test, dev = headline(d)
    wrong, pn = map(str, errors(d)) if task == "pos" else ("-", "-")
    dev_text = f"{dev:.4f}" if dev is not None else "-"
    print(f"{name:36} {task:4} {test:7.4f} {dev_text:>7} {d['bestStep']:5d} {wrong:>6} {pn:>11} {d['msPerStep']:8.0f}")
    groups.setdefault(name.rsplit(" s", 1)[0], []).append(test)
print()
for name, path in RUNS:
    if os.path.exists(path) and "ner" in (d := json.load(open(path)))["tasks"]:
        types = d["tasks"]["ner"]["perType"]
        print(f"{name:36} LOC / ORG / PER F1: " + " / ".join(f"{types[t]['f1']:.3f}" for t in ("LOC", "ORG", "PER")))
print()
for group, values in groups.items():
    sd = statistics.stdev(values) if len(values) > 1 else float("nan")
    print(f"{group:36} n={len(values)} mean {statistics.mean(values):.4f} sd {sd:.4f}")
