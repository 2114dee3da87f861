"""Prints session 30's runs on the two targets still missed (POS trained
on the EWT dev file ≥ 0.92, NER F1 ≥ 0.55).

1. POS: seed 3 of session 29's recipe (the BiGRU 192 recipe with the
   suffixes 2-4 and the language-model helper on the EWT train file's
   text: eval/pos-dev-whole-lm-ewt-text.json --set suffixes=2-4, the last
   step kept), beside seeds 1-2 (language18), against the recipe alone
   (language16).
2. NER: every setting of that POS recipe at once on the BiGRU NER with POS
   on the EWT train file and the language-model helper on POS's sentences
   (eval/ner-dev-pos-train-lm.json --set suffixes=2-4 --set hiddenSize=192
   --set headLayers=1 --set affixRows=8191, seed 1), against the same
   config's three seeds at hidden 128 (language12-13) and the BiGRU
   without the helper. That run was stopped at step 1,100 of 1,500 (its
   log is here, with no result file), so its row does not print.
Run from the repository root:
python3 eval/results/2026-12-03-language19/summarise.py"""
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

HERE = "eval/results/2026-12-03-language19"
S12 = "eval/results/2026-12-02-language12"
S13 = "eval/results/2026-12-02-language13"
S16 = "eval/results/2026-12-02-language16"
S18 = "eval/results/2026-12-03-language18"

POS_DEV = {
    "bigru 192 recipe": seed_files(S16, "pos-dev-all-bigru-h192-head"),
    "recipe + suffixes + LM of text": seed_files(S18, "pos-dev-whole-bigru-lm-suffixes", (1, 2))
    + seed_files(HERE, "pos-dev-whole-bigru-lm-suffixes", (3,)),
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
print()

NER = {
    "bigru": BIGRU_NER_POS_TRAIN,
    "bigru + LM": [f"{S12}/ner-dev-pos-train-lm-bigru-s1.json"] + seed_files(S13, "ner-dev-pos-train-lm-bigru", (2, 3)),
    "bigru + LM + POS recipe's settings": seed_files(HERE, "ner-dev-pos-train-lm-bigru192-stack", (1,)),
}
f1 = table(NER, f"{'NER dev + POS train helper':34} {NER_COLUMNS}", ner_row, ner_f1, width=34)
same_seed_gains(
    f1, "bigru + LM + POS recipe's settings", "bigru + LM", "the POS recipe's settings minus none, same seed, F1 points", digits=1
)
