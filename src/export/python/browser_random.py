"""The browser's seeded random streams, so that `train.py --fresh` starts exactly where the browser's run did:
the same training examples in the same batches, the same words dropped, and (for the first steps) the same
dropout masks.

- `Mulberry32` is the playground's own generator (src/data/random.ts): it splits, caps and shuffles the data,
  orders the batches and draws word dropout.
- `alea_uniform` is TensorFlow.js's seeded `tf.randomUniform` (seedrandom's Alea, values stored as float32),
  which draws its dropout masks and its initial weights.
- `BatchSampler` cuts an epoch as the browser's does (src/data/batching.ts).

Plain Python and slow: Alea is a sequential recurrence, so masks are only drawn this way for the steps asked.
"""
import functools
import math

import torch

U32 = 0x100000000


def _imul(a, b):
    """JavaScript's Math.imul: the low 32 bits of a·b, as an unsigned integer here."""
    return (a * b) & 0xFFFFFFFF


class Mulberry32:
    """src/data/random.ts: the same seed gives the same floats, integers and shuffles."""

    def __init__(self, seed):
        self.state = (int(seed) ^ 0x9E3779B9) & 0xFFFFFFFF

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & 0xFFFFFFFF
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / U32

    def int(self, n):
        return math.floor(self.next() * n)

    def shuffle(self, items):
        """A shuffled copy (Fisher–Yates, from the end), as the browser's."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.int(i + 1)
            out[i], out[j] = out[j], out[i]
        return out


def _to_uint32(x):
    """JavaScript's x >>> 0 for a non-negative number."""
    return int(x) % U32


def _mash():
    n = 0xEFC8249D

    def mash(data):
        nonlocal n
        for ch in str(data):
            n += ord(ch)
            h = 0.02519603282416938 * n
            n = _to_uint32(h)
            h -= n
            h *= n
            n = _to_uint32(h)
            h -= n
            n += h * U32
        return _to_uint32(n) * 2.3283064365386963e-10

    return mash


class Alea:
    """seedrandom's Alea (Johannes Baagøe), which TensorFlow.js seeds with the seed's decimal string."""

    def __init__(self, seed):
        mash = _mash()
        self.c = 1
        self.s0, self.s1, self.s2 = mash(" "), mash(" "), mash(" ")
        self.s0 -= mash(seed)
        if self.s0 < 0:
            self.s0 += 1
        self.s1 -= mash(seed)
        if self.s1 < 0:
            self.s1 += 1
        self.s2 -= mash(seed)
        if self.s2 < 0:
            self.s2 += 1

    def next(self):
        t = 2091639 * self.s0 + self.c * 2.3283064365386963e-10
        self.s0, self.s1 = self.s1, self.s2
        self.c = int(t)
        self.s2 = t - self.c
        return self.s2


@functools.lru_cache(maxsize=4)
def alea_uniform(shape, seed):
    """tf.randomUniform(shape, 0, 1, 'float32', seed): row-major float32 values (kept for the next call with the
    same seed: the tasks of a stacked batch each take their rows of one draw). Not to be modified in place."""
    count = math.prod(shape)
    alea = Alea(str(int(seed)))
    return torch.tensor([alea.next() for _ in range(count)], dtype=torch.float32).reshape(shape)


def browser_dropout(x, rate, seed, rows=None):
    """tf.dropout(x, rate, undefined, seed): x · floor(u + keep) / keep, in float32, u drawn on the CPU.
    rows=(first, total): x is rows first… of a stacked tensor of `total` rows that the browser dropped as one."""
    keep = torch.tensor(1 - rate, dtype=torch.float32)
    first, total = rows if rows else (0, x.shape[0])
    u = alea_uniform((total,) + tuple(x.shape[1:]), seed)[first : first + x.shape[0]]
    return x * (torch.floor(u + keep) / keep).to(x.device)


class DropoutPlan:
    """The browser's dropout seeds for one task's forward pass: its own call's, and, when its batch went through
    the shared layers stacked with other tasks' batches, that call's seed and the task's rows in the stack."""

    def __init__(self, own, stacked=None):
        self.own, self.stacked = own, stacked

    def drop(self, x, rate, site):
        if site[0] == "head":
            return browser_dropout(x, rate, self.own + site[1])
        _, trunk, k = site
        if trunk == "shared" and self.stacked is not None:
            seed, first, total = self.stacked
            return browser_dropout(x, rate, seed + 1000 + k, (first, total))
        return browser_dropout(x, rate, self.own + 1000 + k)


def dropout_plans(tasks, lengths, sizes, fusion_key, first_call):
    """Each task's DropoutPlan in one browser step (src/train/fusedLosses.ts, trainer.ts's nextDropout): tasks with
    the same fusion key and padded length go through the shared layers stacked (one call, then one per task), the
    others one call each, in task order; call n seeds with n·7919. Returns the plans and the next call's number."""
    groups = {}
    for name in tasks:
        key = fusion_key(name)
        if key is not None:
            groups.setdefault((key, lengths[name]), []).append(name)
    plans, call = {}, first_call
    for group in groups.values():
        if len(group) < 2:
            continue
        stacked_seed, call = call * 7919, call + 1
        total, row = sum(sizes[n] for n in group), 0
        for name in group:
            plans[name], call = DropoutPlan(call * 7919, (stacked_seed, row, total)), call + 1
            row += sizes[name]
    for name in tasks:
        if name not in plans:
            plans[name], call = DropoutPlan(call * 7919), call + 1
    return plans, call


LENGTH_BUCKETS = (8, 16, 32, 64, 128, 256)


def bucket_length(longest, max_length):
    """The browser pads a batch to the next of a few fixed lengths (each shape costs a compiled kernel)."""
    capped = min(longest, max_length)
    for b in LENGTH_BUCKETS:
        if b >= capped:
            return min(b, max_length)
    return max_length


class BatchSampler:
    """Endless batches as src/data/batching.ts draws them: each epoch shuffled, cut into pools of 20 batches
    sorted by length, and the batches shuffled again; the last one is taken first."""

    def __init__(self, examples, batch_size, random, ids_per_token):
        self.examples, self.random, self.k = examples, random, ids_per_token
        self.size = min(batch_size, len(examples))
        self.queue = []

    def next(self):
        if not self.queue:
            order = self.random.shuffle(self.examples)
            pool_size = self.size * 20
            batches = []
            start = 0
            while start + self.size <= len(order):
                pool = sorted(order[start : start + pool_size], key=lambda e: len(e[0]))
                b = 0
                while b + self.size <= len(pool):
                    batches.append(pool[b : b + self.size])
                    b += self.size
                start += pool_size
            self.queue = self.random.shuffle(batches)
        return self.queue.pop()
