"""The MTL Playground model in PyTorch: the same architecture, parameter names
and arithmetic as the browser's (TensorFlow.js), so the browser's weights load
as they are and predict the same logits.

Parameters keep the browser's stable names (``trunk:shared/conv0/kernel``,
``head:ner/output/bias``) in one ParameterDict, and its layouts: a dense
kernel is [inputs, outputs] and multiplies from the right (x @ W).
"""
import json
import math
import struct

import torch
from torch import nn

# Token representations (src/data/tokenFeatures.ts).
HASHED_ATTRIBUTES = 3  # prefix, suffix, shape
FEATURE_TABLE_ROWS = 2039 + 2039 + 251
CHARS_PER_WORD = 16
CHAR_ROWS = 1021
CHAR_DIM = 16
CHAR_WINDOW = 3
MAXOUT_PIECES = 3


def ids_per_token(representation):
    return {"word": 1, "features": 1 + HASHED_ATTRIBUTES, "chars": 1 + CHARS_PER_WORD}[representation]


def layer_norm(x, gamma, beta):
    """Over the last axis, with the population variance and 1e-5 inside the root, as tf.moments gives it."""
    mean = x.mean(-1, keepdim=True)
    variance = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(variance + 1e-5) * gamma + beta


def conv1d_same(x, kernel, bias, width, dilation):
    """'Same' 1-D convolution as unfold + matmul: the shifted copies side by side on the channel axis, times W [k·I, O]."""
    length = x.shape[1]
    reach = (width - 1) * dilation / 2
    left, right = math.floor(reach), math.ceil(reach)
    padded = torch.nn.functional.pad(x, (0, 0, left, right))
    shifts = [padded[:, k * dilation : k * dilation + length, :] for k in range(width)]
    unfolded = x if width == 1 else torch.cat(shifts, 2)
    return unfolded @ kernel + bias


