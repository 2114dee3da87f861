"""Prints NER on the UNER dev file with POS on the EWT train file as helper, over
three seeds: the CNN (session 15), the BiGRU, and the BiGRU with a language-model
helper on POS's sentences at weight 0.1 and 0.3. For each run: entity F1 on the
test file, F1 on the dev sample at the kept step, POS test accuracy, the kept step, ms a step and F1
by entity type; then each setup's seed mean and sd, and the language model's gain
over the BiGRU on the same seed. Run from the repository root:
python3 eval/results/2026-12-02-language13/summarise.py"""
import sys

sys.path.insert(0, "eval/results")
from summarise_common import NER_COLUMNS, ner_f1, ner_row, same_seed_gains, table  # noqa: E402

HERE = "eval/results/2026-12-02-language13"
PREV = "eval/results/2026-12-02-language12"
CNN = "eval/results/2026-11-30-language4"
SETUPS = {
    "cnn": [f"{CNN}/ner-dev-pos-train-viterbi-s{s}.json" for s in (1, 2, 3)],
    "bigru": [f"{PREV}/ner-dev-pos-train-bigru-s1.json"]
    + [f"{HERE}/ner-dev-pos-train-bigru-s{s}.json" for s in (2, 3)],
    "bigru + lm 0.1": [f"{PREV}/ner-dev-pos-train-lm-bigru-s1.json"]
    + [f"{HERE}/ner-dev-pos-train-lm-bigru-s{s}.json" for s in (2, 3)],
    "bigru + lm 0.3": [f"{HERE}/ner-dev-pos-train-lm-weight03-bigru-s{s}.json" for s in (1, 2, 3)],
}


f1 = table(SETUPS, f"{'run':22} {NER_COLUMNS}", ner_row, ner_f1, width=22)
for setup in ("bigru + lm 0.1", "bigru + lm 0.3"):
    same_seed_gains(f1, setup, "bigru", f"{setup} minus bigru, same seed, F1 points", digits=1)
