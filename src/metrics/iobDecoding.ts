/**
 * Well-formed entity tags at prediction time. A tagger that picks each
 * token's most likely tag on its own can write `O I-PER` or `B-ORG I-PER`,
 * which no IOB2 file contains. When a task's labels are IOB2 (O, B-X, I-X)
 * and its training tags never break the scheme, prediction takes instead the
 * most likely sequence in which every I-X follows a B-X or an I-X (Viterbi
 * over the tags' log-probabilities, with those transitions forbidden).
 */

export interface IobScheme {
  readonly labels: number;
  /** allowedAfter[prev × labels + next]: 1 where `next` may follow `prev`. */
  readonly allowedAfter: Uint8Array;
  /** allowedFirst[tag]: 1 where a sentence may start with `tag`. */
  readonly allowedFirst: Uint8Array;
}

const TAG = /^([BI])-(.+)$/u;

/** The IOB2 scheme of these labels, or null when they are not O / B-X / I-X tags. */
export function iobScheme(labels: readonly string[]): IobScheme | null {
  const parsed = labels.map((l) => (l === 'O' ? null : TAG.exec(l)));
  if (parsed.some((m, i) => m === null && labels[i] !== 'O')) return null;
  if (!parsed.some((m) => m?.[1] === 'I')) return null;
  // Without O or a B-X nothing may start a sentence, and no sequence would keep the scheme.
  if (!parsed.some((m) => m === null || m[1] === 'B')) return null;
  const n = labels.length;
  const allowedAfter = new Uint8Array(n * n).fill(1);
  const allowedFirst = new Uint8Array(n).fill(1);
  parsed.forEach((next, j) => {
    if (next?.[1] !== 'I') return;
    allowedFirst[j] = 0;
    parsed.forEach((prev, i) => {
      if (prev?.[2] !== next[2]) allowedAfter[i * n + j] = 0;
    });
  });
  return { labels: n, allowedAfter, allowedFirst };
}

/** Whether every tag sequence keeps the scheme (IOB2 files do; IOB1 files start entities with I-). */
export function followsScheme(scheme: IobScheme, sequences: Iterable<ArrayLike<number>>): boolean {
  for (const tags of sequences) {
    for (let t = 0; t < tags.length; t++) {
      const tag = tags[t] as number;
      const ok =
        t === 0 ? scheme.allowedFirst[tag] === 1 : scheme.allowedAfter[(tags[t - 1] as number) * scheme.labels + tag];
      if (!ok) return false;
    }
  }
  return true;
}

/** The scheme to decode a task's predictions with: IOB2 labels whose training tags keep it; else null (argmax). */
export function decodingScheme(
  labels: readonly string[],
  trainingTags: readonly (readonly string[])[],
): IobScheme | null {
  const scheme = iobScheme(labels);
  if (!scheme) return null;
  const index = new Map(labels.map((l, i) => [l, i]));
  // Each sentence's tags become ids once; a tag outside the labels means the scheme does not describe the data.
  const ids = trainingTags.map((tags) => tags.map((t) => index.get(t) ?? -1));
  if (ids.some((tags) => tags.includes(-1))) return null;
  return followsScheme(scheme, ids) ? scheme : null;
}

/**
 * The most likely tag sequence that keeps the scheme: `scores` holds
 * `length` rows of `scheme.labels` log-probabilities (row-major, from
 * `offset`). O and B-X are allowed everywhere, and iobScheme() keeps only label sets with one of them, so
 * a sequence always exists.
 */
export function viterbi(scheme: IobScheme, scores: ArrayLike<number>, length: number, offset = 0): Int32Array {
  const n = scheme.labels;
  const out = new Int32Array(length);
  if (length === 0) return out;
  let best = new Float64Array(n);
  let next = new Float64Array(n);
  const back = new Int32Array(length * n);
  for (let j = 0; j < n; j++) best[j] = scheme.allowedFirst[j] ? (scores[offset + j] as number) : -Infinity;
  for (let t = 1; t < length; t++) {
    const row = offset + t * n;
    for (let j = 0; j < n; j++) {
      let max = -Infinity;
      let arg = 0;
      for (let i = 0; i < n; i++) {
        if (!scheme.allowedAfter[i * n + j]) continue;
        const s = best[i] as number;
        if (s > max) {
          max = s;
          arg = i;
        }
      }
      next[j] = max + (scores[row + j] as number);
      back[t * n + j] = arg;
    }
    [best, next] = [next, best];
  }
  let arg = 0;
  for (let j = 1; j < n; j++) if ((best[j] as number) > (best[arg] as number)) arg = j;
  for (let t = length - 1; t >= 0; t--) {
    out[t] = arg;
    arg = back[t * n + arg] as number;
  }
  return out;
}
