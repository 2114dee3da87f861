import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/experiment';
import { EXPERIMENT_FIELDS } from '../config/fields';
import { ConfigError, validateWeights } from '../config/validate';
import { BatchSampler, type Batch } from '../data/batching';
import type { PreparedData, PreparedTask } from '../data/prepare';
import { Random } from '../data/random';
import { dropWords } from '../data/wordDropout';
import { headlineMetric, type TaskMetrics } from '../metrics/taskMetrics';
import { MtlModel, modelSpecFor, SHARED_TRUNK, type ModelTask } from '../model/mtlModel';
import { evaluateTask } from './evaluate';
import { learningRateFactor } from './learningRate';
import { exportModel, predict, type ModelArtifacts, type OutputTask } from './predictor';
import type { Checkpoint, FineTune, LossPoint, Prediction, RunEnd, RunResult, SessionState, TrainingEvent } from './events';
import { BalancedTrainer, stepRowLayout } from './balancedTrainer';
import { pairNames, TaskScheduler } from './weighting';

/** The loss of a task became NaN or infinite. */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';
  /** `task` is null when only the weighted total (with the soft-sharing penalty) broke. */
  constructor(readonly task: string | null, readonly step: number) {
    const what = task === null ? 'the weighted total loss' : `the loss of task "${task}"`;
    super(`${what} is not a finite number at step ${step}: training diverged. Try a smaller learning rate.`);
  }
}

const now = () => performance.now();
/** Lets queued messages (pause, new weights, predict) run between steps. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs one experiment: the training loop with pause/resume/stop, live weight
 * changes, periodic validation with early stopping, and a final test
 * evaluation on the restored best weights. Reports through `emit`; never
 * touches the DOM, so it runs in a worker and in Node alike.
 */
export class TrainingSession {
  readonly model: MtlModel;
  private readonly trainer: BalancedTrainer;
  private readonly samplers: Map<string, BatchSampler>;
  private readonly scheduler: TaskScheduler;
  private readonly pairs: string[];
  private weights: Record<string, number>;
  private state: SessionState = 'preparing';
  private stopRequested = false;
  private pauseRequested = false;
  private resumeWaiter: (() => void) | null = null;
  private best: { step: number; score: number; weights: Map<string, tf.Tensor> } | null = null;
  /** The last weights whose losses were all finite: where a diverged run goes back to. */
  private lastGood: { step: number; weights: Map<string, tf.Tensor> } | null = null;
  private stepsDone = 0;
  /** The dev examples validation scores during training: a fixed seeded sample of each task's split. */
  private readonly validationSets: Map<string, { examples: PreparedTask['splits']['valid']; gold: PreparedTask['gold']['valid'] }>;
  private validationMs = 0;
  /** Word dropout's draws, seeded apart from the batch order. */
  private readonly wordDropoutRandom: Random;
  /** The learning rate the user chose: a diverged run's Adam restarts with it. */
  private learningRate: number;

  constructor(
    private readonly config: ExperimentConfig,
    private readonly data: PreparedData,
    private readonly emit: (event: TrainingEvent) => void,
    /** Continue from this checkpoint (same experiment) instead of from the seed's initial weights. */
    private readonly resumeFrom: Checkpoint | null = null,
    /** Start from another run's shared encoder (prepare the data with its vocabulary). */
    fineTune: FineTune | null = null,
  ) {
    this.weights = { ...config.weights };
    this.model = new MtlModel(modelSpecFor(config, data.vocabulary.size, modelTasks(data)), config.seed);
    if (fineTune) {
      try {
        loadSharedEncoder(this.model, fineTune.from);
      } catch (err) {
        this.model.dispose();
        throw err;
      }
      if (fineTune.freeze) this.model.freeze(`trunk:${SHARED_TRUNK}`);
    }
    if (resumeFrom) {
      const values = tf.io.decodeWeights(resumeFrom.weights, resumeFrom.specs as tf.io.WeightsManifestEntry[]);
      try {
        this.model.assignWeights(values);
      } finally {
        Object.values(values).forEach((t) => t.dispose());
      }
    }
    // DWA's "epoch": a window of steps long enough to average noisy batch losses.
    const dwaWindow = Math.max(20, config.emitEvery * 4);
    this.learningRate = config.learningRate;
    this.trainer = new BalancedTrainer(this.model, { learningRate: config.learningRate, clipNorm: config.clipNorm, lambda: config.lambda, headDropout: config.headDropout, dropout: config.trunkDropout, headDecay: config.headDecay }, config, dwaWindow);
    this.scheduler = new TaskScheduler(config.schedule, data.tasks.map((t) => t.splits.train.length), config.scheduleTemperature, config.seed + 7);
    this.pairs = pairNames(data.tasks.map((t) => t.spec.name));
    this.wordDropoutRandom = new Random(config.seed * 7 + 3);
    this.validationSets = new Map(data.tasks.map((t) => [t.spec.name, validationSample(t, config.validationSample, config.seed)]));
    this.samplers = new Map(
      data.tasks.map((t, i) => [t.spec.name, new BatchSampler(t.splits.train, config.batchSize, config.maxLength, new Random(config.seed * 31 + 17 + i), data.tokenEncoder.idsPerToken)]),
    );
    emit({
      type: 'prepared',
      tasks: data.tasks.map((t) => ({
        name: t.spec.name,
        kind: t.kind,
        labels: t.labels,
        train: t.splits.train.length,
        valid: t.splits.valid.length,
        test: t.splits.test.length,
      })),
      vocabularySize: data.vocabulary.size,
      parameterCount: this.model.parameterCount,
      encoders: this.model.trunks.size,
    });
  }

