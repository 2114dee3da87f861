import type { Random } from './random';
import { PAD_ID } from './vocabulary';

/** One task example as the model sees it: token ids and the target(s). */
export interface EncodedExample {
  /** idsPerToken ids per token, token by token (the word id first; see tokenFeatures.ts). */
  readonly ids: Int32Array;
  /** Tagging: one label id per token. Classification: a single label id. */
  readonly target: Int32Array | number;
}

/** A padded mini-batch in flat row-major arrays, ready to become tensors. */
export interface Batch {
  readonly size: number;
  readonly length: number;
  /** Ids per token: 1 for a word id alone, more with sub-word features. */
  readonly idsPerToken: number;
  /** [size × length × idsPerToken] token ids, PAD_ID past each sentence's end. */
  readonly ids: Int32Array;
  /** [size × length] 1 for real tokens, 0 for padding. */
  readonly mask: Float32Array;
  /** Tagging: [size × length] label ids (0 on padding). Classification: [size]. */
  readonly targets: Int32Array;
  /** Real (unpadded) tokens in the batch. */
  readonly tokens: number;
}

/**
 * A few fixed padded lengths: every distinct shape costs a compiled kernel
 * and its own GPU buffers, so sentences are padded up to the next bucket.
 */
export const LENGTH_BUCKETS = [8, 16, 32, 64, 128, 256] as const;

export function bucketLength(longest: number, maxLength: number): number {
  const capped = Math.min(longest, maxLength);
  for (const b of LENGTH_BUCKETS) if (b >= capped) return Math.min(b, maxLength);
  return maxLength;
}

/** Tokens of an encoded example. */
export function tokenCount(example: EncodedExample, idsPerToken: number): number {
  return example.ids.length / idsPerToken;
}

/** `rows` > examples.length adds empty rows (mask 0) so a batch keeps a shape already compiled. */
export function makeBatch(
  examples: readonly EncodedExample[],
  maxLength: number,
  rows = examples.length,
  idsPerToken = 1,
): Batch {
  const longest = examples.reduce((m, e) => Math.max(m, tokenCount(e, idsPerToken)), 1);
  const length = bucketLength(longest, maxLength);
  const size = Math.max(rows, examples.length);
  const tagging = examples.length > 0 && typeof examples[0]?.target !== 'number';
  const ids = new Int32Array(size * length * idsPerToken).fill(PAD_ID);
  const mask = new Float32Array(size * length);
  const targets = new Int32Array(tagging ? size * length : size);
  let tokens = 0;
  examples.forEach((e, row) => {
    const n = Math.min(tokenCount(e, idsPerToken), length);
    tokens += n;
    ids.set(e.ids.subarray(0, n * idsPerToken), row * length * idsPerToken);
    mask.fill(1, row * length, row * length + n);
    if (typeof e.target === 'number') targets[row] = e.target;
    else targets.set(e.target.subarray(0, n), row * length);
  });
  return { size, length, idsPerToken, ids, mask, targets, tokens };
}

/**
 * Endless seeded mini-batches for training. Each epoch is shuffled, then cut
 * into pools that are sorted by length (so a batch holds sentences of similar
 * length and little padding) and the batches are shuffled again.
 */
export class BatchSampler {
  private queue: EncodedExample[][] = [];
  private drawn = 0;

  constructor(
    private readonly examples: readonly EncodedExample[],
    private readonly batchSize: number,
    private readonly maxLength: number,
    private readonly random: Random,
    private readonly idsPerToken = 1,
  ) {
    if (examples.length === 0) throw new Error('cannot sample batches from an empty training set');
  }

  /** Completed passes over the training data (fractional). */
  get epoch(): number {
    return this.drawn / this.examples.length;
  }

  next(): Batch {
    if (this.queue.length === 0) this.refill();
    const examples = this.queue.pop() as EncodedExample[];
    this.drawn += examples.length;
    return makeBatch(examples, this.maxLength, examples.length, this.idsPerToken);
  }

  private refill(): void {
    const size = Math.min(this.batchSize, this.examples.length);
    const order = this.random.shuffle(this.examples);
    const poolSize = size * 20;
    const batches: EncodedExample[][] = [];
    for (let start = 0; start + size <= order.length; start += poolSize) {
      const pool = order.slice(start, start + poolSize).sort((a, b) => a.ids.length - b.ids.length);
      for (let b = 0; b + size <= pool.length; b += size) batches.push(pool.slice(b, b + size));
    }
    this.queue = this.random.shuffle(batches);
  }
}

/**
 * Fixed-order batches over a whole split for evaluation, sorted by length;
 * `indices` maps rows back. Every batch has `batchSize` rows (the last is
 * padded with empty rows) so evaluation reuses the same few tensor shapes.
 */
export function evaluationBatches(
  examples: readonly EncodedExample[],
  batchSize: number,
  maxLength: number,
  idsPerToken = 1,
): { batch: Batch; indices: number[] }[] {
  const order = examples
    .map((_, i) => i)
    .sort((a, b) => (examples[a]?.ids.length ?? 0) - (examples[b]?.ids.length ?? 0));
  const out: { batch: Batch; indices: number[] }[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const indices = order.slice(start, start + batchSize);
    out.push({
      batch: makeBatch(
        indices.map((i) => examples[i] as EncodedExample),
        maxLength,
        batchSize,
        idsPerToken,
      ),
      indices,
    });
  }
  return out;
}
