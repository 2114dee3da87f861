import * as tf from '../tf';
import {
  CHAR_ROWS,
  featureTableLayout,
  hashedAttributes,
  idsPerToken,
  type Representation,
  type Suffixes,
} from '../data/tokenFeatures';
import { applyMask, dense3d } from './ops';
import { maskedLayerNorm, maxout } from './fusedKernels';
import type { ParamSet } from './params';
import { hostIdsOf, lookupRows, strided } from './rowLookup';

/** `chars`: width of a character embedding; the character CNN has as many filters as the word embedding has dimensions. */
export const CHAR_DIM = 16;
/** `features`: pieces of the maxout layer that mixes the concatenated embeddings (spaCy uses 3). */
const MAXOUT_PIECES = 3;
const CHAR_WINDOW = 3;

export interface TokenEmbeddingOptions {
  readonly representation: Representation;
  /** `features`: rows of the prefix and of the suffix table (featureTableLayout). */
  readonly affixRows: number;
  /** `features`: which suffixes are hashed (hashedAttributes). */
  readonly suffixes: Suffixes;
  readonly vocabSize: number;
  readonly embeddingDim: number;
}

/**
 * The bottom of a trunk: token ids [B, L × idsPerToken] → vectors [B, L, outputSize],
 * zero on padding. `word` looks up the word; `features` concatenates the
 * word's embedding with hashed prefix, suffix and shape embeddings and mixes
 * them with a layer-normalised maxout layer (spaCy's MultiHashEmbed);
 * `chars` concatenates the word's embedding with a character CNN's
 * max-pooled filters (Ma & Hovy 2016). Its weights belong to the trunk (θ).
 */
export class TokenEmbedding {
  readonly outputSize: number;
  readonly idsPerToken: number;

  constructor(
    private readonly params: ParamSet,
    private readonly options: TokenEmbeddingOptions,
  ) {
    const { representation, affixRows, suffixes, vocabSize, embeddingDim: e } = options;
    this.idsPerToken = idsPerToken(representation, suffixes);
    params.uniform('embedding', [vocabSize, e], 0.05);
    this.outputSize = TokenEmbedding.outputSizeOf(options);
    if (representation === 'features') {
      const concatenated = e * (1 + hashedAttributes(suffixes).length);
      params.uniform('features/table', [featureTableLayout(affixRows, suffixes).totalRows, e], 0.05);
      params.glorot('features/mix/kernel', [concatenated, e * MAXOUT_PIECES], concatenated, e);
      params.zeros('features/mix/bias', [e * MAXOUT_PIECES]);
      params.ones('features/norm/gamma', [e]);
      params.zeros('features/norm/beta', [e]);
    } else if (representation === 'chars') {
      params.uniform('chars/embedding', [CHAR_ROWS, CHAR_DIM], 0.1);
      params.glorot('chars/conv/kernel', [CHAR_WINDOW * CHAR_DIM, e], CHAR_WINDOW * CHAR_DIM, e);
      params.zeros('chars/conv/bias', [e]);
    }
  }

  static outputSizeOf(options: TokenEmbeddingOptions): number {
    return options.embeddingDim * (options.representation === 'chars' ? 2 : 1);
  }

  /** ids [B, L × idsPerToken] int32, mask [B, L] → [B, L, outputSize]. */
  embed(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
    const [b, l] = mask.shape;
    const k = this.idsPerToken;
    const table = this.params.matrix('embedding');
    // Known when the batch came from JavaScript arrays: then the tables' gradients cost rows + tokens (rowLookup.ts).
    const host = hostIdsOf(ids);
    if (k === 1) return applyMask(lookupRows(table, ids, host) as tf.Tensor3D, mask);
    const perToken = tf.reshape(ids, [b, l, k]) as tf.Tensor3D;
    const words = lookupRows(
      table,
      tf.reshape(tf.slice(perToken, [0, 0, 0], [b, l, 1]), [b, l]),
      host && (() => strided(host, k, 0, 1)),
    ) as tf.Tensor3D;
    const extra = tf.slice(perToken, [0, 0, 1], [b, l, k - 1]);
    // The features' layer norm zeroes padding itself (one kernel fewer forward and backward).
    if (this.options.representation === 'features')
      return this.mixFeatures(words, extra, host && (() => strided(host, k, 1, k - 1)), mask);
    return applyMask(tf.concat([words, this.charFeatures(extra)], 2) as tf.Tensor3D, mask);
  }

  /** [word | prefix | suffix | shape (| suffix 2 | suffix 4)] embeddings → maxout → layer norm, padding zeroed: [B, L, E]. */
  private mixFeatures(
    words: tf.Tensor3D,
    hashed: tf.Tensor3D,
    host: (() => Int32Array) | null,
    mask: tf.Tensor2D,
  ): tf.Tensor3D {
    const [b, l, n] = hashed.shape;
    const e = this.options.embeddingDim;
    const features = tf.reshape(lookupRows(this.params.matrix('features/table'), hashed, host), [b, l, n * e]);
    const mixed = dense3d(
      tf.concat([words, features], 2) as tf.Tensor3D,
      this.params.matrix('features/mix/kernel'),
      this.params.vector('features/mix/bias'),
    );
    return maskedLayerNorm(
      maxout(mixed, MAXOUT_PIECES),
      this.params.vector('features/norm/gamma'),
      this.params.vector('features/norm/beta'),
      mask,
    );
  }

  /**
   * Character ids [B, L, C] → max over each word's characters of ReLU(conv): [B, L, E].
   * The convolution's windows are cut from the ids (integers, no gradient),
   * so the float path is one gather and one matMul: slicing and concatenating
   * the embedded characters (as conv1dSame does) cost about 10× more on the CPU backend.
   */
  private charFeatures(chars: tf.Tensor3D): tf.Tensor3D {
    const [b, l, c] = chars.shape;
    const flat = tf.reshape(chars, [b * l, c]) as tf.Tensor2D;
    const charMask = tf.cast(tf.greater(flat, 0), 'float32') as tf.Tensor2D;
    // windows[n, j·W + k] = the id of character j + k − 1 (0 past either end).
    const reach = (CHAR_WINDOW - 1) / 2;
    const order = tf.tensor1d(
      Array.from({ length: c * CHAR_WINDOW }, (_, i) => Math.floor(i / CHAR_WINDOW) + (i % CHAR_WINDOW)),
      'int32',
    );
    const windows = tf.gather(
      tf.pad(flat, [
        [0, 0],
        [reach, reach],
      ]),
      order,
      1,
    ) as tf.Tensor2D;
    const windowMask = tf.cast(tf.greater(windows, 0), 'float32') as tf.Tensor2D;
    const embedded = applyMask(
      tf.gather(this.params.matrix('chars/embedding'), windows) as unknown as tf.Tensor3D,
      windowMask,
    );
    const unfolded = tf.reshape(embedded, [b * l, c, CHAR_WINDOW * CHAR_DIM]) as tf.Tensor3D;
    const conv = dense3d(unfolded, this.params.matrix('chars/conv/kernel'), this.params.vector('chars/conv/bias'));
    // Positions past the word's end get a large negative value, so they never win the max; an empty word ends at 0 after the ReLU.
    const pooled = tf.relu(tf.max(tf.add(conv, tf.mul(tf.sub(tf.expandDims(charMask, 2), 1), 1e9)), 1));
    return tf.reshape(pooled, [b, l, this.options.embeddingDim]);
  }
}
