"""Prints session 24's probes against the runs they change one thing of.

1. POS on the EWT train file (eval/pos-train-best.json, BiGRU): the kept step
   picked on the 300-sentence dev sample (session 22) or on the whole dev file
   (--set validationSample=0), seeds 1-3: test accuracy, whole dev file, kept step.
2. NER on the UNER dev file with POS on the EWT train file as helper (CNN):
   POS's head reading the top layer (session 15) or the first
   (--set tasks.pos.readLayer=1, Søgaard and Goldberg 2016's lower-level
   supervision), and POS at weight 1 instead of 0.5 (--set weights.pos=1):
   NER entity F1 on the test file, F1 by type, POS, kept step.
Run from the repository root:
python3 eval/results/2026-12-02-language14/summarise.py"""
import sys

sys.path.insert(0, "eval/results")
from summarise_common import NER_COLUMNS, ner_f1, ner_row, pos_accuracy, table  # noqa: E402

HERE = "eval/results/2026-12-02-language14"
S22 = "eval/results/2026-12-02-language12"
S15 = "eval/results/2026-11-30-language4"
POS = {
    "bigru, dev sample of 300": [f"{S22}/pos-train-best-bigru-s{s}.json" for s in (1, 2, 3)],
    "bigru, whole dev file": [f"{HERE}/pos-train-best-bigru-fulldev-s{s}.json" for s in (1, 2, 3)],
}
NER = {
    "cnn, pos reads layer 2": [f"{S15}/ner-dev-pos-train-viterbi-s{s}.json" for s in (1, 2, 3)],
    "cnn, pos reads layer 1": [f"{HERE}/ner-dev-pos-train-pos-reads-1-cnn-s{s}.json" for s in (1, 2, 3)],
    "cnn, pos weight 1": [f"{HERE}/ner-dev-pos-train-pos-weight1-cnn-s{s}.json" for s in (1, 2, 3)],
}


table(
    POS,
    f"{'POS on EWT train':30} {'test':>7} {'dev':>7} {'best':>5} {'ms/step':>8}",
    lambda d: f"{d['tasks']['pos']['accuracy']:7.4f} {d['valid']['pos']['accuracy']:7.4f}"
    f" {d['bestStep']:5d} {d['msPerStep']:8.0f}",
    pos_accuracy,
)
table(NER, f"{'NER + POS helper':30} {NER_COLUMNS}", ner_row, ner_f1)
