"""Prints sessions 26-27's probe of a wider BiGRU: hidden size 128 (64 units a
direction, the default) against 192 (96 a direction, --set hiddenSize=192).
First POS on the EWT train file (eval/pos-train-best.json --set encoder=bigru
--set validationSample=0, the kept step picked on the whole dev file; hidden
128 ran in session 24), seeds 1-3: test accuracy, whole dev file, kept step,
test errors and ms a step. Then NER on the UNER dev file with POS on the EWT
train file as helper (eval/ner-dev-pos-train.json --set encoder=bigru; hidden
128 ran in sessions 22-23). Each of those tables ends with each setup's mean
and sd and the wider BiGRU's gain over the default on the same seed. Then
POS trained on the EWT dev file (eval/pos-dev-all.json) with the POS-train
recipe (--set encoder=bigru --set hiddenSize=192 --set headLayers=1 --set
affixRows=8191) against the default CNN with 2,039 or 8,191 affix rows
(2026-12-01 and session 21). Last, the cost of the width: the POS-train
recipe timed alone, hidden 128 and 192 alternating, 100 steps, three rounds
(--set hiddenSize=H --set steps=100 --set evalEvery=1000): ms a step of
training, and the seconds outside training (reading the files, the final
scoring of the dev and test files).
Run from the repository root:
python3 eval/results/2026-12-02-language16/summarise.py"""
import statistics
import sys

sys.path.insert(0, "eval/results")
from summarise_common import (  # noqa: E402
    BIGRU_NER_POS_TRAIN,
    DEFAULT_CNN_POS_DEV,
    NER_COLUMNS,
    load,
    ner_f1,
    ner_row,
    pos_accuracy,
    pos_errors,
    same_seed_gains,
    seed_files,
    table,
)

HERE = "eval/results/2026-12-02-language16"
S24 = "eval/results/2026-12-02-language14"
S21 = "eval/results/2026-12-02-language11"
POS = {
    "bigru, hidden 128": seed_files(S24, "pos-train-best-bigru-fulldev"),
    "bigru, hidden 192": seed_files(HERE, "pos-train-best-bigru-fulldev-h192"),
}
NER = {
    "bigru, hidden 128": BIGRU_NER_POS_TRAIN,
    "bigru, hidden 192": seed_files(HERE, "ner-dev-pos-train-bigru-h192"),
}


accuracy = table(
    POS,
    f"{'POS on EWT train':30} {'test':>7} {'dev':>7} {'best':>5} {'errors':>6} {'ms/step':>8}",
    lambda d: f"{d['tasks']['pos']['accuracy']:7.4f} {d['valid']['pos']['accuracy']:7.4f} {d['bestStep']:5d}"
    f" {pos_errors(d):6d} {d['msPerStep']:8.0f}",
    pos_accuracy,
)
same_seed_gains(accuracy, "bigru, hidden 192", "bigru, hidden 128", "hidden 192 minus hidden 128, same seed, points")
print()

f1 = table(NER, f"{'NER dev + POS train helper':30} {NER_COLUMNS}", ner_row, ner_f1)
same_seed_gains(f1, "bigru, hidden 192", "bigru, hidden 128", "hidden 192 minus hidden 128, same seed, F1 points", digits=1)
print()

POS_DEV = {
    "cnn, 2039 rows": DEFAULT_CNN_POS_DEV,
    "cnn, 8191 rows": seed_files(S21, "pos-dev-all-rows8191"),
    "bigru 192, head, 8191 rows": seed_files(HERE, "pos-dev-all-bigru-h192-head"),
}
dev_accuracy = table(
    POS_DEV,
    f"{'POS on EWT dev':30} {'test':>7} {'best':>5} {'errors':>6} {'ms/step':>8}",
    lambda d: f"{d['tasks']['pos']['accuracy']:7.4f} {d['bestStep']:5d} {pos_errors(d):6d} {d['msPerStep']:8.0f}",
    pos_accuracy,
)
same_seed_gains(dev_accuracy, "bigru 192, head, 8191 rows", "cnn, 2039 rows", "bigru recipe minus default cnn, same seed, points")
same_seed_gains(dev_accuracy, "bigru 192, head, 8191 rows", "cnn, 8191 rows", "bigru recipe minus cnn 8191 rows, same seed, points")
print()

print(f"{'timed alone, 100 steps':30} {'ms/step':>8} {'other s':>9}")
timed = {}
for round_ in (1, 2, 3):
    for hidden in (128, 192):
        d = load(f"{HERE}/timing-pos-train-best-h{hidden}-r{round_}.json")
        if d is None:
            continue
        timed.setdefault(hidden, []).append(d["msPerStep"])
        print(f"{'hidden ' + str(hidden) + ' round ' + str(round_):30} {d['msPerStep']:8.0f} {d['wallSeconds'] - d['trainingSeconds']:9.1f}")
if len(timed.get(128, [])) == len(timed.get(192, [])) > 0:
    ratios = ", ".join(f"{w / n:.2f}" for n, w in zip(timed[128], timed[192]))
    print(f"hidden 192 over 128, ms a step, same round: {ratios}; medians {statistics.median(timed[192]):.0f}"
          f" against {statistics.median(timed[128]):.0f} ms")
