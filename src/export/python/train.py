"""Trains the exported model outside the browser, as the browser trains it:
J = Σ w_i·J_i (+ λ·Σ‖θ_i − θ_j‖² under soft sharing) with the weights set by
hand, equal, learned from each task's uncertainty (Kendall et al. 2018), by
Dynamic Weight Average (Liu et al. 2019), or PCGrad's projection of
conflicting task gradients on the shared encoder (Yu et al. 2020), Adam (β 0.9, 0.999,
ε 1e-7) on every weight the run trains (a fine-tuned run's frozen encoder stays
as it is) with the gradient's global norm clipped, a linear
warm-up then a cosine decay to a tenth of the rate, trunk, head and word
dropout, validation every few steps with early stopping on the weighted
headline metric, and the test scores of the best weights (of their average,
when the experiment keeps one). The tasks a step
trains follow the experiment's schedule; the data is split, capped, shuffled
and batched, and words dropped, from the browser's seeded streams
(browser_random.py), so a step's batches are the browser's.

    python3 train.py                 # continue from the browser's weights
    python3 train.py --fresh         # start where the browser's run started (the first loss is the browser's)
    python3 train.py --evaluate      # score the browser's weights, no training
    torchrun --nproc_per_node=2 train.py --steps 20   # several processes (DistributedDataParallel)

Under torchrun each process draws its own batches (the first process the
browser's); DistributedDataParallel
averages the gradients, so every process holds the same weights, and only
the first one logs and writes files.
"""
import argparse
import json
import math
import os
import sys
import urllib.request

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

import browser_random
import data
import model as mtl

EXPORTED_METHODS = ("manual", "equal", "uncertainty", "dwa", "pcgrad")
NOT_EXPORTED = {
    "gradnorm": "its gradient-norm balancing is not exported yet",
    "famo": "its loss-descent balancing is not exported yet",
}
PCGRAD_EPSILON = 1e-12
# The browser scores sentences up to this many tokens (src/train/evaluate.ts), whatever the training maxLength.
EVAL_MAX_LENGTH = 256
# A language-model helper's class for every word outside its output vocabulary (src/data/languageModel.ts).
OTHER_WORD = "<other>"


def arguments():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, help="training steps (default: the experiment's)")
    p.add_argument("--fresh", action="store_true", help="start where the browser's run started (initial.safetensors) instead of from its trained weights")
    p.add_argument(
        "--browser-dropout-steps",
        type=int,
        default=1,
        metavar="N",
        help="draw the first N steps' dropout masks as the browser did (exact but slow in Python; default 1, so the first loss is the browser's)",
    )
    p.add_argument("--evaluate", action="store_true", help="only score the weights on the validation and test sets")
    p.add_argument("--data", action="append", default=[], metavar="TASK=TRAIN[,DEV[,TEST]]", help="a task's files (paths or URLs)")
    p.add_argument("--max-train", type=int, help="use at most this many training examples per task")
    p.add_argument("--seed", type=int, help="the seed (default: the experiment's)")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--log-every", type=int, default=10)
    p.add_argument("--eval-every", type=int, help="validate every this many steps (default: the experiment's)")
    p.add_argument("--save", default="trained.safetensors", help="where the trained weights go")
    p.add_argument("--log", help="also write the loss points here, one JSON object a line")
    return p.parse_args()


def read_source(source, folder):
    """A local file (relative to the project's folder) or a URL, cached under ~/.cache/mtl-playground."""
    if source.startswith("http://") or source.startswith("https://"):
        cache = os.path.join(os.path.expanduser("~/.cache/mtl-playground"), source.split("//", 1)[1].replace("/", "_"))
        if not os.path.exists(cache):
            os.makedirs(os.path.dirname(cache), exist_ok=True)
            with urllib.request.urlopen(source) as r, open(cache + ".part", "wb") as f:
                f.write(r.read())
            os.replace(cache + ".part", cache)
        source = cache
    path = source if os.path.isabs(source) else os.path.join(folder, source)
    with open(path, encoding="utf-8") as f:
        return f.read()


