import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { Vocabulary } from '../data/vocabulary';
import { prepareData, type PreparedTask } from '../data/prepare';
import { explodeNextLearningRate } from '../testing/faults';
import { SAMPLE_FILES, tinyData, tinyExperiment, useCpuBackend } from '../testing/toy';
import type { TrainingEvent } from './events';
import { evaluateTask } from './evaluate';
import { TrainingSession } from './session';

beforeAll(useCpuBackend);

/** Waits, a millisecond at a time, for the session (training in this thread) to reach a state. */
async function waitFor(pred: () => boolean): Promise<void> {
  while (!pred()) await new Promise((r) => setTimeout(r, 1));
}

function start(overrides: Record<string, unknown> = {}) {
  const config = tinyExperiment(overrides);
  const events: TrainingEvent[] = [];
  const session = new TrainingSession(config, tinyData(config), (e) => events.push(e));
  return { session, events };
}

describe('TrainingSession', () => {
  it('streams losses every k steps, validates every N, then reports test metrics', async () => {
    const { session, events } = start({ steps: 20, emitEvery: 5, evalEvery: 10 });
    const result = await session.run();
    const types = events.map((e) => e.type).filter((t) => t !== 'state' && t !== 'checkpoint');
    expect(types).toEqual([
      'prepared',
      'progress',
      'progress',
      'validation',
      'progress',
      'progress',
      'validation',
      'done',
    ]);
    const steps = events.flatMap((e) => (e.type === 'progress' ? e.points.map((p) => p.step) : []));
    expect(steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // The phases, for the page's progress line: each validation between 'validating' and 'training', the final scores in 'evaluating'.
    const phases = events.flatMap((e) =>
      e.type === 'state' ? [e.state] : e.type === 'validation' || e.type === 'done' ? [e.type] : [],
    );
    expect(phases).toEqual([
      'training',
      'validating',
      'validation',
      'training',
      'validating',
      'validation',
      'training',
      'evaluating',
      'finished',
      'done',
    ]);
    const points = events.flatMap((e) => (e.type === 'progress' ? e.points : []));
    expect(points.every((p) => ['sentiment', 'ner', 'pos'].every((t) => Number.isFinite(p.losses[t])))).toBe(true);
    expect(result.reason).toBe('completed');
    expect(Object.keys(result.test).sort()).toEqual(['ner', 'pos', 'sentiment']);
    expect(result.test.ner?.f1).toBeGreaterThanOrEqual(0);
    expect(result.test.sentiment?.macroF1).toBeGreaterThanOrEqual(0);
    expect(result.bestStep).not.toBeNull();
    session.dispose();
  });

  it('stops early when the weighted validation metric stops improving, and restores the best weights', async () => {
    // A learning rate this large makes the validation metrics worse quickly after the first check.
    const { session, events } = start({ steps: 400, evalEvery: 2, emitEvery: 2, patience: 2, learningRate: 3 });
    const result = await session.run();
    const validations = events.flatMap((e) => (e.type === 'validation' ? [e.point] : []));
    // All weights are 1: the score is the mean of the headline metrics (F1 for NER, accuracy otherwise); the first best is kept.
    const score = (v: (typeof validations)[number]) =>
      ((v.metrics.ner?.f1 ?? 0) + (v.metrics.pos?.accuracy ?? 0) + (v.metrics.sentiment?.accuracy ?? 0)) / 3;
    const best = validations.reduce((a, b) => (score(b) > score(a) ? b : a));
    expect(validations.filter((v) => v.improved).at(-1)?.step).toBe(best.step);
    expect(['early-stopped', 'diverged']).toContain(result.reason);
    expect(result.steps).toBeLessThan(400);
    expect(result.bestStep).toBe(best.step);
    session.dispose();
  });

  it('pauses, resumes and stops; weights change between steps', async () => {
    const { session, events } = start({ steps: 10_000, emitEvery: 1, evalEvery: 10_000 });
    const done = session.run();
    const waitForStep = async (n: number) => {
      while (!events.some((e) => e.type === 'progress' && e.points.some((p) => p.step >= n)))
        await new Promise((r) => setTimeout(r, 1));
    };
    await waitForStep(2);
    session.pause();
    while (session.currentState !== 'paused') await new Promise((r) => setTimeout(r, 5));
    // Once 'paused' is reported, no more points come.
    const pausedAt = events.filter((e) => e.type === 'progress').length;
    await new Promise((r) => setTimeout(r, 200));
    expect(events.filter((e) => e.type === 'progress').length).toBe(pausedAt);
    session.setWeights({ sentiment: 2, ner: 0.5, pos: 1 });
    expect(() => session.setWeights({ sentiment: -1 })).toThrowError(/must be a number ≥ 0/);
    session.resume();
    await waitForStep(6);
    session.stop();
    const result = await done;
    expect(result.reason).toBe('stopped');
    const last = events.flatMap((e) => (e.type === 'progress' ? e.points : [])).at(-1);
    expect(last?.total).toBeCloseTo(
      2 * (last?.losses.sentiment ?? 0) + 0.5 * (last?.losses.ner ?? 0) + (last?.losses.pos ?? 0),
      4,
    );
    session.dispose();
  });

  it('Step trains exactly one step before the first one and from a pause, and each step is reported at once', async () => {
    // emitEvery 50: a point is sent at each Step all the same, so a class sees every update.
    const { session, events } = start({ steps: 10_000, emitEvery: 50, evalEvery: 10_000 });
    const steps = () => events.flatMap((e) => (e.type === 'progress' ? e.points.map((p) => p.step) : []));
    session.step();
    const done = session.run();
    await waitFor(() => session.currentState === 'paused');
    expect(steps()).toEqual([1]);
    for (const n of [2, 3, 4]) {
      session.step();
      await waitFor(() => steps().length === n && session.currentState === 'paused');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(steps()).toEqual([1, 2, 3, 4]);
    const last = events.flatMap((e) => (e.type === 'progress' ? e.points : [])).at(-1);
    expect(Object.keys(last?.losses ?? {}).sort()).toEqual(['ner', 'pos', 'sentiment']);
    // Resume after Steps trains freely again.
    session.resume();
    await waitFor(() => session.currentState === 'training');
    await new Promise((r) => setTimeout(r, 300));
    session.stop();
    const result = await done;
    expect(result.reason).toBe('stopped');
    expect(result.steps).toBeGreaterThan(5);
    session.dispose();
  });

  it('predicts every task for a typed sentence, and leaks no tensors doing so', async () => {
    const { session } = start({ steps: 5 });
    await session.run();
    const before = tf.memory().numTensors;
    const p = await session.predict("Maria Lopez didn't like Lisbon.");
    expect(tf.memory().numTensors).toBe(before);
    expect(p.tokens).toEqual(['Maria', 'Lopez', 'did', "n't", 'like', 'Lisbon', '.']);
    expect(p.tasks.sentiment).toMatchObject({ kind: 'classification' });
    const pos = p.tasks.pos;
    expect(pos?.kind === 'tagging' && pos.tags.length).toBe(7);
    session.dispose();
  });

  it('word dropout is off at evaluation: with α = 10 (most training words dropped) predictions and test scores repeat exactly', async () => {
    const config = tinyExperiment({ steps: 4, wordDropout: 10, representation: 'word' });
    const data = tinyData(config);
    const session = new TrainingSession(config, data, () => undefined);
    const result = await session.run();
    const sentence = 'Maria Lopez visited Lisbon on Monday .';
    expect(await session.predict(sentence)).toEqual(await session.predict(sentence));
    const pos = data.tasks.find((t) => t.spec.name === 'pos') as PreparedTask;
    const again = await evaluateTask(
      session.model,
      { name: 'pos', kind: 'tagging', labels: pos.labels },
      pos.splits.test,
      pos.gold.test,
    );
    expect(again.metrics.accuracy).toBe(result.test.pos?.accuracy);
    session.dispose();
  });

  it('a loss that turns NaN pauses the run, names the task, goes back to the last good weights, and Resume goes on', async () => {
    const { session, events } = start({ steps: 10_000, emitEvery: 1, evalEvery: 10_000 });
    const done = session.run();
    await waitFor(() => events.some((e) => e.type === 'progress' && e.points.some((p) => p.step >= 3)));
    // Poison NER's output layer between two steps: its next loss is NaN.
    const bias = session.model.head('ner').params.get('output/bias');
    bias.assign(tf.fill(bias.shape, NaN));
    await waitFor(() => session.currentState === 'paused');
    const diverged = events.find((e) => e.type === 'diverged');
    expect(diverged?.type === 'diverged' && diverged.task).toBe('ner');
    expect(diverged?.type === 'diverged' && diverged.message).toMatch(
      /the loss of task "ner" is not a finite number at step \d+.*paused.*back to step 0.*lower the learning rate/,
    );
    expect(Array.from(await bias.data()).every(Number.isFinite)).toBe(true);
    expect(() => session.setLearningRate(-1)).toThrowError(/"learningRate" must be between/);
    session.setLearningRate(0.001);
    const seen = events.length;
    session.resume();
    await waitFor(() => events.slice(seen).filter((e) => e.type === 'progress').length >= 3);
    const after = events.slice(seen).flatMap((e) => (e.type === 'progress' ? e.points : []));
    expect(after.every((p) => Number.isFinite(p.losses.ner) && Number.isFinite(p.total))).toBe(true);
    session.stop();
    const result = await done;
    expect(result.reason).toBe('stopped');
    expect(Object.keys(result.test).sort()).toEqual(['ner', 'pos', 'sentiment']);
    session.dispose();
  });

  it('a learning rate far too large makes the loss NaN; after the pause Adam restarts with the chosen rate, so Resume alone goes on', async () => {
    const { session, events } = start({ steps: 400, emitEvery: 1, evalEvery: 1000 });
    const done = session.run();
    await waitFor(() => events.some((e) => e.type === 'progress' && e.points.some((p) => p.step >= 2)));
    explodeNextLearningRate();
    await waitFor(() => session.currentState === 'paused');
    const diverged = events.find((e) => e.type === 'diverged');
    expect(diverged?.type === 'diverged' && diverged.message).toMatch(/not a finite number/);
    for (const [, w] of session.model.namedWeights())
      expect(Array.from(await w.data()).every(Number.isFinite)).toBe(true);
    const seen = events.length;
    session.resume();
    await waitFor(() => events.slice(seen).filter((e) => e.type === 'progress').length >= 3);
    const after = events.slice(seen).flatMap((e) => (e.type === 'progress' ? e.points : []));
    expect(after.every((p) => Number.isFinite(p.total))).toBe(true);
    expect(events.filter((e) => e.type === 'diverged')).toHaveLength(1);
    session.stop();
    await done;
    session.dispose();
  });

  it('sends checkpoints, and a new session continues from one with the same weights and step count', async () => {
    const { session, events } = start({ steps: 60, emitEvery: 10, evalEvery: 1000 });
    await session.run();
    const checkpoints = events.flatMap((e) => (e.type === 'checkpoint' ? [e.checkpoint] : []));
    // Every 50 steps, and the final weights with the vocabulary.
    expect(checkpoints.map((c) => c.step)).toEqual([0, 50, 60]);
    expect(checkpoints[1]?.vocabulary).toBeUndefined();
    expect(checkpoints[2]?.vocabulary?.tokens.length).toBeGreaterThan(10);
    const at50 = checkpoints[1]!;
    expect(at50.examples).toBe(50 * 3 * 8);
    const config = tinyExperiment({ steps: 60, emitEvery: 10, evalEvery: 1000 });
    const resumedEvents: TrainingEvent[] = [];
    const resumed = new TrainingSession(config, tinyData(config), (e) => resumedEvents.push(e), at50);
    const weights = tf.io.decodeWeights(at50.weights, at50.specs as tf.io.WeightsManifestEntry[]);
    for (const [name, v] of resumed.model.namedWeights())
      expect(Array.from(await v.data())).toEqual(Array.from(await weights[name]!.data()));
    await resumed.run();
    const points = resumedEvents.flatMap((e) => (e.type === 'progress' ? e.points : []));
    expect(points[0]).toMatchObject({ step: 51, examples: 51 * 3 * 8 });
    expect(points.at(-1)?.step).toBe(60);
    session.dispose();
    resumed.dispose();
  });

  it("fine-tunes a new task from a finished run's shared encoder: same vocabulary, encoder weights copied, frozen or trainable", async () => {
    const { session, events } = start({
      tasks: [
        { name: 'ner', kind: 'tagging', format: 'iob2' },
        { name: 'pos', kind: 'tagging', format: 'conllu' },
      ],
      steps: 20,
      emitEvery: 10,
      evalEvery: 1000,
    });
    await session.run();
    session.dispose();
    const final = events.flatMap((e) => (e.type === 'checkpoint' ? [e.checkpoint] : [])).at(-1)!;
    const source = tf.io.decodeWeights(final.weights, final.specs as tf.io.WeightsManifestEntry[]);
    const fineTune = async (freeze: boolean) => {
      const config = tinyExperiment({
        tasks: [{ name: 'sentiment', kind: 'classification', format: 'tsv' }],
        steps: 10,
        emitEvery: 5,
        evalEvery: 1000,
      });
      const vocabulary = Vocabulary.fromTokens(final.vocabulary!.tokens, final.vocabulary!.lowercase);
      const data = prepareData(config, SAMPLE_FILES, vocabulary);
      expect(data.vocabulary.tokens).toEqual(final.vocabulary!.tokens);
      const tuned = new TrainingSession(config, data, () => undefined, null, { from: final, freeze });
      const encoder = () => [...tuned.model.namedWeights()].filter(([n]) => n.startsWith('trunk:shared/'));
      for (const [name, v] of encoder())
        expect(Array.from(await v.data()), name).toEqual(Array.from(await source[name]!.data()));
      const head = tuned.model.namedWeights().get('head:sentiment/output/kernel')!;
      const headBefore = Array.from(await head.data());
      await tuned.run();
      const unchanged = await Promise.all(
        encoder().map(async ([name, v]) =>
          Array.from(await v.data()).every((x, i) => x === source[name]!.dataSync()[i]),
        ),
      );
      expect(Array.from(await head.data())).not.toEqual(headBefore);
      tuned.dispose();
      return unchanged.every(Boolean);
    };
    expect(await fineTune(true)).toBe(true);
    expect(await fineTune(false)).toBe(false);
    Object.values(source).forEach((t) => t.dispose());
  });

  it('refuses to fine-tune into a different encoder, saying what differs', async () => {
    const { session, events } = start({ steps: 5, emitEvery: 5, evalEvery: 1000 });
    await session.run();
    session.dispose();
    const final = events.flatMap((e) => (e.type === 'checkpoint' ? [e.checkpoint] : [])).at(-1)!;
    const config = tinyExperiment({ hiddenSize: 12, steps: 5 });
    const data = prepareData(config, SAMPLE_FILES, Vocabulary.fromTokens(final.vocabulary!.tokens, true));
    expect(() => new TrainingSession(config, data, () => undefined, null, { from: final, freeze: true })).toThrow(
      /conv0\/kernel is 24×8, this run's is 24×12/,
    );
  });
});