  get currentState(): SessionState {
    return this.state;
  }

  get currentWeights(): Readonly<Record<string, number>> {
    return this.weights;
  }

  /** Takes effect between steps, after the losses computed so far are sent: 'paused' means no more points. */
  pause(): void {
    if (this.state === 'training') this.pauseRequested = true;
  }

  resume(): void {
    this.pauseRequested = false;
    if (this.state !== 'paused') return;
    this.setState('training');
    this.resumeWaiter?.();
    this.resumeWaiter = null;
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** New task weights; they apply from the next step. */
  setWeights(raw: unknown): void {
    this.weights = validateWeights(this.config, raw);
  }

  /** A new learning rate (e.g. after a divergence); Adam starts afresh with it. */
  setLearningRate(raw: unknown): void {
    const { min, max } = EXPERIMENT_FIELDS.learningRate;
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < min || raw > max) {
      throw new ConfigError(`"learningRate" must be between ${min} and ${max}, got ${String(raw)}`);
    }
    this.learningRate = raw;
    this.trainer.resetOptimizers(raw);
  }

  /** Keeps these weights in the worker (for a divergence) and sends them to the page (for a crash). */
  private async keepLastGood(step: number, examples: number): Promise<void> {
    this.disposeLastGood();
    this.lastGood = { step, weights: this.model.snapshot() };
    const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(this.lastGood.weights));
    this.emit({ type: 'checkpoint', checkpoint: { step, examples, weights: data, specs: specs as Checkpoint['specs'] } });
  }

  /** Waits while paused; says whether to go on (false once stop was asked for). */
  private async waitIfPaused(): Promise<boolean> {
    if (this.state === 'paused') await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
    return !this.stopRequested;
  }

  /**
   * Plain weighted training on every task uses the original one-pass step
   * (tasks with w_i = 0 still get a curve); everything else goes through the
   * balanced step. Both return a row of stepRowLayout.
   */
  private trainStep(step: number, trained: readonly number[], batches: ReadonlyMap<string, Batch>): tf.Tensor1D {
    const { weighting, schedule, interactionEvery } = this.config;
    const measure = interactionEvery > 0 && step % interactionEvery === 0;
    if (weighting === 'manual' && schedule === 'all' && !measure) {
      return tf.tidy(() => {
        const names = this.data.tasks.map((t) => t.spec.name);
        const layout = stepRowLayout(names.length);
        const row = this.trainer.step(batches, this.weights);
        return tf.concat([row, tf.tensor1d(names.map((n) => this.weights[n] ?? 0)), tf.fill([layout.pairs + names.length], NaN)]) as tf.Tensor1D;
      });
    }
    return this.trainer.balancedStep(batches, this.weights, { trained, measure });
  }

  async run(): Promise<RunResult> {
    const { steps, emitEvery, evalEvery, patience } = this.config;
    const pending: { step: number; examples: number; losses: tf.Tensor1D; trained: readonly number[] }[] = [];
    const names = this.data.tasks.map((t) => t.spec.name);
    const layout = stepRowLayout(names.length);
    const record = (row: ArrayLike<number>, from: number, keys: readonly string[]) => {
      const out: Record<string, number> = {};
      keys.forEach((k, i) => {
        const v = row[from + i];
        if (v !== undefined && Number.isFinite(v)) out[k] = v;
      });
      return Object.keys(out).length > 0 ? out : undefined;
    };
    const first = (this.resumeFrom?.step ?? 0) + 1;
    let examples = this.resumeFrom?.examples ?? 0;
    let reason: RunEnd = 'completed';
    let trainingMs = 0;
    let timedSteps = 0;
    let windowStart = now();
    let windowSteps = 0;
    let firstWindow = true;
    // A run that fits in one window has no later window to time.
    const singleWindow = steps <= emitEvery;
    let evalsWithoutGain = 0;
    const checkpointEvery = Math.max(emitEvery, 50);
    await this.keepLastGood(first - 1, examples);
    this.setState('training');

    const flush = async () => {
      if (pending.length === 0) return;
      const stacked = tf.stack(pending.map((p) => p.losses));
      const values = await stacked.data();
      stacked.dispose();
      const width = layout.width;
      const points: LossPoint[] = pending.map((p, index) => {
        const row = values.subarray(index * width, (index + 1) * width);
        const losses: Record<string, number> = {};
        // Only trained tasks have a loss at a step; an untrained one leaves a gap in its curve.
        for (const i of p.trained) losses[names[i] as string] = row[layout.losses + i] ?? NaN;
        this.trainer.balancer.observe(names.map((_, i) => row[layout.losses + i] ?? NaN));
        const weights = record(row, layout.weights, names);
        const cosines = record(row, layout.cosines, this.pairs);
        const shares = record(row, layout.shares, names);
        return {
          step: p.step,
          examples: p.examples,
          losses,
          total: row[layout.total] ?? NaN,
          ...(weights ? { weights } : {}),
          ...(cosines ? { cosines } : {}),
          ...(shares ? { shares } : {}),
          ...(p.trained.length < names.length ? { trained: p.trained.map((i) => names[i] as string) } : {}),
        };
      });
      for (const p of pending) p.losses.dispose();
      pending.length = 0;
      const elapsed = now() - windowStart;
      // The first window holds shader compilation: keep it out of the speed figure.
      if (!firstWindow || singleWindow) {
        trainingMs += elapsed;
        timedSteps += windowSteps;
      }
      firstWindow = false;
      windowSteps = 0;
      const epochs: Record<string, number> = {};
      for (const [name, s] of this.samplers) epochs[name] = s.epoch;
      this.emit({ type: 'progress', points, epochs, msPerStep: timedSteps > 0 ? trainingMs / timedSteps : elapsed / Math.max(1, points.length), validationMsPerStep: this.validationMs / Math.max(1, this.stepsDone), tensors: tf.memory().numTensors });
      for (const p of points) {
        for (const [task, loss] of Object.entries(p.losses)) {
          if (!Number.isFinite(loss)) throw new DivergenceError(task, p.step);
        }
        if (!Number.isFinite(p.total)) throw new DivergenceError(null, p.step);
      }
      const last = points.at(-1);
      if (last && this.lastGood && last.step - this.lastGood.step >= checkpointEvery) await this.keepLastGood(last.step, last.examples);
      await yieldToEventLoop();
      windowStart = now();
    };

    const divergedAt = async (err: DivergenceError) => {
      for (const p of pending) p.losses.dispose();
      pending.length = 0;
      const restored = this.lastGood as NonNullable<typeof this.lastGood>;
      this.model.restore(restored.weights);
      this.trainer.resetOptimizers(this.learningRate);
      const message = `${err.message} Training is paused and the weights are back to step ${restored.step}; lower the learning rate, then Resume.`;
      this.emit({ type: 'diverged', task: err.task, step: err.step, restoredStep: restored.step, message });
      this.pauseRequested = false;
      this.setState('paused');
    };

    for (let step = first; step <= steps; step++) {
      try {
        if (this.pauseRequested) {
          await flush();
          if (this.pauseRequested) {
            this.pauseRequested = false;
            this.setState('paused');
          }
        }
        if (!(await this.waitIfPaused())) {
          reason = 'stopped';
          break;
        }
        if (this.state === 'training' && windowSteps === 0 && pending.length === 0) windowStart = now();
        const trained = this.scheduler.next(step);
        const batches = new Map<string, Batch>();
        for (const i of trained) {
          const name = names[i] as string;
          const batch = dropWords((this.samplers.get(name) as BatchSampler).next(), this.data.wordCounts, this.config.wordDropout, this.wordDropoutRandom);
          batches.set(name, batch);
          examples += batch.size;
        }
        this.trainer.setLearningRateFactor(learningRateFactor(this.config.learningRateSchedule, this.config.warmupSteps, step, steps));
        pending.push({ step, examples, losses: this.trainStep(step, trained, batches), trained });
        this.stepsDone = step;
        windowSteps++;
        if (step % emitEvery === 0 || step === steps) await flush();
        if (step % evalEvery === 0 || step === steps) {
          await flush();
          const evalStart = now();
          const improved = await this.validate(step, examples);
          evalsWithoutGain = improved ? 0 : evalsWithoutGain + 1;
          windowStart += now() - evalStart;
          if (patience > 0 && evalsWithoutGain >= patience) {
            reason = 'early-stopped';
            break;
          }
        }
      } catch (err) {
        if (!(err instanceof DivergenceError)) {
          for (const p of pending) p.losses.dispose();
          throw err;
        }
        await divergedAt(err);
        windowSteps = 0;
      }
    }
    try {
      await flush();
    } catch (err) {
      if (!(err instanceof DivergenceError)) throw err;
      await divergedAt(err);
    }
    return this.finish(reason, timedSteps > 0 ? trainingMs / timedSteps : NaN, trainingMs / 1000, examples);
  }

  /** Validates every task; keeps a checkpoint when the weighted loss improves. */
  private async validate(step: number, examples: number): Promise<boolean> {
    const withData = this.data.tasks.filter((t) => t.splits.valid.length > 0);
    if (withData.length === 0) return true;
    const started = now();
    const losses: Record<string, number> = {};
    const metrics: Record<string, TaskMetrics> = {};
    let weightedLoss = 0;
    let weightedScore = 0;
    let weightSum = 0;
    for (const task of withData) {
      const sample = this.validationSets.get(task.spec.name) as { examples: PreparedTask['splits']['valid']; gold: PreparedTask['gold']['valid'] };
      const result = await evaluateTask(this.model, this.evalTask(task), sample.examples, sample.gold);
      losses[task.spec.name] = result.loss;
      // The curves need the summary figures; the per-label tables belong to the final result.
      const { confusion: _confusion, perLabel: _perLabel, ...summary } = result.metrics;
      metrics[task.spec.name] = summary;
      const w = this.weights[task.spec.name] ?? 0;
      weightedLoss += w * result.loss;
      weightedScore += w * headlineMetric(task.kind, result.metrics).value;
      weightSum += w;
    }
    // The checkpoint kept is the one with the best weighted metric (F1, accuracy), not the lowest loss: on small
    // data the loss rises from overconfidence long before the metric stops rising (NER on 1,800 sentences:
    // loss best at step 200, F1 still rising at 400).
    const score = weightSum > 0 ? weightedScore / weightSum : -weightedLoss;
    const improved = Number.isFinite(weightedLoss) && (this.best === null || score > this.best.score);
    if (improved) {
      this.disposeBest();
      this.best = { step, score, weights: this.model.snapshot() };
    }
    this.validationMs += now() - started;
    this.emit({ type: 'validation', point: { step, examples, losses, weightedLoss, metrics, improved } });
    return improved;
  }

  private async finish(reason: RunEnd, msPerStep: number, trainingSeconds: number, examples: number): Promise<RunResult> {
    this.setState('evaluating');
    if (this.best) this.model.restore(this.best.weights);
    // The weights the run ends with, and its vocabulary: what a saved run keeps, and what fine-tuning starts from.
    const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(this.model.namedWeights()));
    const vocabulary = { tokens: [...this.data.vocabulary.tokens], lowercase: this.data.vocabulary.lowercase };
    this.emit({ type: 'checkpoint', checkpoint: { step: this.stepsDone, examples, weights: data, specs: specs as Checkpoint['specs'], vocabulary } });
    const test: Record<string, TaskMetrics> = {};
    const testSplit: Record<string, 'test' | 'valid'> = {};
    const valid: Record<string, TaskMetrics> = {};
    for (const task of this.data.tasks) {
      if (task.splits.valid.length > 0) valid[task.spec.name] = (await evaluateTask(this.model, this.evalTask(task), task.splits.valid, task.gold.valid)).metrics;
      const split = task.splits.test.length > 0 ? 'test' : 'valid';
      if (task.splits[split].length === 0) continue;
      // A task without a test file reports its validation split, scored just above.
      test[task.spec.name] = split === 'valid' ? (valid[task.spec.name] as TaskMetrics) : (await evaluateTask(this.model, this.evalTask(task), task.splits.test, task.gold.test)).metrics;
      testSplit[task.spec.name] = split;
    }
    const result: RunResult = {
      reason, steps: this.stepsDone, bestStep: this.best?.step ?? null, msPerStep, trainingSeconds, test, testSplit, valid,
      validationSeconds: this.validationMs / 1000,
    };
    this.setState('finished');
    this.emit({ type: 'done', result });
    return result;
  }

  /** The current model's outputs for a typed sentence, for every task. */
  predict(text: string): Promise<Prediction> {
    return predict(this.model, this.data.vocabulary, this.outputTasks(), text);
  }

  /** Weights, vocabulary and label sets, for export in the TensorFlow.js weights format. */
  exportModel(): Promise<ModelArtifacts> {
    return exportModel(this.model, this.data.vocabulary, this.outputTasks());
  }

  private outputTasks(): OutputTask[] {
    return this.data.tasks.map((t) => ({ name: t.spec.name, kind: t.kind, labels: t.labels }));
  }

  private evalTask(task: PreparedTask) {
    return { name: task.spec.name, kind: task.kind, labels: task.labels, ...(task.spec.languageModelOf === undefined ? {} : { languageModel: true }) };
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.emit({ type: 'state', state });
  }

  private disposeLastGood(): void {
    if (!this.lastGood) return;
    for (const t of this.lastGood.weights.values()) t.dispose();
    this.lastGood = null;
  }

  private disposeBest(): void {
    if (!this.best) return;
    for (const t of this.best.weights.values()) t.dispose();
    this.best = null;
  }

  dispose(): void {
    this.disposeBest();
    this.disposeLastGood();
    this.trainer.dispose();
    this.model.dispose();
  }
}

