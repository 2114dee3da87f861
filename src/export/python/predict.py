"""Predicts every task for sentences typed on the command line, with the browser's weights:

    python3 predict.py "Maria Lopez didn't like Lisbon."
"""
import json
import os
import sys

import torch

import data
import model as mtl


def main(folder, sentences):
    net = mtl.load(folder)
    vocabulary = data.Vocabulary.load(f"{folder}/vocab.json")
    with open(f"{folder}/labels.json", encoding="utf-8") as f:
        labels = json.load(f)
    decoding = {}
    if os.path.exists(f"{folder}/decoding.json"):
        with open(f"{folder}/decoding.json", encoding="utf-8") as f:
            decoding = json.load(f)
    tokenized = [data.tokenize(s) for s in sentences]
    ids, mask = data.batch(tokenized, net.representation, vocabulary, affix_rows=net.affix_rows, suffixes=net.suffixes)
    with torch.no_grad():
        for task in net.spec["tasks"]:
            logits = net(task["name"], ids, mask)
            for row, tokens in enumerate(tokenized):
                if task["kind"] == "classification":
                    p = torch.softmax(logits[row], 0)
                    best = int(p.argmax())
                    print(f"{task['name']}: {labels[task['name']][best]} ({float(p[best]):.2f})")
                else:
                    names = labels[task["name"]]
                    scheme = data.iob_scheme(names) if decoding.get(task["name"]) == "iob2" else None
                    # Entity tags decoded as well-formed IOB2 sequences, as the browser's Try it shows them.
                    ids = data.viterbi(scheme, torch.log_softmax(logits[row, : len(tokens)], -1)) if scheme else logits[row, : len(tokens)].argmax(-1).tolist()
                    tags = [names[int(i)] for i in ids]
                    print(f"{task['name']}: " + " ".join(f"{t}/{g}" for t, g in zip(tokens, tags)))


if __name__ == "__main__":
    main(".", sys.argv[1:] or ["Maria Lopez didn't like Lisbon."])
