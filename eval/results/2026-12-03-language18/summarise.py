"""Prints session 29's runs on the two targets still missed (POS trained
on the EWT dev file ≥ 0.92, NER F1 ≥ 0.55).

1. POS: session 28's two single-seed gains on the BiGRU recipe (BiGRU
   hidden 192, head layer, 8,191 affix rows), together: the suffixes 2-4
   and the language-model helper on the EWT train file's text
   (eval/pos-dev-whole-lm-ewt-text.json --set suffixes=2-4, seeds 1-2,
   the last step kept), against the recipe alone (language16), with each
   gain alone (language17, seed 1).
2. NER: the suffixes 2-4 on the BiGRU NER with POS on the EWT train file
   as helper (eval/ner-dev-pos-train.json --set encoder=bigru --set
   suffixes=2-4, seed 1), against that setup's three seeds.
Run from the repository root:
python3 eval/results/2026-12-03-language18/summarise.py"""
import sys

sys.path.insert(0, "eval/results")
from summarise_common import (  # noqa: E402
    BIGRU_NER_POS_TRAIN,
    NER_COLUMNS,
    POS_COLUMNS,
    ner_f1,
    ner_row,
    pos_accuracy,
    pos_row,
    same_seed_gains,
    seed_files,
    table,
)

HERE = "eval/results/2026-12-03-language18"
S16 = "eval/results/2026-12-02-language16"
S17 = "eval/results/2026-12-03-language17"

POS_DEV = {
    "bigru 192 recipe": seed_files(S16, "pos-dev-all-bigru-h192-head"),
    "recipe + suffixes": seed_files(S17, "pos-dev-all-bigru-h192-head-suffixes", (1,)),
    "recipe + LM of text": seed_files(S17, "pos-dev-whole-bigru-lm-ewt-text", (1,)),
    "recipe + suffixes + LM of text": seed_files(HERE, "pos-dev-whole-bigru-lm-suffixes", (1, 2)),
}
accuracy = table(
    POS_DEV,
    f"{'POS on EWT dev':34} {POS_COLUMNS}",
    pos_row,
    pos_accuracy,
    width=34,
)
same_seed_gains(
    accuracy, "recipe + suffixes + LM of text", "bigru 192 recipe", "suffixes and LM minus the recipe, same seed, points"
)
same_seed_gains(
    accuracy, "recipe + suffixes + LM of text", "recipe + LM of text", "suffixes on the LM run, same seed, points"
)
print()

NER = {
    "bigru, NER held-out tenth": BIGRU_NER_POS_TRAIN,
    "bigru + suffixes 2 and 4": seed_files(HERE, "ner-dev-pos-train-bigru-suffixes", (1,)),
}
f1 = table(NER, f"{'NER dev + POS train helper':34} {NER_COLUMNS}", ner_row, ner_f1, width=34)
same_seed_gains(f1, "bigru + suffixes 2 and 4", "bigru, NER held-out tenth", "suffixes minus none, same seed, F1 points", digits=1)
