"""Prints session 31's probe on the POS-dev target (POS trained on the EWT
dev file >= 0.92): session 29's recipe (the BiGRU 192 recipe with the
suffixes 2-4 and the language-model helper on the EWT train file's text,
eval/pos-dev-whole-lm-ewt-text.json --set suffixes=2-4, the last step kept)
with the helper's weight at 0.2 instead of 0.1
(--set weights.ewt-text-lm=0.2), on seeds 1-3, beside the recipe's
three seeds (language18-19).
Run from the repository root:
python3 eval/results/2026-12-03-language20/summarise.py"""
import sys

sys.path.insert(0, "eval/results")
from summarise_common import (  # noqa: E402
    POS_COLUMNS,
    pos_accuracy,
    pos_row,
    same_seed_gains,
    seed_files,
    table,
)

HERE = "eval/results/2026-12-03-language20"
S18 = "eval/results/2026-12-03-language18"
S19 = "eval/results/2026-12-03-language19"

POS_DEV = {
    "recipe, LM weight 0.1": seed_files(S18, "pos-dev-whole-bigru-lm-suffixes", (1, 2))
    + seed_files(S19, "pos-dev-whole-bigru-lm-suffixes", (3,)),
    "recipe, LM weight 0.2": seed_files(HERE, "pos-dev-whole-bigru-lm02-suffixes"),
}
accuracy = table(POS_DEV, f"{'POS on EWT dev':30} {POS_COLUMNS}", pos_row, pos_accuracy)
same_seed_gains(accuracy, "recipe, LM weight 0.2", "recipe, LM weight 0.1", "LM weight 0.2 minus 0.1, same seed, points")
