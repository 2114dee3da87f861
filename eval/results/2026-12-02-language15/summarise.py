"""Prints session 25's probe: POS on the EWT train file (eval/pos-train-best.json,
BiGRU, kept step picked on the whole dev file) with word ids lower-cased (the
default, session 24) or keeping their case (--set lowercase=false), seeds 1-3:
test accuracy, whole dev file, kept step, test errors, proper nouns read as
nouns and nouns read as proper nouns; then each setup's mean and sd, and the
cased run's gain over the lower-cased one on the same seed.
Run from the repository root:
python3 eval/results/2026-12-02-language15/summarise.py"""
import sys

sys.path.insert(0, "eval/results")
from summarise_common import pos_accuracy, pos_errors, same_seed_gains, table  # noqa: E402

HERE = "eval/results/2026-12-02-language15"
S24 = "eval/results/2026-12-02-language14"
POS = {
    "bigru, lower-cased ids": [f"{S24}/pos-train-best-bigru-fulldev-s{s}.json" for s in (1, 2, 3)],
    "bigru, cased ids": [f"{HERE}/pos-train-best-bigru-fulldev-cased-s{s}.json" for s in (1, 2, 3)],
}


def confused(d, gold, predicted):
    c = d["tasks"]["pos"]["confusion"]
    return c["counts"][c["labels"].index(gold)][c["labels"].index(predicted)]


accuracy = table(
    POS,
    f"{'POS on EWT train':30} {'test':>7} {'dev':>7} {'best':>5} {'errors':>6} {'PROPN>NOUN':>10}"
    f" {'NOUN>PROPN':>10} {'ms/step':>8}",
    lambda d: f"{d['tasks']['pos']['accuracy']:7.4f} {d['valid']['pos']['accuracy']:7.4f} {d['bestStep']:5d}"
    f" {pos_errors(d):6d} {confused(d, 'PROPN', 'NOUN'):10d} {confused(d, 'NOUN', 'PROPN'):10d} {d['msPerStep']:8.0f}",
    pos_accuracy,
)
same_seed_gains(accuracy, "bigru, cased ids", "bigru, lower-cased ids", "cased minus lower-cased, same seed, points")
