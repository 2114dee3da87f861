import * as tf from '../tf';
import { tokenize } from '../data/tokenize';
import { TokenEncoder } from '../data/tokenFeatures';
import { Vocabulary } from '../data/vocabulary';
import type { TaskKind } from '../data/types';
import { MtlModel, type ModelSpec } from '../model/mtlModel';
import { tokenInputs } from '../model/spec';
import { iobScheme, viterbi } from '../metrics/iobDecoding';
import { EVAL_MAX_LENGTH } from './evaluate';
import type { Prediction } from './events';

/** A task as prediction needs it: its output labels, and how its tags are decoded. */
export interface OutputTask {
  readonly name: string;
  readonly kind: TaskKind;
  readonly labels: readonly string[];
  /** `iob2`: entity tags are decoded as well-formed sequences (src/metrics/iobDecoding.ts); absent: each token's most likely tag. */
  readonly decoding?: 'iob2';
}

export const MODEL_FORMAT = 'mtl-playground-model';

/**
 * A trained model in the TensorFlow.js weights format: `model.json` holds a
 * weightsManifest (names, shapes, dtypes; paths → weights.bin) plus what this
 * model needs besides weights (architecture, vocabulary, label sets).
 */
export interface ModelArtifacts {
  readonly modelJson: {
    readonly format: typeof MODEL_FORMAT;
    readonly formatVersion: 1;
    readonly generatedBy: string;
    readonly weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    readonly spec: ModelSpec;
    readonly vocabulary: { readonly tokens: readonly string[]; readonly lowercase: boolean };
    readonly tasks: readonly OutputTask[];
  };
  readonly weights: ArrayBuffer;
  /**
   * The weights the run started from (the seed's initialisation, or a fine-tuned run's encoder), in the
   * same manifest: the PyTorch export's train.py --fresh starts where the browser's run did.
   */
  readonly initialWeights?: ArrayBuffer;
  /** Parameter groups the run did not train (a fine-tuned run's frozen encoder, `trunk:shared`). */
  readonly frozen?: readonly string[];
}

function argMax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++)
    if ((values[offset + i] ?? -Infinity) > (values[offset + best] ?? -Infinity)) best = i;
  return best;
}

/** Every labelled task's output for a typed sentence, read back from the device once. */
export async function predict(
  model: MtlModel,
  vocabulary: Vocabulary,
  allTasks: readonly OutputTask[],
  text: string,
): Promise<Prediction> {
  // A language-model helper has no answer to show for a typed sentence: it trains the encoder.
  const tasks = allTasks.filter((t) => model.lossKind(t.name) !== 'language-model');
  const tokens = tokenize(text).slice(0, EVAL_MAX_LENGTH);
  const out: Record<string, Prediction['tasks'][string]> = {};
  if (tokens.length === 0) return { tokens, tasks: out };
  const { representation, affixRows, suffixes } = tokenInputs(model.spec);
  const ids = new TokenEncoder(representation, vocabulary, affixRows, suffixes).encode(tokens);
  const packed = tf.tidy(() => {
    const idT = tf.tensor2d(ids, [1, ids.length], 'int32');
    const mask = tf.ones([1, tokens.length]) as tf.Tensor2D;
    // Tags as log-probabilities (what the decoding adds up, as evaluation does); a class as probabilities (shown).
    const scores = (task: OutputTask) => {
      const logits = model.forward(task.name, idT, mask);
      return task.kind === 'classification' ? tf.softmax(logits) : tf.logSoftmax(logits);
    };
    return tf.concat(tasks.map((task) => tf.reshape(scores(task), [-1])));
  });
  const all = await packed.data();
  packed.dispose();
  let offset = 0;
  for (const task of tasks) {
    const c = task.labels.length;
    const size = task.kind === 'classification' ? c : c * tokens.length;
    const values = all.subarray(offset, offset + size);
    offset += size;
    if (task.kind === 'classification') {
      const probabilities: Record<string, number> = {};
      task.labels.forEach((l, i) => (probabilities[l] = values[i] ?? 0));
      const best = argMax(values, 0, c);
      out[task.name] = {
        kind: 'classification',
        label: task.labels[best] ?? '',
        probability: values[best] ?? 0,
        probabilities,
      };
    } else {
      const scheme = task.decoding === 'iob2' ? iobScheme(task.labels) : null;
      const ids = scheme ? viterbi(scheme, values, tokens.length) : tokens.map((_, i) => argMax(values, i * c, c));
      out[task.name] = { kind: 'tagging', tags: Array.from(ids, (id) => task.labels[id] ?? 'O') };
    }
  }
  return { tokens, tasks: out };
}

export async function exportModel(
  model: MtlModel,
  vocabulary: Vocabulary,
  tasks: readonly OutputTask[],
): Promise<ModelArtifacts> {
  const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(model.namedWeights()));
  return {
    modelJson: {
      format: MODEL_FORMAT,
      formatVersion: 1,
      generatedBy: `MTL Playground, TensorFlow.js ${tf.version_core}`,
      weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
      spec: model.spec,
      vocabulary: { tokens: vocabulary.tokens, lowercase: vocabulary.lowercase },
      tasks,
    },
    weights: data,
  };
}

/** A model loaded from exported files: it predicts, it does not train. */
export class LoadedModel {
  private constructor(
    readonly model: MtlModel,
    readonly vocabulary: Vocabulary,
    readonly tasks: readonly OutputTask[],
  ) {}

  /** Checks the files and builds the model; throws an Error saying what does not fit. */
  static load(artifacts: ModelArtifacts): LoadedModel {
    const json = artifacts.modelJson as Partial<ModelArtifacts['modelJson']>;
    if (json.format !== MODEL_FORMAT)
      throw new Error(`model.json is not an MTL Playground model (format "${MODEL_FORMAT}")`);
    if (!json.spec || !json.vocabulary || !json.tasks || !json.weightsManifest)
      throw new Error('model.json lacks its spec, vocabulary, tasks or weights manifest');
    const specs = json.weightsManifest.flatMap((group) => group.weights);
    const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
    if (artifacts.weights.byteLength !== expected)
      throw new Error(`weights.bin has ${artifacts.weights.byteLength} bytes; model.json describes ${expected}`);
    const model = new MtlModel(json.spec, 0);
    try {
      const weights = tf.io.decodeWeights(artifacts.weights, specs);
      try {
        model.assignWeights(weights);
      } finally {
        Object.values(weights).forEach((t) => t.dispose());
      }
    } catch (err) {
      model.dispose();
      throw err;
    }
    return new LoadedModel(model, Vocabulary.fromTokens(json.vocabulary.tokens, json.vocabulary.lowercase), json.tasks);
  }

  predict(text: string): Promise<Prediction> {
    return predict(this.model, this.vocabulary, this.tasks, text);
  }

  dispose(): void {
    this.model.dispose();
  }
}