class TaskData:
    """One task's examples as ids and label indices, split into train / validation / test."""

    def __init__(self, task, files, labels, vocabulary, net, experiment, args, folder, task_index, cap=None):
        self.name = task["name"]
        # A language-model helper reads its source task's sentences; each token's class is its own word (or <other>).
        self.kind = "language-model" if task.get("languageModel") else task["kind"]
        self.labels = labels
        index = {label: i for i, label in enumerate(labels)}
        own_word = lambda token: token.lower() if vocabulary.lowercase else token  # noqa: E731
        splits = {}
        for split in ("train", "dev", "test"):
            source = files.get(split)
            if not source:
                continue
            examples = []
            for tokens, gold in data.parse(read_source(source, folder), files.get("format", task.get("format", "tsv"))):
                # Whole sentences, as the browser keeps them: a batch cuts them at maxLength (the sampler sorts by whole length).
                if self.kind == "language-model":
                    golds = [own_word(t) if own_word(t) in index else OTHER_WORD for t in tokens]
                else:
                    golds = gold[: len(tokens)] if self.kind == "tagging" else [gold]
                unknown = [g for g in golds if g not in index]
                if unknown:
                    raise SystemExit(f"{self.name} {split}: the label {unknown[0]!r} is not one of the exported labels.json")
                if tokens:
                    examples.append((data.encode(tokens, net.representation, vocabulary, net.affix_rows, net.suffixes), [index[g] for g in golds]))
            splits[split] = examples
        if "train" not in splits:
            raise SystemExit(f"{self.name}: no training file (give one with --data {self.name}=TRAIN[,DEV[,TEST]])")
        # As src/data/prepare.ts: the training file shuffled by the seed, a share held out when there is no dev
        # file, then the first maxTrain kept; so the same examples in the same order as the browser's run.
        train = browser_random.Mulberry32(experiment.get("seed", 1) * 1000 + task_index).shuffle(splits["train"])
        if "dev" not in splits:
            held = math.floor(len(train) * experiment.get("validationFraction", 0.1) + 0.5)
            splits["dev"], train = train[:held], train[held:]
        cap = args.max_train or cap or files.get("maxTrain")
        self.train = train[:cap] if cap else train
        self.dev = splits["dev"]
        self.test = splits.get("test", [])


