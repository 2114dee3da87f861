"""Predicts every task for sentences typed on the command line, with the browser's weights:

    python3 predict.py "Maria Lopez didn't like Lisbon."
"""
import json
import sys

import torch

import data
import model as mtl


def main(folder, sentences):
    net = mtl.load(folder)
    vocabulary = data.Vocabulary.load(f"{folder}/vocab.json")
    with open(f"{folder}/labels.json", encoding="utf-8") as f:
        labels = json.load(f)
    tokenized = [data.tokenize(s) for s in sentences]
    ids, mask = data.batch(tokenized, net.representation, vocabulary)
    with torch.no_grad():
        for task in net.spec["tasks"]:
            logits = net(task["name"], ids, mask)
            for row, tokens in enumerate(tokenized):
                if task["kind"] == "classification":
                    p = torch.softmax(logits[row], 0)
                    best = int(p.argmax())
                    print(f"{task['name']}: {labels[task['name']][best]} ({float(p[best]):.2f})")
                else:
                    tags = [labels[task["name"]][int(i)] for i in logits[row, : len(tokens)].argmax(-1)]
                    print(f"{task['name']}: " + " ".join(f"{t}/{g}" for t, g in zip(tokens, tags)))


if __name__ == "__main__":
    main(".", sys.argv[1:] or ["Maria Lopez didn't like Lisbon."])
