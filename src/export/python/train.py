"""Trains the exported model outside the browser, as the browser trains it:
J = Σ w_i·J_i (+ λ·Σ‖θ_i − θ_j‖² under soft sharing) with the weights set by
hand, equal, learned from each task's uncertainty (Kendall et al. 2018), by
Dynamic Weight Average (Liu et al. 2019), or PCGrad's projection of
conflicting task gradients on the shared encoder (Yu et al. 2020), Adam (β 0.9, 0.999,
ε 1e-7) on every weight with the gradient's global norm clipped, a linear
warm-up then a cosine decay to a tenth of the rate, trunk, head and word
dropout, validation every few steps with early stopping on the weighted
headline metric, and the test scores of the best weights.

    python3 train.py                 # continue from the browser's weights
    python3 train.py --fresh         # start from new weights
    python3 train.py --evaluate      # score the browser's weights, no training
    torchrun --nproc_per_node=2 train.py --steps 20   # several processes (DistributedDataParallel)

Under torchrun each process draws its own batches; DistributedDataParallel
averages the gradients, so every process holds the same weights, and only
the first one logs and writes files.
"""
import argparse
import json
import math
import os
import random
import sys
import urllib.request

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

import data
import model as mtl

EXPORTED_METHODS = ("manual", "equal", "uncertainty", "dwa", "pcgrad")
NOT_EXPORTED = {
    "gradnorm": "its gradient-norm balancing is not exported yet",
    "famo": "its loss-descent balancing is not exported yet",
}
PCGRAD_EPSILON = 1e-12


def arguments():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, help="training steps (default: the experiment's)")
    p.add_argument("--fresh", action="store_true", help="start from new weights instead of weights.safetensors")
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

    def __init__(self, task, files, labels, vocabulary, representation, experiment, args, folder):
        self.name, self.kind = task["name"], task["kind"]
        self.labels = labels
        index = {label: i for i, label in enumerate(labels)}
        splits = {}
        for split in ("train", "dev", "test"):
            source = files.get(split)
            if not source:
                continue
            examples = []
            for tokens, gold in data.parse(read_source(source, folder), files.get("format", task.get("format", "tsv"))):
                tokens = tokens[: experiment.get("maxLength", 64)]
                golds = gold[: len(tokens)] if self.kind == "tagging" else [gold]
                unknown = [g for g in golds if g not in index]
                if unknown:
                    raise SystemExit(f"{self.name} {split}: the label {unknown[0]!r} is not one of the exported labels.json")
                if tokens:
                    examples.append((data.encode(tokens, representation, vocabulary), [index[g] for g in golds]))
            splits[split] = examples
        if "train" not in splits:
            raise SystemExit(f"{self.name}: no training file (give one with --data {self.name}=TRAIN[,DEV[,TEST]])")
        train = splits["train"]
        rng = random.Random(experiment.get("seed", 1))
        if "dev" not in splits:
            # As the browser does without a dev file: a seeded share of the training examples is held out.
            rng.shuffle(train)
            held = max(1, int(len(train) * experiment.get("validationFraction", 0.1)))
            splits["dev"], train = train[:held], train[held:]
        cap = args.max_train or task.get("maxTrain")
        self.train = train[:cap] if cap else train
        self.dev = splits["dev"]
        self.test = splits.get("test", [])