def batch_tensors(examples, k, device, max_length):
    """Padded as the browser pads (src/data/batching.ts): to the next length bucket, sentences cut at max_length."""
    length = browser_random.bucket_length(max(1, max(len(ids) // k for ids, _ in examples)), max_length)
    ids = torch.zeros(len(examples), length * k, dtype=torch.long)
    mask = torch.zeros(len(examples), length)
    targets = torch.zeros(len(examples), length, dtype=torch.long)
    for row, (example_ids, gold) in enumerate(examples):
        n = min(len(example_ids) // k, length)
        ids[row, : n * k] = torch.tensor(example_ids[: n * k])
        mask[row, :n] = 1
        targets[row, : min(len(gold), length)] = torch.tensor(gold[:length])
    return ids.to(device), mask.to(device), targets.to(device)


def word_dropout(ids, mask, k, counts, alpha, stream):
    """A word seen c times becomes <unk> with probability α/(α+c) (training only; affixes, shape and characters
    stay), drawn token by token from the browser's stream (src/data/wordDropout.ts)."""
    if alpha <= 0:
        return ids
    ids = ids.clone()
    flat, real = ids.view(-1), mask.reshape(-1).tolist()
    for t, present in enumerate(real):
        word = int(flat[t * k])
        if present == 0 or word in (data.PAD_ID, data.UNK_ID):
            continue
        if stream.next() < alpha / (alpha + counts[word]):
            flat[t * k] = data.UNK_ID
    return ids


def task_loss(logits, targets, mask, kind):
    """Mean cross-entropy: over real tokens (tagging), sentences (classification), or a language-model helper's
    next and previous words (a position counts when it and that neighbour are real tokens; src/train/loss.ts)."""
    if kind == "language-model":
        (log_next, log_previous), (next_words, next_mask, previous_words, previous_mask) = language_model_terms(logits, targets, mask)
        picked = lambda log_p, words: log_p.gather(-1, words[..., None])[..., 0]  # noqa: E731
        total = (picked(log_next, next_words) * next_mask).sum() + (picked(log_previous, previous_words) * previous_mask).sum()
        return -total / (next_mask.sum() + previous_mask.sum()).clamp(min=1)
    if kind == "classification":
        return torch.nn.functional.cross_entropy(logits, targets[:, 0])
    losses = torch.nn.functional.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    return (losses * mask).sum() / mask.sum().clamp(min=1)


def language_model_terms(logits, own_words, mask):
    """The helper's next-word and previous-word log-probabilities, and their targets and masks: the next word's
    class at t is the class at t+1, the previous word's the class at t−1."""
    half = logits.shape[-1] // 2
    log_next = torch.log_softmax(logits[..., :half], -1)
    log_previous = torch.log_softmax(logits[..., half:], -1)
    left = lambda x: torch.nn.functional.pad(x[:, 1:], (0, 1))  # noqa: E731
    right = lambda x: torch.nn.functional.pad(x[:, :-1], (1, 0))  # noqa: E731
    return (log_next, log_previous), (left(own_words), mask * left(mask), right(own_words), mask * right(mask))


def learning_rate_factor(schedule, warmup_steps, step, steps):
    """Linear warm-up over at most a tenth of the run, then constant or a cosine decay to a tenth."""
    warmup = min(warmup_steps, steps // 10)
    if warmup > 0 and step <= warmup:
        return step / warmup
    if schedule == "constant":
        return 1.0
    progress = min(1.0, max(0.0, (step - warmup) / max(1, steps - warmup)))
    return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress))


def entities(tags):
    """Entity spans with conlleval's rules (an I-X that does not continue an X entity starts one)."""
    out, start, prev_prefix, prev_type = set(), -1, "O", ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, kind = ("O", "") if tag == "O" or len(tag) < 3 or tag[1] != "-" else (tag[0], tag[2:])
        ends = prev_prefix != "O" and (prev_prefix in "ES" or prefix in "BSO" or prev_type != kind)
        if start >= 0 and ends:
            out.add((prev_type, start, i))
            start = -1
        if prefix != "O" and (prefix in "BS" or prev_prefix in "OES" or prev_type != kind):
            start = i
        prev_prefix, prev_type = prefix, kind
    return out


def read_decoding(folder):
    """decoding.json: the tasks whose entity tags the browser decodes as well-formed IOB2 sequences (absent in older exports)."""
    path = os.path.join(folder, "decoding.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def score(net, task, examples, k, device, max_length=EVAL_MAX_LENGTH, batch_size=64):
    """Accuracy, and entity F1 for an IOB tag set; the headline is F1 where there are entities. A language-model
    helper's accuracy is the share of next and previous words whose class it ranks first."""
    net.eval()
    correct = total = 0
    gold_entities = predicted_entities = matched = 0
    iob = all(label == "O" or label[:2] in ("B-", "I-", "E-", "S-") for label in task.labels)
    with torch.no_grad():
        for start in range(0, len(examples), batch_size):
            # Scored as the browser scores: each sentence's first max_length (256) tokens.
            chunk = [(ids[: max_length * k], gold[:max_length]) for ids, gold in examples[start : start + batch_size]]
            ids, mask, targets = batch_tensors(chunk, k, device, max_length)
            logits = net(task.name, ids, mask)
            if task.kind == "language-model":
                (log_next, log_previous), (next_words, next_mask, previous_words, previous_mask) = language_model_terms(logits, targets, mask)
                correct += float(((log_next.argmax(-1) == next_words) * next_mask).sum() + ((log_previous.argmax(-1) == previous_words) * previous_mask).sum())
                total += float(next_mask.sum() + previous_mask.sum())
                continue
            guess = logits.argmax(-1)
            scheme = task.scheme if task.kind == "tagging" else None
            log_probs = torch.log_softmax(logits, -1) if scheme else None
            for row, (_, gold) in enumerate(chunk):
                if scheme:
                    # Entity tags decoded as well-formed IOB2 sequences, as the browser decodes them.
                    predicted = data.viterbi(scheme, log_probs[row, : len(gold)])
                else:
                    predicted = guess[row].tolist() if task.kind == "classification" else guess[row, : len(gold)].tolist()
                predicted = predicted if isinstance(predicted, list) else [predicted]
                correct += sum(int(a == b) for a, b in zip(predicted, gold))
                total += len(gold)
                if iob and task.kind == "tagging":
                    g = entities([task.labels[i] for i in gold])
                    p = entities([task.labels[i] for i in predicted])
                    gold_entities, predicted_entities, matched = gold_entities + len(g), predicted_entities + len(p), matched + len(g & p)
    accuracy = correct / max(1, total)
    if not (iob and task.kind == "tagging"):
        return {"accuracy": accuracy, "headline": accuracy}
    precision, recall = matched / max(1, predicted_entities), matched / max(1, gold_entities)
    f1 = 2 * precision * recall / max(1e-12, precision + recall)
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1, "headline": f1}


class Objective(torch.nn.Module):
    """One forward pass computes every trained task's loss and J, so DistributedDataParallel sees one forward and
    one backward a step. Under uncertainty weighting it holds the learned log-variances s_i (trained with the
    model): J = Σ J_i / (2·e^{s_i}) + s_i / 2."""

    def __init__(self, net, kinds, penalty, uncertainty, head_decay=0.0):
        super().__init__()
        self.net, self.kinds, self.penalty, self.head_decay = net, kinds, penalty, head_decay
        self.names = list(kinds)
        self.log_variance = torch.nn.Parameter(torch.full((len(kinds),), -0.5)) if uncertainty else None

    def forward(self, batches, weights, plans=None):
        losses = {}
        for name, (ids, mask, targets) in batches.items():
            # With plans (the first steps of --fresh), each task's dropout masks are the browser's.
            self.net.dropout_plan = plans[name] if plans else None
            try:
                losses[name] = task_loss(self.net(name, ids, mask), targets, mask, self.kinds[name])
            finally:
                self.net.dropout_plan = None
        if self.log_variance is not None:
            s = {name: self.log_variance[self.names.index(name)] for name in losses}
            total = sum(losses[n] * torch.exp(-s[n]) * 0.5 + s[n] * 0.5 for n in losses)
        else:
            total = sum(weights[name] * loss for name, loss in losses.items())
        for name in losses:
            total = total + self.head_decay_term(name)
        if self.penalty > 0:
            total = total + self.penalty * self.net.soft_sharing_penalty()
        return total, losses

    def head_decay_term(self, name):
        """decay·‖φ_i‖² over the task's head kernels, as the browser adds it (0 when decay is off)."""
        if self.head_decay <= 0:
            return 0.0
        kernels = [p for n, p in self.net.params.items() if n.startswith(f"head:{name}/") and n.endswith("/kernel")]
        return self.head_decay * sum((p * p).sum() for p in kernels)

    def effective_weights(self, weights):
        if self.log_variance is None:
            return dict(weights)
        return {n: float(torch.exp(-self.log_variance[i]) * 0.5) for i, n in enumerate(self.names)}


class TaskSchedule:
    """Which tasks a step trains (src/train/weighting/schedule.ts): all of them, one in turn, or one drawn in
    proportion to its training set's size (to the power 1/T under "temperature")."""

    def __init__(self, experiment, sizes, seed):
        self.kind = experiment.get("schedule", "all")
        self.random = browser_random.Mulberry32(seed)
        exponent = 1 / experiment.get("scheduleTemperature", 2) if self.kind == "temperature" else 1
        masses = [n**exponent if n > 0 else 0 for n in sizes]
        running, self.cumulative = 0.0, []
        for m in masses:
            running += m / sum(masses)
            self.cumulative.append(running)

    def next(self, step, names):
        if self.kind == "roundrobin":
            return [names[step % len(names)]]
        if self.kind in ("proportional", "temperature"):
            u = self.random.next()
            index = next((i for i, c in enumerate(self.cumulative) if u < c), None)
            if index is None:
                index = max(i for i in range(len(self.cumulative)) if i == 0 or self.cumulative[i] > self.cumulative[i - 1])
            return [names[index]]
        return list(names)


class DynamicWeightAverage:
    """w_i = T·softmax(r_i/τ), r_i = the ratio of task i's mean loss over the last two windows of steps (1 until two are seen)."""

    def __init__(self, names, temperature, window, world):
        self.names, self.temperature, self.window, self.world = names, temperature, window, world
        self.sums, self.steps, self.means = dict.fromkeys(names, 0.0), 0, []

    def observe(self, losses):
        for n, value in losses.items():
            self.sums[n] += float(value)
        self.steps += 1
        if self.steps < self.window:
            return
        means = torch.tensor([self.sums[n] / self.steps for n in self.names], dtype=torch.float64)
        if self.world > 1:
            # Every process weighs with the same figures: the window means averaged over the processes.
            dist.all_reduce(means)
            means /= self.world
        self.means = (self.means + [means])[-2:]
        self.sums, self.steps = dict.fromkeys(self.names, 0.0), 0

    def weights(self):
        if len(self.means) < 2:
            return dict.fromkeys(self.names, 1.0)
        before, latest = self.means
        ratios = torch.where((before > 0) & torch.isfinite(before) & torch.isfinite(latest), latest / before, torch.ones_like(latest))
        w = len(self.names) * torch.softmax(ratios / self.temperature, 0)
        return {n: float(w[i]) for i, n in enumerate(self.names)}


def pcgrad(task_grads, rng):
    """Each task gradient projected, one other task at a time in a random order, onto the normal plane of every
    task gradient it conflicts with (negative dot product); the projected gradients summed."""
    squared = [g.dot(g) + PCGRAD_EPSILON for g in task_grads]
    out = torch.zeros_like(task_grads[0])
    # The orders drawn up front from the browser's stream (src/train/weighting/pcgrad.ts).
    indices = list(range(len(task_grads)))
    orders = [rng.shuffle([j for j in indices if j != i]) for i in indices]
    for i, original in enumerate(task_grads):
        g = original.clone()
        for j in orders[i]:
            g = g - torch.clamp(g.dot(task_grads[j]), max=0) / squared[j] * task_grads[j]
        out += g
    return out


def pcgrad_step(objective, batches, weights, shared, rng, world, plans=None):
    """PCGrad needs one gradient per task on the shared encoder, which one DDP backward cannot give: the gradients are
    taken with autograd and averaged over the processes with all_reduce. A task's own weights get w_i·∇(J_i + its
    head decay), as in the browser; a task not trained this step keeps no gradient (Adam leaves it alone)."""
    total, losses = objective(batches, weights, plans)
    params = list(objective.parameters())
    shared_ids = {id(p) for p in shared}
    rest = [p for p in params if id(p) not in shared_ids]
    flat = lambda grads, ps: torch.cat([(g if g is not None else torch.zeros_like(p)).reshape(-1) for g, p in zip(grads, ps)])  # noqa: E731
    task_grads = [flat(torch.autograd.grad(weights[n] * losses[n], shared, retain_graph=True, allow_unused=True), shared) for n in losses]
    projected = pcgrad(task_grads, rng)
    own_total = sum(weights[n] * (losses[n] + objective.head_decay_term(n)) for n in losses)
    rest_grads = torch.autograd.grad(own_total, rest, allow_unused=True)
    offset = 0
    for p in shared:
        p.grad = projected[offset : offset + p.numel()].view_as(p).clone()
        offset += p.numel()
    for p, g in zip(rest, rest_grads):
        p.grad = g
    if world > 1:
        # Every process trains the same tasks this step (one schedule), so the same gradients are None on each.
        for p in params:
            if p.grad is not None:
                dist.all_reduce(p.grad)
                p.grad /= world
    # The browser reports PCGrad's J as Σ w_i·J_i (its head decay shapes the gradients, not the figure).
    return sum(weights[n] * losses[n] for n in losses).detach(), losses


def main():
    args = arguments()
    folder = os.path.dirname(os.path.abspath(__file__))
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    device = torch.device(args.device)
    if world > 1:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
        if device.type == "cuda":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
    log = (lambda text: print(text, flush=True)) if rank == 0 else (lambda text: None)

    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    experiment = config.get("experiment", config)
    with open(os.path.join(folder, "spec.json"), encoding="utf-8") as f:
        spec = json.load(f)
    with open(os.path.join(folder, "labels.json"), encoding="utf-8") as f:
        labels = json.load(f)
    with open(os.path.join(folder, "data.json"), encoding="utf-8") as f:
        sources = json.load(f)
    decoding = read_decoding(folder)
    method = experiment.get("weighting", "manual")
    if method not in EXPORTED_METHODS:
        sys.exit(f"the weighting method {method} cannot be trained here: {NOT_EXPORTED.get(method, 'it is unknown')}. Evaluate with --evaluate.")
    for given in args.data:
        name, _, files = given.partition("=")
        parts = files.split(",")
        sources.setdefault(name, {})
        for split, source in zip(("train", "dev", "test"), parts):
            sources[name][split] = source
    seed = args.seed if args.seed is not None else experiment.get("seed", 1)
    torch.manual_seed(seed)

    vocabulary = data.Vocabulary.load(os.path.join(folder, "vocab.json"))
    net = mtl.MtlModel({**spec, "seed": seed})
    initial = os.path.join(folder, "initial.safetensors")
    # --fresh with the experiment's seed starts from the browser's own initial weights; another seed, from PyTorch's.
    replay = args.fresh and seed == experiment.get("seed", 1) and os.path.exists(initial)
    if not args.fresh:
        net.load_weights(os.path.join(folder, "weights.safetensors"))
    elif replay:
        net.load_weights(initial)
    else:
        log("--fresh: starting from PyTorch's own initial weights (initial.safetensors is absent or --seed differs), so the first loss is not the browser's")
        if experiment.get("frozen"):
            log("--fresh: the frozen groups keep PyTorch's own initial weights, not the encoder the browser's run was fine-tuned from")
    net.to(device)
    net.trunk_dropout = experiment.get("trunkDropout", 0.25)
    net.head_dropout = experiment.get("headDropout", 0.0)
    k = mtl.ids_per_token(net.representation, net.suffixes)
    # A task's index in the experiment seeds its shuffle and its batches, as in the browser.
    configured = {t.get("name"): t for t in experiment.get("tasks", [])}
    order_of = [t.get("name") for t in experiment.get("tasks", spec["tasks"])]
    index_of = {t["name"]: (order_of.index(t["name"]) if t["name"] in order_of else i) for i, t in enumerate(spec["tasks"])}
    tasks = {}
    for t in spec["tasks"]:
        own = configured.get(t["name"], {})
        # A language-model helper reads its source's files, split and capped as the source's (the same seed).
        source = own.get("languageModelOf") or (t["name"][: -len("-lm")] if t.get("languageModel") else t["name"])
        files = sources.get(source)
        if not files:
            sys.exit(f"{source}: no data source (give its files with --data {source}=TRAIN[,DEV[,TEST]])")
        cap = own.get("maxTrain") or configured.get(source, {}).get("maxTrain")
        tasks[t["name"]] = TaskData(t, files, labels[t["name"]], vocabulary, net, experiment, args, folder, index_of[source], cap)
        tasks[t["name"]].scheme = data.iob_scheme(labels[t["name"]]) if decoding.get(t["name"]) == "iob2" else None
    manual = {name: float(experiment.get("weights", {}).get(name, 1.0)) for name in tasks}
    weights = {name: (1.0 if method in ("equal", "uncertainty", "dwa") else manual[name]) for name in tasks}
    if method == "pcgrad" and spec["sharing"] != "hard":
        sys.exit("PCGrad projects the task gradients on the shared encoder: it needs hard sharing")

    max_length = experiment.get("maxLength", 64)

    # Validation during training scores a fixed seeded sample of each dev set, as the browser's does
    # (src/train/session/evaluation.ts); the full dev and test sets are scored at the end.
    sample_size = experiment.get("validationSample", 300)
    for task in tasks.values():
        dev = task.dev
        if 0 < sample_size < len(dev):
            picked = sorted(browser_random.Mulberry32(seed * 131 + 7).shuffle(list(range(len(dev))))[:sample_size])
            dev = [task.dev[i] for i in picked]
        task.dev_sample = dev

    def evaluate(split):
        return {name: score(net, task, getattr(task, split), k, device) for name, task in tasks.items() if getattr(task, split)}

    if args.evaluate:
        log(json.dumps({"valid": evaluate("dev"), "test": evaluate("test")}))
        return

    counts = [0] * len(vocabulary.tokens)
    # Word dropout's counts, over the labelled tasks' training sentences (a helper's are its source's: counted once).
    for task in tasks.values():
        if task.kind == "language-model":
            continue
        for ids, _ in task.train:
            for word in ids[::k]:
                counts[word] += 1
    steps = args.steps or experiment.get("steps", 2000)
    batch_size = experiment.get("batchSize", 32)
    penalty = float(experiment.get("lambda", 0.0)) if spec["sharing"] == "soft" else 0.0
    # A fine-tuned run that kept its encoder frozen trained only the rest; so does this one. Before
    # DistributedDataParallel is built: it reads which weights take gradients once, there.
    frozen = [group + "/" for group in experiment.get("frozen", [])]
    for name, p in net.params.items():
        if name.startswith(tuple(frozen)):
            p.requires_grad_(False)
    if "trunk:shared/" in frozen and method == "pcgrad":
        sys.exit("PCGrad projects the gradients of the shared encoder, and config.json freezes it: choose another weighting")
    if frozen:
        log(f"frozen as in the browser's run: {', '.join(g[:-1] for g in frozen)}")
    objective = Objective(net, {n: t.kind for n, t in tasks.items()}, penalty, method == "uncertainty", float(experiment.get("headDecay", 0.0)))
    # PCGrad averages its own gradients over the processes (see pcgrad_step); the others use DistributedDataParallel.
    wrapped = DistributedDataParallel(objective, find_unused_parameters=True) if world > 1 and method != "pcgrad" else objective
    if world > 1 and method == "pcgrad":
        for p in objective.parameters():
            dist.broadcast(p.data, 0)
    rate = experiment.get("learningRate", 0.002)
    trainable = [p for p in objective.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(trainable, lr=rate, betas=(0.9, 0.999), eps=1e-7)
    dwa = DynamicWeightAverage(list(tasks), experiment.get("dwaTemperature", 2), max(20, experiment.get("emitEvery", 10) * 4), world) if method == "dwa" else None
    shared = [p for n, p in net.params.items() if n.startswith("trunk:shared/")]
    projection_order = browser_random.Mulberry32(seed ^ 0x5BD1E995)
    # The browser's batches and word dropout, from its seeded streams (browser_random.py). Under torchrun each
    # process draws its own (the first one the browser's); the weights start equal (DDP broadcasts them).
    stream_seed = seed + 1_000_003 * rank
    samplers = {
        name: browser_random.BatchSampler(t.train, batch_size, browser_random.Mulberry32(stream_seed * 31 + 17 + index_of[name]), k)
        for name, t in tasks.items()
    }
    word_stream = browser_random.Mulberry32(stream_seed * 7 + 3)
    # One schedule on every process: they train the same tasks each step, so their gradients average alike.
    scheduler = TaskSchedule(experiment, [len(tasks[n].train) for n in tasks], seed + 7)
    interaction_every = experiment.get("interactionEvery", 0)
    # The first steps' dropout masks as the browser drew them (its trainer numbers its dropout calls from 1).
    replay_steps = args.browser_dropout_steps if replay and rank == 0 else 0
    dropout_call = 1
    shared_count = min(spec["sharedLayers"], spec["encoderLayers"]) if spec.get("sharedLayers", 0) > 0 else spec["encoderLayers"]

    def replayed_dropout(step, scheduled, batches, call):
        """The dropout seeds of this step's loss passes, numbered as the browser's trainer numbers its forward passes
        (src/train/session/stepper.ts, trainer.ts, balancedTrainer.ts)."""
        measure = interaction_every > 0 and step % interaction_every == 0
        # Each scheduled task weighted 0 is first evaluated, for its curve: one pass each.
        call += sum(1 for n in scheduled if weights[n] <= 0)
        hard = spec["sharing"] == "hard"
        names = list(batches)
        if hard and method == "pcgrad":
            # PCGrad takes each task's gradient from a pass of its own: no stacked batches.
            return browser_random.dropout_plans(names, {}, {}, lambda _: None, call)
        if hard and measure:
            # The gradient-interaction measurement's passes (one per task) come first; the update's losses after.
            call += len(names)
        lengths = {n: b[1].shape[1] for n, b in batches.items()}
        sizes = {n: b[1].shape[0] for n, b in batches.items()}
        return browser_random.dropout_plans(names, lengths, sizes, fusion_key, call)

    def fusion_key(name):
        """Tasks whose batches the browser stacks through the shared layers (MtlModel.fusionKey): hard sharing, same top."""
        if spec["sharing"] != "hard":
            return None
        return min(min(net.task_spec(name).get("readLayer") or spec["encoderLayers"], spec["encoderLayers"]), shared_count)
    eval_every, patience = args.eval_every or experiment.get("evalEvery", 100), experiment.get("patience", 5)
    best, best_state, waited = -1.0, None, 0
    # The weights' moving average that validation and the final test read, as the browser's
    # (src/train/session/weightAverage.ts): folded in after every step, decay min(d, (1 + t) / (10 + t)).
    average_decay = float(experiment.get("weightAverage", 0.0))
    average = {n: p.detach().clone() for n, p in net.params.items()} if average_decay > 0 else None
    average_updates = 0

    def fold_average():
        nonlocal average_updates
        if average is None:
            return
        rate = 1.0 - min(average_decay, (1 + average_updates) / (10 + average_updates))
        average_updates += 1
        with torch.no_grad():
            for n, p in net.params.items():
                average[n].add_(p.detach() - average[n], alpha=rate)

    def load(weights):
        with torch.no_grad():
            for n, p in net.params.items():
                p.copy_(weights[n])
    points = open(args.log, "w", encoding="utf-8") if args.log and rank == 0 else None

    for step in range(1, steps + 1):
        net.train()
        batches = {}
        scheduled = scheduler.next(step, list(tasks))
        # Every scheduled task draws its batch (a task weighted 0 too, as in the browser), in task order.
        for name in scheduled:
            ids, mask, targets = batch_tensors(samplers[name].next(), k, "cpu", max_length)
            ids = word_dropout(ids, mask, k, counts, experiment.get("wordDropout", 0.25), word_stream)
            if weights[name] > 0:
                batches[name] = (ids.to(device), mask.to(device), targets.to(device))
        if not batches:
            # No task to train this step (a schedule that picked a task weighted 0): the browser skips the update.
            fold_average()
            continue
        plans = None
        if step <= replay_steps and (net.trunk_dropout > 0 or net.head_dropout > 0):
            plans, dropout_call = replayed_dropout(step, scheduled, batches, dropout_call)
        for group in optimizer.param_groups:
            group["lr"] = rate * learning_rate_factor(experiment.get("learningRateSchedule", "cosine"), experiment.get("warmupSteps", 100), step, steps)
        step_weights = dwa.weights() if dwa else weights
        # None, not zeros: a task not trained this step keeps its head still, as the browser's per-group Adam does.
        optimizer.zero_grad(set_to_none=True)
        if method == "pcgrad":
            total, losses = pcgrad_step(objective, batches, step_weights, shared, projection_order, world, plans)
        else:
            total, losses = wrapped(batches, step_weights, plans)
            total.backward()
        if experiment.get("clipNorm", 5) > 0:
            torch.nn.utils.clip_grad_norm_(objective.parameters(), experiment.get("clipNorm", 5))
        optimizer.step()
        fold_average()
        if dwa:
            dwa.observe(losses)
        if step % args.log_every == 0 or step == 1 or step == steps:
            point = {
                "step": step,
                "losses": {n: float(l) for n, l in losses.items()},
                "total": float(total),
                "weights": objective.effective_weights(step_weights),
            }
            log(f"step {step}  " + "  ".join(f"{n} {v:.3f}" for n, v in point["losses"].items()) + f"  J {point['total']:.3f}")
            if points:
                points.write(json.dumps(point) + "\n")
        if step % eval_every == 0 or step == steps:
            live = None
            if average is not None:
                # Validation scores the average (and keeps it as the best checkpoint); training goes on from the live weights.
                live = {n: p.detach().clone() for n, p in net.params.items()}
                load(average)
            valid = evaluate("dev_sample")
            score_weights = {n: max(weights[n], 1e-12) for n in valid}
            headline = sum(score_weights[n] * m["headline"] for n, m in valid.items()) / sum(score_weights.values())
            log(f"validation @{step}: " + "  ".join(f"{n} {m['headline']:.3f}" for n, m in valid.items()))
            if headline > best:
                best, waited = headline, 0
                best_state = {n: p.detach().clone() for n, p in net.params.items()}
            else:
                waited += 1
            if live is not None:
                load(live)
            if patience > 0 and waited >= patience:
                log(f"early stop at step {step}")
                break
    if best_state:
        load(best_state)
    elif average is not None:
        load(average)
    if world > 1:
        # DistributedDataParallel keeps the copies equal; say so, from the weights themselves.
        checksum = torch.stack([p.detach().double().sum() for p in objective.parameters()]).to(device)
        gathered = [torch.zeros_like(checksum) for _ in range(world)]
        dist.all_gather(gathered, checksum)
        same = all(torch.equal(g, gathered[0]) for g in gathered)
        log(f"weights identical on all {world} processes: {'yes' if same else 'NO'}")
    log(json.dumps({"test": evaluate("test")}))
    if rank == 0:
        mtl.write_safetensors(os.path.join(folder, args.save), {n: p.detach().cpu() for n, p in net.params.items()})
        log(f"trained weights written to {args.save}")
    if points:
        points.close()
    if world > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
