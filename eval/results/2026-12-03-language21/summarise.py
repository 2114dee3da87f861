"""Prints session 32's probe on the NER target (entity F1 >= 0.55, NER
trained on the UNER dev file): eval/ner-dev-pos-train-lm.json (the BiGRU,
POS on the EWT train file at weight 0.5 and the language-model helper on
POS's sentences) with the helper at weight 0.2 instead of 0.1
(--set weights.pos-lm=0.2), on seeds 1-3, beside the same config at 0.1
(sessions 22-23) and the BiGRU without the helper. Weight 0.2 is what
lifted POS trained on the EWT dev file past 0.92 in session 31.
Run from the repository root:
python3 eval/results/2026-12-03-language21/summarise.py"""
import sys

sys.path.insert(0, "eval/results")
from summarise_common import (  # noqa: E402
    BIGRU_NER_POS_TRAIN,
    NER_COLUMNS,
    ner_f1,
    ner_row,
    same_seed_gains,
    seed_files,
    table,
)

HERE = "eval/results/2026-12-03-language21"
S22 = "eval/results/2026-12-02-language12"
S23 = "eval/results/2026-12-02-language13"

SETUPS = {
    "bigru": BIGRU_NER_POS_TRAIN,
    "bigru + lm 0.1": seed_files(S22, "ner-dev-pos-train-lm-bigru", (1,))
    + seed_files(S23, "ner-dev-pos-train-lm-bigru", (2, 3)),
    "bigru + lm 0.2": seed_files(HERE, "ner-dev-pos-train-lm-weight02"),
}

f1 = table(SETUPS, f"{'run':22} {NER_COLUMNS}", ner_row, ner_f1, width=22)
same_seed_gains(f1, "bigru + lm 0.2", "bigru + lm 0.1", "lm 0.2 minus lm 0.1, same seed, F1 points", digits=1)
same_seed_gains(f1, "bigru + lm 0.2", "bigru", "lm 0.2 minus no lm, same seed, F1 points", digits=1)