def batch_tensors(examples, k, device):
    length = max(len(ids) // k for ids, _ in examples)
    ids = torch.zeros(len(examples), length * k, dtype=torch.long)
    mask = torch.zeros(len(examples), length)
    targets = torch.zeros(len(examples), length, dtype=torch.long)
    for row, (example_ids, gold) in enumerate(examples):
        n = len(example_ids) // k
        ids[row, : len(example_ids)] = torch.tensor(example_ids)
        mask[row, :n] = 1
        targets[row, : len(gold)] = torch.tensor(gold)
    return ids.to(device), mask.to(device), targets.to(device)


def word_dropout(ids, mask, k, counts, alpha, generator):
    """A word seen c times becomes <unk> with probability α/(α+c) (training only; affixes, shape and characters stay)."""
    if alpha <= 0:
        return ids
    words = ids[:, ::k]
    c = counts[words]
    drop = (torch.rand(words.shape, generator=generator) < alpha / (alpha + c)) & (mask > 0) & (words > data.UNK_ID)
    ids = ids.clone()
    ids[:, ::k] = torch.where(drop, torch.full_like(words, data.UNK_ID), words)
    return ids


def task_loss(logits, targets, mask, kind):
    """Mean cross-entropy: over real tokens (tagging) or sentences (classification)."""
    if kind == "classification":
        return torch.nn.functional.cross_entropy(logits, targets[:, 0])
    losses = torch.nn.functional.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    return (losses * mask).sum() / mask.sum().clamp(min=1)


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


def score(net, task, examples, k, device, batch_size=64):
    """Accuracy, and entity F1 for an IOB tag set; the headline is F1 where there are entities."""
    net.eval()
    correct = total = 0
    gold_entities = predicted_entities = matched = 0
    iob = all(label == "O" or label[:2] in ("B-", "I-", "E-", "S-") for label in task.labels)
    with torch.no_grad():
        for start in range(0, len(examples), batch_size):
            chunk = examples[start : start + batch_size]
            ids, mask, targets = batch_tensors(chunk, k, device)
            guess = net(task.name, ids, mask).argmax(-1)
            for row, (_, gold) in enumerate(chunk):
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

    def __init__(self, net, kinds, penalty, uncertainty):
        super().__init__()
        self.net, self.kinds, self.penalty = net, kinds, penalty
        self.names = list(kinds)
        self.log_variance = torch.nn.Parameter(torch.full((len(kinds),), -0.5)) if uncertainty else None

    def forward(self, batches, weights):
        losses = {name: task_loss(self.net(name, ids, mask), targets, mask, self.kinds[name]) for name, (ids, mask, targets) in batches.items()}
        if self.log_variance is not None:
            s = {name: self.log_variance[self.names.index(name)] for name in losses}
            total = sum(losses[n] * torch.exp(-s[n]) * 0.5 + s[n] * 0.5 for n in losses)
        else:
            total = sum(weights[name] * loss for name, loss in losses.items())
        if self.penalty > 0:
            total = total + self.penalty * self.net.soft_sharing_penalty()
        return total, losses

    def effective_weights(self, weights):
        if self.log_variance is None:
            return dict(weights)
        return {n: float(torch.exp(-self.log_variance[i]) * 0.5) for i, n in enumerate(self.names)}


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
    for i, original in enumerate(task_grads):
        g = original.clone()
        others = [j for j in range(len(task_grads)) if j != i]
        rng.shuffle(others)
        for j in others:
            g = g - torch.clamp(g.dot(task_grads[j]), max=0) / squared[j] * task_grads[j]
        out += g
    return out


def pcgrad_step(objective, batches, weights, shared, rng, world):
    """PCGrad needs one gradient per task on the shared encoder, which one DDP backward cannot give: the gradients are
    taken with autograd and averaged over the processes with all_reduce. The task-specific weights get Σ w_i·J_i's."""
    total, losses = objective(batches, weights)
    params = list(objective.parameters())
    shared_ids = {id(p) for p in shared}
    rest = [p for p in params if id(p) not in shared_ids]
    flat = lambda grads, ps: torch.cat([(g if g is not None else torch.zeros_like(p)).reshape(-1) for g, p in zip(grads, ps)])  # noqa: E731
    task_grads = [flat(torch.autograd.grad(weights[n] * losses[n], shared, retain_graph=True, allow_unused=True), shared) for n in losses]
    projected = pcgrad(task_grads, rng)
    rest_grads = torch.autograd.grad(total, rest, allow_unused=True)
    offset = 0
    for p in shared:
        p.grad = projected[offset : offset + p.numel()].view_as(p).clone()
        offset += p.numel()
    for p, g in zip(rest, rest_grads):
        p.grad = g if g is not None else torch.zeros_like(p)
    if world > 1:
        for p in params:
            dist.all_reduce(p.grad)
            p.grad /= world
    return total, losses


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
    method = experiment.get("weighting", "manual")
    if method not in EXPORTED_METHODS:
        sys.exit(f"the weighting method {method} cannot be trained here: {NOT_EXPORTED.get(method, 'it is unknown')}. Evaluate with --evaluate.")
    for task in spec["tasks"]:
        if task.get("languageModel") and not args.evaluate:
            sys.exit(f"the language-model helper {task['name']} cannot be trained here yet: drop it, or use --evaluate")
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
    if not args.fresh:
        net.load_weights(os.path.join(folder, "weights.safetensors"))
    net.to(device)
    net.trunk_dropout = experiment.get("trunkDropout", 0.25)
    net.head_dropout = experiment.get("headDropout", 0.0)
    k = mtl.ids_per_token(net.representation)
    trained = [t for t in spec["tasks"] if not t.get("languageModel")]
    tasks = {}
    for t in trained:
        files = sources.get(t["name"])
        if not files:
            sys.exit(f"{t['name']}: no data source (give its files with --data {t['name']}=TRAIN[,DEV[,TEST]])")
        tasks[t["name"]] = TaskData(t, files, labels[t["name"]], vocabulary, net.representation, experiment, args, folder)
    manual = {name: float(experiment.get("weights", {}).get(name, 1.0)) for name in tasks}
    weights = {name: (1.0 if method in ("equal", "uncertainty", "dwa") else manual[name]) for name in tasks}
    if method == "pcgrad" and spec["sharing"] != "hard":
        sys.exit("PCGrad projects the task gradients on the shared encoder: it needs hard sharing")

    def evaluate(split):
        return {name: score(net, task, getattr(task, split), k, device) for name, task in tasks.items() if getattr(task, split)}

    if args.evaluate:
        log(json.dumps({"valid": evaluate("dev"), "test": evaluate("test")}))
        return

    counts = torch.zeros(len(vocabulary.tokens))
    for task in tasks.values():
        for ids, _ in task.train:
            counts.index_add_(0, torch.tensor(ids[::k]), torch.ones(len(ids) // k))
    steps = args.steps or experiment.get("steps", 2000)
    batch_size = experiment.get("batchSize", 32)
    penalty = float(experiment.get("lambda", 0.0)) if spec["sharing"] == "soft" else 0.0
    objective = Objective(net, {n: t.kind for n, t in tasks.items()}, penalty, method == "uncertainty")
    # PCGrad averages its own gradients over the processes (see pcgrad_step); the others use DistributedDataParallel.
    wrapped = DistributedDataParallel(objective, find_unused_parameters=True) if world > 1 and method != "pcgrad" else objective
    if world > 1 and method == "pcgrad":
        for p in objective.parameters():
            dist.broadcast(p.data, 0)
    rate = experiment.get("learningRate", 0.002)
    optimizer = torch.optim.Adam(objective.parameters(), lr=rate, betas=(0.9, 0.999), eps=1e-7)
    dwa = DynamicWeightAverage(list(tasks), experiment.get("dwaTemperature", 2), max(20, experiment.get("emitEvery", 10) * 4), world) if method == "dwa" else None
    shared = [p for n, p in net.params.items() if n.startswith("trunk:shared/")]
    projection_order = random.Random(seed ^ 0x5BD1E995)
    # Each process draws its own batches and word dropout; the weights start equal (DDP broadcasts them).
    generator = torch.Generator().manual_seed(seed * 1000 + rank)
    order = {name: torch.randperm(len(t.train), generator=generator).tolist() for name, t in tasks.items()}
    cursor = dict.fromkeys(tasks, 0)
    eval_every, patience = args.eval_every or experiment.get("evalEvery", 100), experiment.get("patience", 5)
    best, best_state, waited = -1.0, None, 0
    points = open(args.log, "w", encoding="utf-8") if args.log and rank == 0 else None

    for step in range(1, steps + 1):
        net.train()
        batches = {}
        for name, task in tasks.items():
            if weights[name] <= 0:
                continue
            if cursor[name] + batch_size > len(order[name]):
                order[name], cursor[name] = torch.randperm(len(task.train), generator=generator).tolist(), 0
            chosen = [task.train[i] for i in order[name][cursor[name] : cursor[name] + batch_size]]
            cursor[name] += batch_size
            ids, mask, targets = batch_tensors(chosen, k, device)
            ids = word_dropout(ids.cpu(), mask.cpu(), k, counts, experiment.get("wordDropout", 0.25), generator).to(device)
            batches[name] = (ids, mask, targets)
        for group in optimizer.param_groups:
            group["lr"] = rate * learning_rate_factor(experiment.get("learningRateSchedule", "cosine"), experiment.get("warmupSteps", 100), step, steps)
        step_weights = dwa.weights() if dwa else weights
        optimizer.zero_grad()
        if method == "pcgrad":
            total, losses = pcgrad_step(objective, batches, step_weights, shared, projection_order, world)
        else:
            total, losses = wrapped(batches, step_weights)
            total.backward()
        if experiment.get("clipNorm", 5) > 0:
            torch.nn.utils.clip_grad_norm_(objective.parameters(), experiment.get("clipNorm", 5))
        optimizer.step()
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
            valid = evaluate("dev")
            score_weights = {n: max(weights[n], 1e-12) for n in valid}
            headline = sum(score_weights[n] * m["headline"] for n, m in valid.items()) / sum(score_weights.values())
            log(f"validation @{step}: " + "  ".join(f"{n} {m['headline']:.3f}" for n, m in valid.items()))
            if headline > best:
                best, waited = headline, 0
                best_state = {n: p.detach().clone() for n, p in net.params.items()}
            else:
                waited += 1
                if patience > 0 and waited >= patience:
                    log(f"early stop at step {step}")
                    break
    if best_state:
        with torch.no_grad():
            for n, p in net.params.items():
                p.copy_(best_state[n])
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
