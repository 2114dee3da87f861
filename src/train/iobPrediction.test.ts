import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { iobScheme, followsScheme } from '../metrics/iobDecoding';
import { tinyData, tinyExperiment, useCpuBackend } from '../testing/toy';
import { evaluateTask, predictIds } from './evaluate';
import { LoadedModel } from './predictor';
import { TrainingSession } from './session';
import { taskScheme } from './session/evaluation';

beforeAll(useCpuBackend);

/** A session over the samples, trained 2 steps, whose NER head is pushed towards I-PER (and B-PER next) everywhere. */
async function skewedSession() {
  const config = tinyExperiment({ steps: 2, evalEvery: 2 });
  const data = tinyData(config);
  const session = new TrainingSession(config, data, () => undefined);
  await session.run();
  const ner = data.tasks.find((t) => t.spec.name === 'ner');
  if (!ner) throw new Error('the samples have NER');
  const bias = session.model.namedWeights().get('head:ner/output/bias') as tf.Variable;
  tf.tidy(() => bias.assign(tf.tensor1d(ner.labels.map((l) => (l === 'I-PER' ? 30 : l === 'B-PER' ? 20 : 0)))));
  return { session, data, ner };
}

describe('entity tags decoded as well-formed IOB2 sequences', () => {
  it('applies to a task with IOB2 tags only, and travels with an exported model', async () => {
    const { session, data } = await skewedSession();
    expect(data.tasks.map((t) => taskScheme(t) !== null)).toEqual(data.tasks.map((t) => t.spec.name === 'ner'));
    const artifacts = await session.exportModel();
    expect(artifacts.modelJson.tasks.map((t) => [t.name, t.decoding])).toEqual(
      data.tasks.map((t) => [t.spec.name, t.spec.name === 'ner' ? 'iob2' : undefined]),
    );
    session.dispose();
  });

  it('scores and predicts sequences that keep the scheme where token-by-token argmax would not', async () => {
    const { session, ner } = await skewedSession();
    const scheme = iobScheme(ner.labels);
    if (!scheme) throw new Error('NER has IOB2 labels');
    const base = { name: 'ner', kind: ner.kind, labels: ner.labels };
    const before = tf.memory().numTensors;
    const plain = await predictIds(session.model, base, ner.splits.test);
    const decoded = await predictIds(session.model, { ...base, scheme }, ner.splits.test);
    expect(tf.memory().numTensors).toBe(before);
    // Token by token every tag is I-PER, which no IOB2 sentence starts with; decoded, each sentence is one B-PER I-PER… entity.
    const iPer = ner.labels.indexOf('I-PER');
    const bPer = ner.labels.indexOf('B-PER');
    expect(plain.predictions.every((p) => p.every((id) => id === iPer))).toBe(true);
    expect(decoded.predictions.every((p) => p[0] === bPer && p.slice(1).every((id) => id === iPer))).toBe(true);
    expect(followsScheme(scheme, decoded.predictions)).toBe(true);
    expect(decoded.loss).toBeCloseTo(plain.loss, 5);
    const scored = await evaluateTask(session.model, { ...base, scheme }, ner.splits.test, ner.gold.test);
    expect(scored.metrics.f1).toBeDefined();
    const typed = await session.predict('Maria Lopez visited the old harbour in Lisbon today.');
    const tags = typed.tasks.ner?.kind === 'tagging' ? typed.tasks.ner.tags : [];
    expect(tags[0]).toBe('B-PER');
    expect(tags.slice(1).every((t) => t === 'I-PER')).toBe(true);
    expect(followsScheme(scheme, [tags.map((t) => ner.labels.indexOf(t))])).toBe(true);
    // A model loaded back from its files predicts the same.
    const loaded = LoadedModel.load(await session.exportModel());
    expect((await loaded.predict('Maria Lopez visited the old harbour in Lisbon today.')).tasks.ner).toEqual(
      typed.tasks.ner,
    );
    loaded.dispose();
    session.dispose();
  });
});
