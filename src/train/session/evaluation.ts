import type { ExperimentConfig } from '../../config/experiment';
import type { PreparedData, PreparedTask } from '../../data/prepare';
import { Random } from '../../data/random';
import { decodingScheme, type IobScheme } from '../../metrics/iobDecoding';
import { headlineMetric, type TaskMetrics } from '../../metrics/taskMetrics';
import type { MtlModel } from '../../model/mtlModel';
import { evaluateTask } from '../evaluate';
import type { RunResult, ValidationPoint } from '../events';
import type { Checkpoints } from './checkpoints';

type ValidationSet = { examples: PreparedTask['splits']['valid']; gold: PreparedTask['gold']['valid'] };

const now = () => performance.now();

/** A seeded sample of `size` validation examples (in their original order), or all of them when size is 0 or larger. */
export function validationSample(task: PreparedTask, size: number, seed: number): ValidationSet {
  const { valid } = task.splits;
  if (size <= 0 || valid.length <= size) return { examples: valid, gold: task.gold.valid };
  const picked = new Random(seed * 131 + 7)
    .shuffle(valid.map((_, i) => i))
    .slice(0, size)
    .sort((a, b) => a - b);
  return {
    examples: picked.map((i) => valid[i] as (typeof valid)[number]),
    gold: picked.map((i) => task.gold.valid[i] as (typeof task.gold.valid)[number]),
  };
}

/** The IOB2 scheme a tagging task's predictions are decoded with, when its labels and training tags keep it. */
export function taskScheme(task: PreparedTask): IobScheme | null {
  if (task.kind !== 'tagging' || task.spec.languageModelOf !== undefined) return null;
  return decodingScheme(
    task.labels,
    task.gold.train.map((g) => ('tags' in g ? g.tags : [])),
  );
}

function evalTask(task: PreparedTask, scheme: IobScheme | null) {
  return {
    name: task.spec.name,
    kind: task.kind,
    labels: task.labels,
    scheme,
    ...(task.spec.languageModelOf === undefined ? {} : { languageModel: true }),
  };
}

/** Scoring the model: validation during training (on a fixed sample of each dev set) and the final scores. */
export class Evaluation {
  /** The dev examples validation scores during training: a fixed seeded sample of each task's split. */
  private readonly validationSets: Map<string, ValidationSet>;
  /** Each task's decoding scheme (taskScheme), found once from its training tags. */
  private readonly schemes: Map<string, IobScheme | null>;
  private validationMs = 0;

  constructor(
    private readonly model: MtlModel,
    private readonly data: PreparedData,
    config: Pick<ExperimentConfig, 'validationSample' | 'seed'>,
  ) {
    this.validationSets = new Map(
      data.tasks.map((t) => [t.spec.name, validationSample(t, config.validationSample, config.seed)]),
    );
    this.schemes = new Map(data.tasks.map((t) => [t.spec.name, taskScheme(t)]));
  }

  private evalTask(task: PreparedTask) {
    return evalTask(task, this.schemes.get(task.spec.name) ?? null);
  }

  /** Time spent validating so far. */
  get validationMsSoFar(): number {
    return this.validationMs;
  }

  /**
   * Validates every task; keeps a checkpoint when the weighted metric improves.
   * Null when no task has validation data (then every validation counts as improved).
   */
  async validate(
    step: number,
    examples: number,
    weights: Readonly<Record<string, number>>,
    checkpoints: Checkpoints,
  ): Promise<ValidationPoint | null> {
    const withData = this.data.tasks.filter((t) => t.splits.valid.length > 0);
    if (withData.length === 0) return null;
    const started = now();
    const losses: Record<string, number> = {};
    const metrics: Record<string, TaskMetrics> = {};
    let weightedLoss = 0;
    let weightedScore = 0;
    let weightSum = 0;
    for (const task of withData) {
      const sample = this.validationSets.get(task.spec.name) as ValidationSet;
      const result = await evaluateTask(this.model, this.evalTask(task), sample.examples, sample.gold);
      losses[task.spec.name] = result.loss;
      // The curves need the summary figures; the per-label tables belong to the final result.
      const { confusion: _confusion, perLabel: _perLabel, ...summary } = result.metrics;
      metrics[task.spec.name] = summary;
      const w = weights[task.spec.name] ?? 0;
      weightedLoss += w * result.loss;
      weightedScore += w * headlineMetric(task.kind, result.metrics).value;
      weightSum += w;
    }
    // The checkpoint kept is the one with the best weighted metric (F1, accuracy), not the lowest loss: on small
    // data the loss rises from overconfidence long before the metric stops rising (NER on 1,800 sentences:
    // loss best at step 200, F1 still rising at 400).
    const score = weightSum > 0 ? weightedScore / weightSum : -weightedLoss;
    const improved = Number.isFinite(weightedLoss) && checkpoints.improves(score);
    if (improved) checkpoints.keepBest(step, score);
    this.validationMs += now() - started;
    return { step, examples, losses, weightedLoss, metrics, improved };
  }

  /** Every task's whole validation split and its test split (the validation split where it has no test file). */
  async finalScores(): Promise<Pick<RunResult, 'test' | 'testSplit' | 'valid'>> {
    const test: Record<string, TaskMetrics> = {};
    const testSplit: Record<string, 'test' | 'valid'> = {};
    const valid: Record<string, TaskMetrics> = {};
    for (const task of this.data.tasks) {
      if (task.splits.valid.length > 0)
        valid[task.spec.name] = (
          await evaluateTask(this.model, this.evalTask(task), task.splits.valid, task.gold.valid)
        ).metrics;
      const split = task.splits.test.length > 0 ? 'test' : 'valid';
      if (task.splits[split].length === 0) continue;
      // A task without a test file reports its validation split, scored just above.
      test[task.spec.name] =
        split === 'valid'
          ? (valid[task.spec.name] as TaskMetrics)
          : (await evaluateTask(this.model, this.evalTask(task), task.splits.test, task.gold.test)).metrics;
      testSplit[task.spec.name] = split;
    }
    return { test, testSplit, valid };
  }
}
