"""Parity check for src/export/pytorchProject.test.ts: loads an exported project,
encodes the test sentences with data.py, and compares its ids and logits with
the browser's (CPU backend), given in a JSON file. Prints one JSON line."""
import json
import sys

import torch

sys.path.insert(0, sys.argv[1])
import data  # noqa: E402
import model as mtl  # noqa: E402

folder, expected_path = sys.argv[1], sys.argv[2]
with open(expected_path, encoding="utf-8") as f:
    expected = json.load(f)
net = mtl.load(folder)
vocabulary = data.Vocabulary.load(f"{folder}/vocab.json")
report = {"tokens_equal": True, "ids_equal": True, "max_abs_diff": 0.0, "argmax_equal": True, "compared": 0}
sentences = [data.tokenize(text) for text in expected["texts"]]
report["tokens_equal"] = sentences == expected["tokens"]
for row, tokens in enumerate(sentences):
    if data.encode(tokens, net.representation, vocabulary, net.affix_rows, net.suffixes) != expected["ids"][row]:
        report["ids_equal"] = False
ids, mask = data.batch(expected["tokens"], net.representation, vocabulary, affix_rows=net.affix_rows, suffixes=net.suffixes)
with torch.no_grad():
    for task, rows in expected["logits"].items():
        logits = net(task, ids, mask)
        for row, want in enumerate(rows):
            got = logits[row] if net.task_spec(task)["kind"] == "classification" else logits[row, : len(want)]
            want = torch.tensor(want)
            report["compared"] += want.numel()
            report["max_abs_diff"] = max(report["max_abs_diff"], float((got - want).abs().max()))
            if not torch.equal(got.argmax(-1), want.argmax(-1)):
                report["argmax_equal"] = False
# A weight of the wrong shape is refused, naming the tensor.
try:
    bad = dict(mtl.read_safetensors(f"{folder}/weights.safetensors"))
    name = next(iter(bad))
    net.params[name].data = torch.zeros(1)
    net.load_weights(f"{folder}/weights.safetensors")
    report["bad_shape_message"] = ""
except ValueError as err:
    report["bad_shape_message"] = str(err)
print(json.dumps(report))
