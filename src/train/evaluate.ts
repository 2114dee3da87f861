import * as tf from '../tf';
import { evaluationBatches, tokenCount, type EncodedExample } from '../data/batching';
import type { LabelledText, TaggedSentence, TaskKind } from '../data/types';
import { viterbi, type IobScheme } from '../metrics/iobDecoding';
import { classificationMetrics, taggingMetrics, type TaskMetrics } from '../metrics/taskMetrics';
import type { MtlModel } from '../model/mtlModel';
import { batchTensors, crossEntropySum, languageModelTargets, splitLanguageModelLogits } from './loss';

/** Evaluation pads up to this length; longer sentences are cut (their cut tokens count as errors). */
export const EVAL_MAX_LENGTH = 256;
const EVAL_BATCH = 64;

export interface EvaluationTask {
  readonly name: string;
  readonly kind: TaskKind;
  readonly labels: readonly string[];
  /** A language-model helper: scored by how often it predicts the next and previous word's class. */
  readonly languageModel?: boolean;
  /** Entity tags decoded as well-formed sequences (src/metrics/iobDecoding.ts) instead of token by token. */
  readonly scheme?: IobScheme | null;
}

export interface Evaluation {
  /** Mean cross-entropy, normalised as in training (per token or per example). */
  readonly loss: number;
  readonly metrics: TaskMetrics;
}

/** Label ids predicted for every example: one per token (tagging) or one per text. */
export async function predictIds(
  model: MtlModel,
  task: EvaluationTask,
  examples: readonly EncodedExample[],
): Promise<{ predictions: Int32Array[]; loss: number }> {
  const predictions = new Array<Int32Array>(examples.length);
  let lossSum = 0;
  let count = 0;
  const k = model.idsPerToken;
  const scheme = task.kind === 'tagging' ? (task.scheme ?? null) : null;
  for (const { batch, indices } of evaluationBatches(examples, EVAL_BATCH, EVAL_MAX_LENGTH, k)) {
    // One readback per batch: [loss sum, term count, argmax ids…], or the log-probabilities when a scheme decodes them.
    const packed = tf.tidy(() => {
      const tensors = batchTensors(batch, task.kind);
      const logits = model.forward(task.name, tensors.ids, tensors.mask);
      const { sum, count: n } = crossEntropySum(logits, tensors.targets, tensors.mask, task.kind);
      const outputs = scheme ? tf.logSoftmax(logits) : tf.cast(tf.argMax(logits, -1), 'float32');
      return tf.concat([tf.stack([sum, n]), tf.reshape(outputs, [-1])]);
    });
    const values = await packed.data();
    packed.dispose();
    lossSum += values[0] ?? 0;
    count += values[1] ?? 0;
    indices.forEach((exampleIndex, row) => {
      const example = examples[exampleIndex] as EncodedExample;
      if (task.kind === 'classification') {
        predictions[exampleIndex] = Int32Array.of(values[2 + row] ?? 0);
        return;
      }
      const out = new Int32Array(tokenCount(example, k)).fill(-1);
      const n = Math.min(out.length, batch.length);
      if (scheme) out.set(viterbi(scheme, values, n, 2 + row * batch.length * scheme.labels));
      else for (let i = 0; i < n; i++) out[i] = values[2 + row * batch.length + i] ?? -1;
      predictions[exampleIndex] = out;
    });
  }
  return { predictions, loss: count === 0 ? 0 : lossSum / count };
}

export async function evaluateTask(
  model: MtlModel,
  task: EvaluationTask,
  examples: readonly EncodedExample[],
  gold: readonly (TaggedSentence | LabelledText)[],
): Promise<Evaluation> {
  if (task.languageModel) return evaluateLanguageModel(model, task, examples);
  const { predictions, loss } = await predictIds(model, task, examples);
  if (task.kind === 'classification') {
    const goldIds = Int32Array.from(examples, (e) => e.target as number);
    const predIds = Int32Array.from(predictions, (p) => p[0] ?? -1);
    return { loss, metrics: classificationMetrics(goldIds, predIds, task.labels) };
  }
  const goldTags = gold.map((g) => ('tags' in g ? g.tags : []));
  const predTags = predictions.map((p) => Array.from(p, (id) => task.labels[id] ?? 'O'));
  return { loss, metrics: taggingMetrics(goldTags, predTags, task.labels) };
}

/**
 * A language-model helper's loss and accuracy: the share of next and
 * previous words (both directions together, as the loss counts them) whose
 * class it ranks first. No per-label table: its labels are a thousand words.
 */
async function evaluateLanguageModel(
  model: MtlModel,
  task: EvaluationTask,
  examples: readonly EncodedExample[],
): Promise<Evaluation> {
  const totals = [0, 0, 0];
  for (const { batch } of evaluationBatches(examples, EVAL_BATCH, EVAL_MAX_LENGTH, model.idsPerToken)) {
    // One readback per batch: [loss sum, term count, correct]; the loss counts the same terms as the accuracy.
    const packed = tf.tidy(() => {
      const tensors = batchTensors(batch, 'tagging');
      const logits = model.forward(task.name, tensors.ids, tensors.mask);
      const { sum, count } = crossEntropySum(logits, tensors.targets, tensors.mask, 'language-model');
      const t = languageModelTargets(tensors.targets as tf.Tensor2D, tensors.mask);
      const [next, previous] = splitLanguageModelLogits(logits);
      const hits = (l: tf.Tensor3D, target: tf.Tensor2D, mask: tf.Tensor2D) =>
        tf.sum(tf.mul(tf.cast(tf.equal(tf.argMax(l, -1), target), 'float32'), mask));
      const correct = tf.add(hits(next, t.next, t.nextMask), hits(previous, t.previous, t.previousMask));
      return tf.stack([sum, count, correct]);
    });
    const values = await packed.data();
    packed.dispose();
    values.forEach((v, i) => (totals[i] = (totals[i] ?? 0) + v));
  }
  const [lossSum = 0, count = 0, correct = 0] = totals;
  return { loss: count === 0 ? 0 : lossSum / count, metrics: { accuracy: count === 0 ? 0 : correct / count } };
}
