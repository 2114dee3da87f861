"""Prints each run's test figures and the mean ± sd per configuration: python3 summarise.py (in this folder)."""
import glob
import json
import re
import statistics

groups = {}
for path in sorted(glob.glob("*.json")):
    run = json.load(open(path))
    if "tasks" not in run:
        continue
    figures = {n: (t["f1"] if "f1" in t else t["accuracy"]) for n, t in run["tasks"].items()}
    print(f"{path}: best step {run.get('bestStep')}, " + ", ".join(f"{n} {v:.4f}" for n, v in figures.items()))
    groups.setdefault(re.sub(r"-s\d+\.json$", "", path), []).append(figures)
print()
for name, runs in groups.items():
    tasks = runs[0].keys()
    cells = []
    for t in tasks:
        values = [r[t] for r in runs]
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        cells.append(f"{t} {statistics.mean(values):.4f} ± {sd:.4f}")
    print(f"{name} ({len(runs)} seed{'s' if len(runs) > 1 else ''}): " + ", ".join(cells))
