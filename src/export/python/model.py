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

from data import DEFAULT_AFFIX_ROWS, DEFAULT_SUFFIXES, feature_table_rows, hashed_attributes, ids_per_token

# Token representations (src/data/tokenFeatures.ts).
CHARS_PER_WORD = 16
CHAR_ROWS = 1021
CHAR_DIM = 16
CHAR_WINDOW = 3
MAXOUT_PIECES = 3


def affix_rows(spec):
    """Rows of the prefix and of the suffix table; a model saved before the setting existed used the default."""
    return spec.get("affixRows", DEFAULT_AFFIX_ROWS)


def suffixes(spec):
    """Which suffixes `features` hashes; a model saved before the setting existed hashed the last 3 code points."""
    return spec.get("suffixes", DEFAULT_SUFFIXES)


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
    the CNN, BiGRU or Transformer encoder; a head per task (a language-model helper's predicts both neighbours)."""

    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        unsupported = unsupported_reasons(spec)
        if unsupported:
            raise ValueError("this model cannot be built in PyTorch yet: " + "; ".join(unsupported))
        self.representation = spec.get("representation", "word")
        self.affix_rows = affix_rows(spec)
        self.suffixes = suffixes(spec)
        self.layers = spec["encoderLayers"]
        # Training only (model.train()): on the token representation and each encoder layer's output (trunk),
        # and on the head's input and hidden layers (head), as the browser drops them.
        self.trunk_dropout = 0.0
        self.head_dropout = 0.0
        # When set (train.py --fresh, its first steps): draws each mask as the browser seeded it (browser_random.py).
        self.dropout_plan = None
        self.params = nn.ParameterDict()
        for name, shape in parameter_shapes(spec):
            self.params[name] = nn.Parameter(torch.empty(shape))
        self.reset_parameters()

    def reset_parameters(self):
        """A fresh start (training without the browser's weights): Glorot for kernels, ones for gains, zeros for
        biases and shifts, the browser's starting mix for cross-stitch units, small uniform values for tables."""
        generator = torch.Generator().manual_seed(self.spec.get("seed", 1))
        with torch.no_grad():
            for name, p in self.params.items():
                if name.endswith("/gamma"):
                    p.fill_(1.0)
                elif p.dim() == 1:
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

    def drop(self, x, rate, site):
        """Dropout (training only) at a site the browser seeds apart: ("trunk", trunk, k) or ("head", k)."""
        if rate <= 0 or not self.training:
            return x
        if self.dropout_plan is not None:
            return self.dropout_plan.drop(x, rate, site)
        return torch.nn.functional.dropout(x, rate, True)

    # --- the token representation -------------------------------------------------
    def embed(self, trunk, ids, mask):
        """ids [B, L × ids_per_token] (long), mask [B, L] (float) → [B, L, D], zero on padding."""
        b, length = mask.shape
        k = ids_per_token(self.representation, self.suffixes)
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

    # --- the encoders ----------------------------------------------------------------
    def enter(self, trunk, x):
        """The encoder's input step, on the trunk holding layer 0: the Transformer projects and adds positions."""
        if self.spec["encoder"] != "transformer":
            return x
        length = x.shape[1]
        projected = x @ self.weight(f"trunk:{trunk}/input/kernel") + self.weight(f"trunk:{trunk}/input/bias")
        return projected + position_encoding(length, self.spec["hiddenSize"])

    def exit(self, trunk, h, mask):
        """The Transformer normalises what the heads read (its blocks are pre-norm); the others pass through."""
        if self.spec["encoder"] != "transformer":
            return h
        return layer_norm(h, self.weight(f"trunk:{trunk}/final/gamma"), self.weight(f"trunk:{trunk}/final/beta")) * mask[..., None]

    def layer(self, trunk, index, h, mask):
        encoder = self.spec["encoder"]
        if encoder == "cnn":
            return self.cnn_layer(trunk, index, h, mask)
        if encoder == "bigru":
            forward = self.gru_direction(f"trunk:{trunk}/gru{index}/fw", h, mask, reverse=False)
            backward = self.gru_direction(f"trunk:{trunk}/gru{index}/bw", h, mask, reverse=True)
            return torch.cat([forward, backward], 2)
        return self.transformer_layer(trunk, index, h, mask)

    def cnn_layer(self, trunk, index, h, mask):
        """ReLU(conv) (dilated 1, 2, 4, … above the first), residual above the first, layer norm."""
        kernel = self.weight(f"trunk:{trunk}/conv{index}/kernel")
        bias = self.weight(f"trunk:{trunk}/conv{index}/bias")
        dilation = 1 if index == 0 else 2 ** (index - 1)
        out = torch.relu(conv1d_same(h, kernel, bias, self.spec["kernelSize"], dilation)) * mask[..., None]
        block = out if index == 0 else h + out
        if not self.spec.get("encoderNorm"):
            return block
        normed = layer_norm(block, self.weight(f"trunk:{trunk}/conv{index}/norm/gamma"), self.weight(f"trunk:{trunk}/conv{index}/norm/beta"))
        return normed * mask[..., None]

    def gru_direction(self, prefix, x, mask, reverse):
        """One direction of a GRU layer (reset gate applied to the recurrent projection); padding leaves the state as it was."""
        batch, length, _ = x.shape
        units = gru_units(self.spec["hiddenSize"])
        projected = x @ self.weight(f"{prefix}/input") + self.weight(f"{prefix}/inputBias")
        recurrent, recurrent_bias = self.weight(f"{prefix}/recurrent"), self.weight(f"{prefix}/recurrentBias")
        state = torch.zeros(batch, units)
        outputs = [None] * length
        for s in range(length):
            t = length - 1 - s if reverse else s
            xr, xz, xn = projected[:, t].split(units, 1)
            hr, hz, hn = (state @ recurrent + recurrent_bias).split(units, 1)
            reset = torch.sigmoid(xr + hr)
            update = torch.sigmoid(xz + hz)
            candidate = torch.tanh(xn + reset * hn)
            following = (1 - update) * candidate + update * state
            m = mask[:, t : t + 1]
            state = m * following + (1 - m) * state
            outputs[t] = state * m
        return torch.stack(outputs, 1)

    def transformer_layer(self, trunk, index, h, mask):
        """Pre-norm block: h + attention(norm(h)), then + feed-forward(norm(·)) with a 2H ReLU layer."""
        w = lambda name: self.weight(f"trunk:{trunk}/layer{index}/{name}")  # noqa: E731
        batch, length, width = h.shape
        heads = attention_heads(self.spec["attentionHeads"], width)
        dh = width // heads
        key_bias = ((1 - mask) * -1e9).reshape(batch, 1, 1, length)
        n1 = layer_norm(h, w("norm1/gamma"), w("norm1/beta"))
        qkv = n1 @ w("qkv/kernel") + w("qkv/bias")
        q, k, v = (qkv[..., part * width : (part + 1) * width].reshape(batch, length, heads, dh).transpose(1, 2) for part in range(3))
        scores = (q @ k.transpose(2, 3)) * (1 / math.sqrt(dh)) + key_bias
        context = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(batch, length, width)
        attended = h + context @ w("out/kernel") + w("out/bias")
        n2 = layer_norm(attended, w("norm2/gamma"), w("norm2/beta"))
        feed_forward = torch.relu(n2 @ w("ff1/kernel") + w("ff1/bias")) @ w("ff2/kernel") + w("ff2/bias")
        return attended + feed_forward

    def states(self, task, ids, mask):
        """The encoder states the task's head reads, [B, L, H]."""
        tasks = [t["name"] for t in self.spec["tasks"]]
        if self.spec["sharing"] == "crossstitch":
            columns = [self.enter(t, self.drop(self.embed(t, ids, mask), self.trunk_dropout, ("trunk", t, 0))) for t in tasks]
            for index in range(self.layers):
                activated = torch.stack(
                    [self.drop(self.layer(t, index, columns[i], mask), self.trunk_dropout, ("trunk", t, index + 1 + 100 * i)) for i, t in enumerate(tasks)]
                )
                alpha = self.weight(f"cross-stitch/layer{index}/alpha")
                columns = list((alpha @ activated.reshape(len(tasks), -1)).reshape(activated.shape))
            return self.exit(task, columns[tasks.index(task)], mask)
        if self.spec["sharing"] == "soft":
            h = self.enter(task, self.drop(self.embed(task, ids, mask), self.trunk_dropout, ("trunk", task, 0)))
            for index in range(self.layers):
                h = self.drop(self.layer(task, index, h, mask), self.trunk_dropout, ("trunk", task, index + 1))
            return self.exit(task, h, mask)
        shared_count = min(self.spec["sharedLayers"], self.layers) if self.spec["sharedLayers"] > 0 else self.layers
        read = min(self.task_spec(task).get("readLayer") or self.layers, self.layers)
        h = self.enter("shared", self.drop(self.embed("shared", ids, mask), self.trunk_dropout, ("trunk", "shared", 0)))
        for index in range(min(read, shared_count)):
            h = self.drop(self.layer("shared", index, h, mask), self.trunk_dropout, ("trunk", "shared", index + 1))
        if read <= shared_count:
            return self.exit("shared", h, mask)
        # Above the shared layers the task has layers of its own, and their last piece ends the encoder.
        for index in range(shared_count, read):
            h = self.drop(self.layer(task, index, h, mask), self.trunk_dropout, ("trunk", task, index + 1))
        return self.exit(task, h, mask)

    def task_spec(self, task):
        return next(t for t in self.spec["tasks"] if t["name"] == task)

    # --- the heads -----------------------------------------------------------------
    def forward(self, task, ids, mask):
        """Logits: [B, L, C] for a tagging task, [B, C] for a classification task."""
        states = self.states(task, ids, mask)
        if self.task_spec(task).get("languageModel"):
            # Next word from the forward half of the states, previous word from the backward half: [B, L, 2K].
            half = states.shape[2] // 2
            following = self.drop(states[..., :half], self.head_dropout, ("head", 0)) @ self.weight(f"head:{task}/next/kernel") + self.weight(f"head:{task}/next/bias")
            preceding = self.drop(states[..., half : 2 * half], self.head_dropout, ("head", 1)) @ self.weight(f"head:{task}/previous/kernel") + self.weight(f"head:{task}/previous/bias")
            return torch.cat([following, preceding], 2)
        if self.task_spec(task)["kind"] == "tagging":
            return self.head_layers(task, states)
        m = mask[..., None]
        mean = (states * m).sum(1) / torch.clamp(m.sum(1), min=1)
        top = (states + (m - 1) * 1e9).max(1).values
        pooled = torch.cat([mean, top], 1)[:, None, :]
        return self.head_layers(task, pooled)[:, 0, :]

    def head_layers(self, task, x):
        h = self.drop(x, self.head_dropout, ("head", 0))
        for d in range(self.spec["headLayers"]):
            h = torch.relu(h @ self.weight(f"head:{task}/hidden{d}/kernel") + self.weight(f"head:{task}/hidden{d}/bias"))
            h = self.drop(h, self.head_dropout, ("head", d + 1))
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
    """What this model.py cannot build, each with its reason; empty when the spec is supported."""
    reasons = []
    if spec["encoder"] not in ("cnn", "bigru", "transformer"):
        reasons.append(f"the {spec['encoder']} encoder is unknown")
    return reasons


def gru_units(hidden):
    """Each GRU direction has H/2 units, so the output is (about) H wide."""
    return max(1, hidden // 2)


def attention_heads(wanted, width):
    """The largest head count ≤ the setting that divides the width."""
    heads = min(wanted, width)
    while width % heads != 0:
        heads -= 1
    return heads


def position_encoding(length, dim):
    """Sinusoidal positions [L, D] (Vaswani et al. 2017), computed in double precision as the browser does, then float32."""
    p = torch.arange(length, dtype=torch.float64)[:, None]
    i = torch.arange(dim)
    angle = p / torch.pow(torch.tensor(10000.0, dtype=torch.float64), (2 * (i // 2)).double() / dim)
    return torch.where(i % 2 == 0, torch.sin(angle), torch.cos(angle)).float()


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
                hashed = suffixes(spec)
                concatenated = e * (1 + len(hashed_attributes(hashed)))
                out.append((f"trunk:{name}/features/table", (feature_table_rows(affix_rows(spec), hashed), e)))
                out.append((f"trunk:{name}/features/mix/kernel", (concatenated, e * MAXOUT_PIECES)))
                out.append((f"trunk:{name}/features/mix/bias", (e * MAXOUT_PIECES,)))
                out.append((f"trunk:{name}/features/norm/gamma", (e,)))
                out.append((f"trunk:{name}/features/norm/beta", (e,)))
            elif representation == "chars":
                out.append((f"trunk:{name}/chars/embedding", (CHAR_ROWS, CHAR_DIM)))
                out.append((f"trunk:{name}/chars/conv/kernel", (CHAR_WINDOW * CHAR_DIM, e)))
                out.append((f"trunk:{name}/chars/conv/bias", (e,)))
        encoder = spec["encoder"]
        if encoder == "transformer" and start == 0:
            out.append((f"trunk:{name}/input/kernel", (input_size, hidden)))
            out.append((f"trunk:{name}/input/bias", (hidden,)))
        for index in range(start, stop):
            if encoder == "cnn":
                fan_in = (input_size if index == 0 else hidden) * k
                out.append((f"trunk:{name}/conv{index}/kernel", (fan_in, hidden)))
                out.append((f"trunk:{name}/conv{index}/bias", (hidden,)))
                if spec.get("encoderNorm"):
                    out.append((f"trunk:{name}/conv{index}/norm/gamma", (hidden,)))
                    out.append((f"trunk:{name}/conv{index}/norm/beta", (hidden,)))
            elif encoder == "bigru":
                u = gru_units(hidden)
                size = input_size if index == 0 else 2 * u
                for direction in ("fw", "bw"):
                    out.append((f"trunk:{name}/gru{index}/{direction}/input", (size, 3 * u)))
                    out.append((f"trunk:{name}/gru{index}/{direction}/recurrent", (u, 3 * u)))
                    out.append((f"trunk:{name}/gru{index}/{direction}/inputBias", (3 * u,)))
                    out.append((f"trunk:{name}/gru{index}/{direction}/recurrentBias", (3 * u,)))
            else:
                for part, shape in (
                    ("norm1/gamma", (hidden,)), ("norm1/beta", (hidden,)),
                    ("qkv/kernel", (hidden, 3 * hidden)), ("qkv/bias", (3 * hidden,)),
                    ("out/kernel", (hidden, hidden)), ("out/bias", (hidden,)),
                    ("norm2/gamma", (hidden,)), ("norm2/beta", (hidden,)),
                    ("ff1/kernel", (hidden, 2 * hidden)), ("ff1/bias", (2 * hidden,)),
                    ("ff2/kernel", (2 * hidden, hidden)), ("ff2/bias", (hidden,)),
                ):
                    out.append((f"trunk:{name}/layer{index}/{part}", shape))
        if encoder == "transformer":
            out.append((f"trunk:{name}/final/gamma", (hidden,)))
            out.append((f"trunk:{name}/final/beta", (hidden,)))

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
    states = 2 * gru_units(hidden) if spec["encoder"] == "bigru" else hidden
    for t in tasks:
        if t.get("languageModel"):
            for side in ("next", "previous"):
                out.append((f"head:{t['name']}/{side}/kernel", (states // 2, t["numLabels"])))
                out.append((f"head:{t['name']}/{side}/bias", (t["numLabels"],)))
            continue
        size = 2 * states if t["kind"] == "classification" else states
        for d in range(spec["headLayers"]):
            out.append((f"head:{t['name']}/hidden{d}/kernel", (size, states)))
            out.append((f"head:{t['name']}/hidden{d}/bias", (states,)))
            size = states
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


def write_safetensors(path, tensors):
    """float32 tensors in the safetensors format, header padded to 8 bytes (the inverse of read_safetensors)."""
    header, offset, blobs = {}, 0, []
    for name, value in tensors.items():
        blob = value.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(value.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * (-len(text.encode("utf-8")) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text.encode("utf-8"))))
        f.write(text.encode("utf-8"))
        for blob in blobs:
            f.write(blob)
