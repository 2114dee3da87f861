import * as tf from '../tf';
import type { EncoderKind } from '../config/experiment';
import type { Random } from '../data/random';
import { CnnEncoder } from './cnnEncoder';
import { runLayers, type Encoder, type EncoderOptions, type LayerRange } from './encoder';
import { BiGruEncoder } from './gruEncoder';
import type { TrainingDropout } from './head';
import { ParamSet } from './params';
import { tokenInputs, type ModelSpec } from './spec';
import { TokenEmbedding } from './tokenEmbedding';
import { TransformerEncoder } from './transformerEncoder';

/**
 * The shared part θ (hard) or one task's θ_i (soft, cross-stitch): token
 * embedding + encoder. With partly shared hard sharing, a task's own upper
 * layers are a trunk of that task's name without an embedding.
 */
export interface Trunk {
  readonly name: string;
  readonly params: ParamSet;
  /** The token representation; only on a trunk that starts at layer 0. */
  readonly embedding: TokenEmbedding | null;
  readonly encoder: Encoder;
}

/** Dropout on trunk states; `k` keeps the masks of different places apart (head dropout uses small offsets, so these start at 1000). */
export function trunkDropout(x: tf.Tensor3D, dropout: TrainingDropout, k: number): tf.Tensor3D {
  return tf.dropout(x, dropout.trunk, undefined, dropout.seed + 1000 + k) as tf.Tensor3D;
}

/** Padding embeds to zeros, so no encoder sees the <pad> row and outputs do not depend on padding length. */
export function embedTokens(trunk: Trunk, ids: tf.Tensor2D, mask: tf.Tensor2D, dropout?: TrainingDropout): tf.Tensor3D {
  if (!trunk.embedding) throw new Error(`trunk ${trunk.name} has no token embedding`);
  const embedded = trunk.embedding.embed(ids, mask);
  return trunk.encoder.enter(dropout && dropout.trunk > 0 ? trunkDropout(embedded, dropout, 0) : embedded, mask);
}

/** Layers [from, to) of an encoder piece, with trunk dropout after each one when training. */
export function runTrunkLayers(
  encoder: Encoder,
  h: tf.Tensor3D,
  mask: tf.Tensor2D,
  from: number,
  to: number,
  dropout?: TrainingDropout,
): tf.Tensor3D {
  if (!dropout || dropout.trunk <= 0) return runLayers(encoder, h, mask, from, to);
  let out = h;
  for (let l = from; l < to; l++) out = trunkDropout(encoder.layer(l, out, mask), dropout, l + 1);
  return out;
}

function createEncoder(kind: EncoderKind, params: ParamSet, options: EncoderOptions, range: LayerRange): Encoder {
  switch (kind) {
    case 'cnn':
      return new CnnEncoder(params, options, range);
    case 'bigru':
      return new BiGruEncoder(params, options, range);
    case 'transformer':
      return new TransformerEncoder(params, options, range);
  }
}

/** A trunk of the spec's architecture holding encoder layers `range` (and the token embedding when the range starts at layer 0). */
export function createTrunk(s: ModelSpec, name: string, random: Random, range: LayerRange): Trunk {
  const params = new ParamSet(random);
  const embeddingOptions = {
    ...tokenInputs(s),
    vocabSize: s.vocabSize,
    embeddingDim: s.embeddingDim,
  } as const;
  const embedding = range.from === 0 ? new TokenEmbedding(params, embeddingOptions) : null;
  const encoder = createEncoder(
    s.encoder,
    params,
    {
      inputSize: embedding?.outputSize ?? TokenEmbedding.outputSizeOf(embeddingOptions),
      hiddenSize: s.hiddenSize,
      layers: s.encoderLayers,
      kernelSize: s.kernelSize,
      attentionHeads: s.attentionHeads,
      normalise: s.encoderNorm === true,
    },
    range,
  );
  return { name, params, embedding, encoder };
}