/** A seeded sample of `size` validation examples (in their original order), or all of them when size is 0 or larger. */
export function validationSample(task: PreparedTask, size: number, seed: number): { examples: PreparedTask['splits']['valid']; gold: PreparedTask['gold']['valid'] } {
  const { valid } = task.splits;
  if (size <= 0 || valid.length <= size) return { examples: valid, gold: task.gold.valid };
  const picked = new Random(seed * 131 + 7).shuffle(valid.map((_, i) => i)).slice(0, size).sort((a, b) => a - b);
  return { examples: picked.map((i) => valid[i] as (typeof valid)[number]), gold: picked.map((i) => task.gold.valid[i] as (typeof task.gold.valid)[number]) };
}

export function modelTasks(data: PreparedData): ModelTask[] {
  return data.tasks.map((t) => ({
    name: t.spec.name,
    kind: t.kind,
    numLabels: t.labels.length,
    ...(t.spec.readLayer === undefined ? {} : { readLayer: t.spec.readLayer }),
    ...(t.spec.languageModelOf === undefined ? {} : { languageModel: true }),
  }));
}

/**
 * Copies a saved run's shared encoder (every `trunk:shared/…` weight) into a
 * new model of the same architecture; its heads keep their fresh weights.
 */
export function loadSharedEncoder(model: MtlModel, from: Checkpoint): void {
  const prefix = `trunk:${SHARED_TRUNK}/`;
  const values = tf.io.decodeWeights(from.weights, from.specs as tf.io.WeightsManifestEntry[]);
  try {
    const targets = [...model.namedWeights()].filter(([name]) => name.startsWith(prefix));
    if (targets.length === 0) throw new ConfigError('fine-tuning needs hard sharing: the new run has no shared encoder');
    for (const [name, v] of targets) {
      const value = values[name];
      if (!value) throw new ConfigError(`the saved run has no ${name.slice(prefix.length)} in its shared encoder: fine-tune with the same encoder settings and hard sharing`);
      if (value.shape.join('×') !== v.shape.join('×')) {
        throw new ConfigError(`the saved run's ${name.slice(prefix.length)} is ${value.shape.join('×')}, this run's is ${v.shape.join('×')}: fine-tune with the same encoder settings`);
      }
    }
    for (const [name, v] of targets) v.assign(values[name] as tf.Tensor);
  } finally {
    Object.values(values).forEach((t) => t.dispose());
  }
}