class MtlModel(nn.Module):
    """Hard sharing (optionally only the lowest layers shared, each head reading its own layer), soft sharing
    (a trunk per task, pulled together by λ in training), or cross-stitch (a learned mix after every layer);
    the CNN encoder; a head per task."""

    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        unsupported = unsupported_reasons(spec)
        if unsupported:
            raise ValueError("this model cannot be built in PyTorch yet: " + "; ".join(unsupported))
        self.representation = spec.get("representation", "word")
        self.layers = spec["encoderLayers"]
        self.params = nn.ParameterDict()
        for name, shape in parameter_shapes(spec):
            self.params[name] = nn.Parameter(torch.empty(shape))
        self.reset_parameters()

    def reset_parameters(self):
        """A fresh start (training without the browser's weights): Glorot for kernels, ones for gains, zeros for biases."""
        generator = torch.Generator().manual_seed(self.spec.get("seed", 1))
        with torch.no_grad():
            for name, p in self.params.items():
                if name.endswith("/gamma"):
                    p.fill_(1.0)
                elif name.endswith("/bias") or name.endswith("/beta"):
                    p.zero_()
                elif name.endswith("/alpha"):
                    t = p.shape[0]
                    p.copy_(torch.eye(t) * 0.8 + 0.1)
                elif name.endswith("embedding") or name.endswith("/table"):
                    p.uniform_(-0.05, 0.05, generator=generator)
                else:
                    limit = math.sqrt(6.0 / (p.shape[0] + p.shape[1]))
                    p.uniform_(-limit, limit, generator=generator)

    def weight(self, name):
        return self.params[name]

    # --- the token representation -------------------------------------------------
    def embed(self, trunk, ids, mask):
        """ids [B, L × ids_per_token] (long), mask [B, L] (float) → [B, L, D], zero on padding."""
        b, length = mask.shape
        k = ids_per_token(self.representation)
        table = self.weight(f"trunk:{trunk}/embedding")
        if k == 1:
            return table[ids] * mask[..., None]
        per_token = ids.view(b, length, k)
        words = table[per_token[:, :, 0]]
        extra = per_token[:, :, 1:]
        if self.representation == "features":
            e = self.spec["embeddingDim"]
            features = self.weight(f"trunk:{trunk}/features/table")[extra].reshape(b, length, (k - 1) * e)
            mixed = torch.cat([words, features], 2) @ self.weight(f"trunk:{trunk}/features/mix/kernel")
            mixed = mixed + self.weight(f"trunk:{trunk}/features/mix/bias")
            maxout = mixed.view(b, length, e, MAXOUT_PIECES).max(3).values
            out = layer_norm(maxout, self.weight(f"trunk:{trunk}/features/norm/gamma"), self.weight(f"trunk:{trunk}/features/norm/beta"))
        else:
            out = torch.cat([words, self.char_features(trunk, extra)], 2)
        return out * mask[..., None]

    def char_features(self, trunk, chars):
        """Character ids [B, L, C] → max over the word's characters of ReLU(conv over 3 characters): [B, L, E]."""
        b, length, c = chars.shape
        flat = chars.reshape(b * length, c)
        char_mask = (flat > 0).float()
        reach = (CHAR_WINDOW - 1) // 2
        padded = torch.nn.functional.pad(flat, (reach, reach))
        order = torch.tensor([i // CHAR_WINDOW + i % CHAR_WINDOW for i in range(c * CHAR_WINDOW)])
        windows = padded[:, order]
        embedded = self.weight(f"trunk:{trunk}/chars/embedding")[windows] * (windows > 0).float()[..., None]
        unfolded = embedded.reshape(b * length, c, CHAR_WINDOW * CHAR_DIM)
        conv = unfolded @ self.weight(f"trunk:{trunk}/chars/conv/kernel") + self.weight(f"trunk:{trunk}/chars/conv/bias")
        pooled = torch.relu((conv + (char_mask[..., None] - 1) * 1e9).max(1).values)
        return pooled.reshape(b, length, self.spec["embeddingDim"])

    # --- the encoder ---------------------------------------------------------------
    def layer(self, trunk, index, h, mask):
        """CNN layer `index`: ReLU(conv) (dilated 1, 2, 4, … above the first), residual above the first, layer norm."""
        kernel = self.weight(f"trunk:{trunk}/conv{index}/kernel")
        bias = self.weight(f"trunk:{trunk}/conv{index}/bias")
        dilation = 1 if index == 0 else 2 ** (index - 1)
        out = torch.relu(conv1d_same(h, kernel, bias, self.spec["kernelSize"], dilation)) * mask[..., None]
        block = out if index == 0 else h + out
        if not self.spec.get("encoderNorm"):
            return block
        normed = layer_norm(block, self.weight(f"trunk:{trunk}/conv{index}/norm/gamma"), self.weight(f"trunk:{trunk}/conv{index}/norm/beta"))
        return normed * mask[..., None]

    def states(self, task, ids, mask):
        """The encoder states the task's head reads, [B, L, H]."""
        tasks = [t["name"] for t in self.spec["tasks"]]
        if self.spec["sharing"] == "crossstitch":
            columns = [self.embed(t, ids, mask) for t in tasks]
            for index in range(self.layers):
                activated = torch.stack([self.layer(t, index, columns[i], mask) for i, t in enumerate(tasks)])
                alpha = self.weight(f"cross-stitch/layer{index}/alpha")
                columns = list((alpha @ activated.reshape(len(tasks), -1)).reshape(activated.shape))
            return columns[tasks.index(task)]
        if self.spec["sharing"] == "soft":
            h = self.embed(task, ids, mask)
            for index in range(self.layers):
                h = self.layer(task, index, h, mask)
            return h
        shared_count = min(self.spec["sharedLayers"], self.layers) if self.spec["sharedLayers"] > 0 else self.layers
        read = min(self.task_spec(task).get("readLayer") or self.layers, self.layers)
        h = self.embed("shared", ids, mask)
        for index in range(min(read, shared_count)):
            h = self.layer("shared", index, h, mask)
        for index in range(shared_count, read):
            h = self.layer(task, index, h, mask)
        return h

    def task_spec(self, task):
        return next(t for t in self.spec["tasks"] if t["name"] == task)

    # --- the heads -----------------------------------------------------------------
    def forward(self, task, ids, mask):
        """Logits: [B, L, C] for a tagging task, [B, C] for a classification task."""
        states = self.states(task, ids, mask)
        if self.task_spec(task)["kind"] == "tagging":
            return self.head_layers(task, states)
        m = mask[..., None]
        mean = (states * m).sum(1) / torch.clamp(m.sum(1), min=1)
        top = (states + (m - 1) * 1e9).max(1).values
        pooled = torch.cat([mean, top], 1)[:, None, :]
        return self.head_layers(task, pooled)[:, 0, :]

    def head_layers(self, task, x):
        h = x
        for d in range(self.spec["headLayers"]):
            h = torch.relu(h @ self.weight(f"head:{task}/hidden{d}/kernel") + self.weight(f"head:{task}/hidden{d}/bias"))
        return h @ self.weight(f"head:{task}/output/kernel") + self.weight(f"head:{task}/output/bias")

    def soft_sharing_penalty(self):
        """λ's factor: Σ over pairs of task trunks of ‖θ_i − θ_j‖² over their corresponding weights; 0 unless sharing is soft."""
        if self.spec["sharing"] != "soft":
            return torch.zeros(())
        tasks = [t["name"] for t in self.spec["tasks"]]
        total = torch.zeros(())
        for i in range(len(tasks)):
            for j in range(i + 1, len(tasks)):
                for name, p in self.params.items():
                    prefix = f"trunk:{tasks[i]}/"
                    if name.startswith(prefix):
                        total = total + ((p - self.params[f"trunk:{tasks[j]}/" + name[len(prefix):]]) ** 2).sum()
        return total

    # --- the browser's weights -------------------------------------------------------
    def load_weights(self, path):
        """Loads weights.safetensors; a name or shape that does not fit the model fails, naming the tensor."""
        tensors = read_safetensors(path)
        expected = {name: tuple(p.shape) for name, p in self.params.items()}
        for name, value in tensors.items():
            if name not in expected:
                raise ValueError(f"{path}: the tensor {name} is not a weight of this model")
            if tuple(value.shape) != expected[name]:
                raise ValueError(f"{path}: {name} has shape {tuple(value.shape)}, the model expects {expected[name]}")
        for name in expected:
            if name not in tensors:
                raise ValueError(f"{path}: the weight {name} is missing")
        with torch.no_grad():
            for name, value in tensors.items():
                self.params[name].copy_(value)


def unsupported_reasons(spec):
    """What this model.py cannot build yet, each with its reason; empty when the spec is supported."""
    reasons = []
    if spec["encoder"] != "cnn":
        reasons.append(f"the {spec['encoder']} encoder is not exported yet (only the CNN is)")
    for t in spec["tasks"]:
        if t.get("languageModel"):
            reasons.append(f"the language-model helper {t['name']} is not exported yet")
    return reasons


def parameter_shapes(spec):
    """(name, shape) of every weight, in the browser's names."""
    e, hidden, k = spec["embeddingDim"], spec["hiddenSize"], spec["kernelSize"]
    representation = spec.get("representation", "word")
    layers = spec["encoderLayers"]
    input_size = e * (2 if representation == "chars" else 1)
    out = []

    def trunk(name, start, stop):
        if start == 0:
            out.append((f"trunk:{name}/embedding", (spec["vocabSize"], e)))
            if representation == "features":
                concatenated = e * (1 + HASHED_ATTRIBUTES)
                out.append((f"trunk:{name}/features/table", (FEATURE_TABLE_ROWS, e)))
                out.append((f"trunk:{name}/features/mix/kernel", (concatenated, e * MAXOUT_PIECES)))
                out.append((f"trunk:{name}/features/mix/bias", (e * MAXOUT_PIECES,)))
                out.append((f"trunk:{name}/features/norm/gamma", (e,)))
                out.append((f"trunk:{name}/features/norm/beta", (e,)))
            elif representation == "chars":
                out.append((f"trunk:{name}/chars/embedding", (CHAR_ROWS, CHAR_DIM)))
                out.append((f"trunk:{name}/chars/conv/kernel", (CHAR_WINDOW * CHAR_DIM, e)))
                out.append((f"trunk:{name}/chars/conv/bias", (e,)))
        for index in range(start, stop):
            fan_in = (input_size if index == 0 else hidden) * k
            out.append((f"trunk:{name}/conv{index}/kernel", (fan_in, hidden)))
            out.append((f"trunk:{name}/conv{index}/bias", (hidden,)))
            if spec.get("encoderNorm"):
                out.append((f"trunk:{name}/conv{index}/norm/gamma", (hidden,)))
                out.append((f"trunk:{name}/conv{index}/norm/beta", (hidden,)))

    tasks = spec["tasks"]
    if spec["sharing"] == "hard":
        shared = min(spec["sharedLayers"], layers) if spec["sharedLayers"] > 0 else layers
        trunk("shared", 0, shared)
        for t in tasks:
            read = min(t.get("readLayer") or layers, layers)
            if read > shared:
                trunk(t["name"], shared, read)
    else:
        for t in tasks:
            trunk(t["name"], 0, layers)
        if spec["sharing"] == "crossstitch":
            for index in range(layers):
                out.append((f"cross-stitch/layer{index}/alpha", (len(tasks), len(tasks))))
    for t in tasks:
        size = 2 * hidden if t["kind"] == "classification" else hidden
        for d in range(spec["headLayers"]):
            out.append((f"head:{t['name']}/hidden{d}/kernel", (size, hidden)))
            out.append((f"head:{t['name']}/hidden{d}/bias", (hidden,)))
            size = hidden
        out.append((f"head:{t['name']}/output/kernel", (size, t["numLabels"])))
        out.append((f"head:{t['name']}/output/bias", (t["numLabels"],)))
    return out


def read_safetensors(path):
    """The safetensors format's float32 tensors, read without the safetensors package (8-byte header length, JSON, data)."""
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length].decode("utf-8"))
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {entry['dtype']}; only F32 is read")
        begin, end = entry["data_offsets"]
        values = torch.frombuffer(bytearray(data[start + begin : start + end]), dtype=torch.float32)
        tensors[name] = values.reshape(entry["shape"]) if entry["shape"] else values.reshape(())
    return tensors


def load(folder):
    """The exported model with the browser's weights, from an exported folder."""
    with open(f"{folder}/spec.json", encoding="utf-8") as f:
        spec = json.load(f)
    model = MtlModel(spec)
    model.load_weights(f"{folder}/weights.safetensors")
    model.eval()
    return model
