"""Prints sessions 26-27's probe of a wider BiGRU: hidden size 128 (64 units a
direction, the default) against 192 (96 a direction, --set hiddenSize=192).
First POS on the EWT train file (eval/pos-train-best.json --set encoder=bigru
--set validationSample=0, the kept step picked on the whole dev file; hidden
128 ran in session 24), seeds 1-3: test accuracy, whole dev file, kept step,
test errors and ms a step. Then NER on the UNER dev file with POS on the EWT
train file as helper (eval/ner-dev-pos-train.json --set encoder=bigru; hidden
128 ran in sessions 22-23). Each table ends with each setup's mean and sd and
the wider BiGRU's gain over the default on the same seed.
Run from the repository root:
python3 eval/results/2026-12-02-language16/summarise.py"""
import sys

sys.path.insert(0, "eval/results")
from summarise_common import NER_COLUMNS, ner_f1, ner_row, same_seed_gains, table  # noqa: E402

HERE = "eval/results/2026-12-02-language16"
S22 = "eval/results/2026-12-02-language12"
S23 = "eval/results/2026-12-02-language13"
S24 = "eval/results/2026-12-02-language14"
POS = {
    "bigru, hidden 128": [f"{S24}/pos-train-best-bigru-fulldev-s{s}.json" for s in (1, 2, 3)],
    "bigru, hidden 192": [f"{HERE}/pos-train-best-bigru-fulldev-h192-s{s}.json" for s in (1, 2, 3)],
}
NER = {
    "bigru, hidden 128": [f"{S22}/ner-dev-pos-train-bigru-s1.json"]
    + [f"{S23}/ner-dev-pos-train-bigru-s{s}.json" for s in (2, 3)],
    "bigru, hidden 192": [f"{HERE}/ner-dev-pos-train-bigru-h192-s{s}.json" for s in (1, 2, 3)],
}


def errors(d):
    c = d["tasks"]["pos"]["confusion"]
    return sum(sum(row) for row in c["counts"]) - sum(row[i] for i, row in enumerate(c["counts"]))


accuracy = table(
    POS,
    f"{'POS on EWT train':30} {'test':>7} {'dev':>7} {'best':>5} {'errors':>6} {'ms/step':>8}",
    lambda d: f"{d['tasks']['pos']['accuracy']:7.4f} {d['valid']['pos']['accuracy']:7.4f} {d['bestStep']:5d}"
    f" {errors(d):6d} {d['msPerStep']:8.0f}",
    lambda d: d["tasks"]["pos"]["accuracy"],
)
same_seed_gains(accuracy, "bigru, hidden 192", "bigru, hidden 128", "hidden 192 minus hidden 128, same seed, points")
print()

f1 = table(NER, f"{'NER dev + POS train helper':30} {NER_COLUMNS}", ner_row, ner_f1)
same_seed_gains(f1, "bigru, hidden 192", "bigru, hidden 128", "hidden 192 minus hidden 128, same seed, F1 points", digits=1)
