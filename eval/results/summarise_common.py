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


def mean_sd(values, digits=4):
    sd = statistics.stdev(values) if len(values) > 1 else float("nan")
    return f"n={len(values)} mean {statistics.mean(values):.{digits}f} sd {sd:.{digits}f}"


def table(setups, header, row, headline, width=30):
    """One line per run (`row`), then each setup's mean and sd of `headline`; returns those values by setup."""
    print(header)
    scores = {}
    for setup, paths in setups.items():
        for seed, path in enumerate(paths, start=1):
            d = load(path)
            if d is None:
                continue
            scores.setdefault(setup, []).append(headline(d))
            print(f"{setup + ' s' + str(seed):{width}} {row(d)}")
    print()
    for setup, values in scores.items():
        print(f"{setup:{width}} {mean_sd(values)}")
    print()
    return scores
