"""What the dated folders' summarise.py scripts share: reading a result file
and printing a seed mean and sd, and a table of runs by setup and seed.
Each script imports it by adding this folder to its path, and runs from the
repository root."""
import json
import os
import statistics


def load(path):
    """A result file's JSON, or None while the run has not written it."""
    return json.load(open(path)) if os.path.exists(path) else None


def seed_files(folder, stem, seeds=(1, 2, 3)):
    """The result files `folder/stem-sN.json` of seeds N, in seed order."""
    return [f"{folder}/{stem}-s{seed}.json" for seed in seeds]


# Baselines more than one dated script compares with: the default CNN's POS trained on the EWT dev file
# (eval/pos-dev-all.json; seed 1 on 2026-12-01, seeds 2-3 in session 21), and NER on the UNER dev file with
# POS on the EWT train file as helper, BiGRU hidden 128 (eval/ner-dev-pos-train.json --set encoder=bigru;
# seed 1 in session 22, seeds 2-3 in session 23).
DEFAULT_CNN_POS_DEV = ["eval/results/2026-12-01-language5/pos-dev-all-s1.json"] + seed_files(
    "eval/results/2026-12-02-language11", "pos-dev-all", (2, 3)
)
BIGRU_NER_POS_TRAIN = ["eval/results/2026-12-02-language12/ner-dev-pos-train-bigru-s1.json"] + seed_files(
    "eval/results/2026-12-02-language13", "ner-dev-pos-train-bigru", (2, 3)
)


def mean_sd(values, digits=4):
    sd = statistics.stdev(values) if len(values) > 1 else float("nan")
    return f"n={len(values)} mean {statistics.mean(values):.{digits}f} sd {sd:.{digits}f}"


def table(setups, header, row, headline, width=30):
    """One line per run (`row`), then each setup's mean and sd of `headline`; returns those values by setup and seed.
    A setup's runs are a list of files for seeds 1, 2, ..., or a dict from seed to file."""
    print(header)
    scores = {}
    for setup, paths in setups.items():
        for seed, path in paths.items() if isinstance(paths, dict) else enumerate(paths, start=1):
            d = load(path)
            if d is None:
                continue
            scores.setdefault(setup, {})[seed] = headline(d)
            print(f"{setup + ' s' + str(seed):{width}} {row(d)}")
    print()
    for setup, by_seed in scores.items():
        print(f"{setup:{width}} {mean_sd(list(by_seed.values()))}")
    print()
    return scores


def kept(d):
    """The step whose weights were scored: the best on validation, or "last" for a run without validation."""
    return "last" if d["bestStep"] is None else f"{d['bestStep']:4d}"


def pos_accuracy(d):
    return d["tasks"]["pos"]["accuracy"]


def pos_errors(d):
    """Test tokens POS tagged wrong: everything off the confusion matrix's diagonal."""
    counts = d["tasks"]["pos"]["confusion"]["counts"]
    return sum(sum(row) for row in counts) - sum(row[i] for i, row in enumerate(counts))


def same_seed_gains(scores, setup, base, label, digits=2):
    """Prints `label`, then `setup` minus `base` in points (x 100) on each seed both ran, then their mean and sd."""
    setup_scores, base_scores = scores.get(setup, {}), scores.get(base, {})
    seeds = sorted(set(setup_scores) & set(base_scores))
    if not seeds:
        return
    gains = [(setup_scores[s] - base_scores[s]) * 100 for s in seeds]
    each = ", ".join(f"s{s} {g:+.{digits}f}" for s, g in zip(seeds, gains))
    print(f"{label}: {each}; {mean_sd(gains, digits=digits)}")


# POS alone: test accuracy, the kept step, test errors and ms a step (language17 onwards).
POS_COLUMNS = f"{'test':>7} {'kept':>5} {'errors':>6} {'ms/step':>8}"


def pos_row(d):
    return f"{pos_accuracy(d):7.4f} {kept(d):>5} {pos_errors(d):6d} {d['msPerStep']:8.0f}"


# NER with POS as helper: entity F1 on the test file and on the dev sample at the kept step, POS test accuracy,
# the kept step, ms a step and F1 by entity type. A run without validation shows "-" for the dev F1 and kept the last step.
NER_COLUMNS = f"{'test F1':>7} {'dev F1':>7} {'POS':>6} {'best':>5} {'ms/step':>8}  LOC / ORG / PER F1"


def ner_row(d):
    ner = d["tasks"]["ner"]
    types = " / ".join(f"{ner['perType'][t]['f1']:.3f}" for t in ("LOC", "ORG", "PER"))
    dev = f"{d['valid']['ner']['f1']:7.4f}" if "ner" in d["valid"] else f"{'-':>7}"
    return f"{ner['f1']:7.4f} {dev} {d['tasks']['pos']['accuracy']:6.4f} {kept(d):>5} {d['msPerStep']:8.0f}  {types}"


def ner_f1(d):
    return d["tasks"]["ner"]["f1"]
