import * as tf from '../tf';
import type { ExperimentConfig } from '../config/experiment';
import { validateWeights } from '../config/validate';
import type { PreparedData } from '../data/prepare';
import type { MtlModel } from '../model/mtlModel';
import { exportModel, predict, type ModelArtifacts, type OutputTask } from './predictor';
import type { Checkpoint, FineTune, Prediction, RunEnd, RunResult, SessionState, TrainingEvent } from './events';
import { pairNames, TaskScheduler } from './weighting';
import { TrainingBatches } from './session/batches';
import { Checkpoints } from './session/checkpoints';
import { RunControl } from './session/control';
import { checkFinite, DivergenceError, recoverFromDivergence } from './session/divergence';
import { Evaluation, taskScheme } from './session/evaluation';
import { preparedEvent, sessionModel } from './session/model';
import { PendingSteps } from './session/progress';
import { StepTimer } from './session/stepTimer';
import { Stepper } from './session/stepper';
import { WeightAverage } from './session/weightAverage';

export { DivergenceError } from './session/divergence';
export { loadSharedEncoder, modelTasks } from './session/model';

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
  private readonly stepper: Stepper;
  private readonly batches: TrainingBatches;
  private readonly scheduler: TaskScheduler;
  private weights: Record<string, number>;
  private readonly control: RunControl;
  private readonly checkpoints: Checkpoints;
  private readonly evaluation: Evaluation;
  /** The weights' moving average, when the experiment asks for one: what validation and the final test read. */
  private readonly average: WeightAverage;
  /** The steps not yet reported, and the speed figures. */
  private readonly pending: PendingSteps;
  private readonly timer: StepTimer;
  private readonly names: string[];
  private stepsDone = 0;
  private outputs: OutputTask[] | null = null;
  private readonly fineTune: FineTune | null;

  constructor(
    private readonly config: ExperimentConfig,
    private readonly data: PreparedData,
    private readonly emit: (event: TrainingEvent) => void,
    /** Continue from this checkpoint (same experiment) instead of from the seed's initial weights. */
    private readonly resumeFrom: Checkpoint | null = null,
    /** Start from another run's shared encoder (prepare the data with its vocabulary). */
    fineTune: FineTune | null = null,
  ) {
    this.fineTune = fineTune;
    this.weights = { ...config.weights };
    this.control = new RunControl(emit);
    this.model = sessionModel(config, data, resumeFrom, fineTune);
    this.stepper = new Stepper(this.model, config);
    this.scheduler = new TaskScheduler(
      config.schedule,
      data.tasks.map((t) => t.splits.train.length),
      config.scheduleTemperature,
      config.seed + 7,
    );
    this.names = data.tasks.map((t) => t.spec.name);
    this.batches = new TrainingBatches(data, config);
    this.checkpoints = new Checkpoints(this.model, emit, Math.max(config.emitEvery, 50));
    this.evaluation = new Evaluation(this.model, data, config);
    this.average = new WeightAverage(this.model, config.weightAverage);
    this.pending = new PendingSteps(this.names, pairNames(this.names));
    // A run that fits in one window has no later window to time.
    this.timer = new StepTimer(config.steps <= config.emitEvery);
    emit(preparedEvent(data, this.model));
  }

  get currentState(): SessionState {
    return this.control.state;
  }

  get currentWeights(): Readonly<Record<string, number>> {
    return this.weights;
  }

  /** Takes effect between steps, after the losses computed so far are sent: 'paused' means no more points. */
  pause(): void {
    this.control.requestPause();
  }

  resume(): void {
    this.control.resume();
  }

  /** Trains exactly one step and pauses again (from a pause, or before the first step); its loss point is sent. */
  step(): void {
    this.control.step();
  }

  stop(): void {
    this.control.stop();
  }

  /** New task weights; they apply from the next step. */
  setWeights(raw: unknown): void {
    this.weights = validateWeights(this.config, raw);
  }

  /** A new learning rate (e.g. after a divergence); Adam starts afresh with it. */
  setLearningRate(raw: unknown): void {
    this.stepper.setLearningRate(raw);
  }

  async run(): Promise<RunResult> {
    const { steps, emitEvery, evalEvery, patience } = this.config;
    const first = (this.resumeFrom?.step ?? 0) + 1;
    let examples = this.resumeFrom?.examples ?? 0;
    let reason: RunEnd = 'completed';
    let evalsWithoutGain = 0;
    await this.checkpoints.keepLastGood(first - 1, examples);
    this.control.set('training');

    for (let step = first; step <= steps; step++) {
      try {
        if (this.control.pauseAsked) await this.pauseNow();
        if (!(await this.control.waitIfPaused())) {
          reason = 'stopped';
          break;
        }
        if (this.control.state === 'training' && this.pending.empty) this.timer.restartIfEmpty();
        const trained = this.scheduler.next(step);
        const batches = this.batches.next(trained.map((i) => this.names[i] as string));
        for (const batch of batches.values()) examples += batch.size;
        if (step === first) await this.stepper.compileAhead(batches, this.weights);
        this.pending.push({ step, examples, row: this.stepper.take(step, trained, batches, this.weights), trained });
        this.average.update();
        this.stepsDone = step;
        this.timer.stepDone();
        this.control.stepTaken();
        if (step % emitEvery === 0 || step === steps) await this.flush();
        if (step % evalEvery === 0 || step === steps) {
          await this.flush();
          const improved = await this.timer.excluding(() => this.validate(step, examples));
          evalsWithoutGain = improved ? 0 : evalsWithoutGain + 1;
          if (patience > 0 && evalsWithoutGain >= patience) {
            reason = 'early-stopped';
            break;
          }
        }
      } catch (err) {
        if (!(err instanceof DivergenceError)) {
          this.pending.dispose();
          throw err;
        }
        this.divergedAt(err);
        this.timer.dropWindow();
      }
    }
    try {
      await this.flush();
    } catch (err) {
      if (!(err instanceof DivergenceError)) throw err;
      this.divergedAt(err);
    }
    return this.finish(reason, examples);
  }

  /** A pause asked for: the losses computed so far are sent first (a divergence among them pauses the run itself). */
  private async pauseNow(): Promise<void> {
    await this.flush();
    if (this.control.pauseAsked) this.control.pause();
  }

  /** Reads back and reports the steps taken since the last report; throws a DivergenceError at a loss that is not finite. */
  private async flush(): Promise<void> {
    if (this.pending.empty) return;
    const points = await this.pending.read((losses) => this.stepper.trainer.balancer.observe(losses));
    const msPerStep = this.timer.closeWindow(points.length);
    this.emit({
      type: 'progress',
      points,
      epochs: this.batches.epochs(),
      msPerStep,
      validationMsPerStep: this.evaluation.validationMsSoFar / Math.max(1, this.stepsDone),
      tensors: tf.memory().numTensors,
    });
    checkFinite(points);
    const last = points.at(-1);
    if (last) await this.checkpoints.keepLastGoodIfDue(last.step, last.examples);
    await yieldToEventLoop();
    this.timer.restart();
  }

  /** A divergence: the unreported steps are dropped, the last good weights come back and the run pauses. */
  private divergedAt(err: DivergenceError): void {
    this.pending.dispose();
    this.emit(recoverFromDivergence(err, this.checkpoints, () => this.stepper.resetOptimizers()));
    // The average has taken in the steps that diverged: it starts again from the restored weights.
    this.average.reset();
    this.control.pause();
  }

  /** Validates every task; says whether the weighted metric improved (a checkpoint was kept). */
  private async validate(step: number, examples: number): Promise<boolean> {
    // The page's progress line names the phase; a pause asked for meanwhile is taken after it, between steps.
    this.control.set('validating');
    try {
      // With averaging, the average is scored and, if best, kept as the checkpoint.
      const point = await this.average.withAverage(() =>
        this.evaluation.validate(step, examples, this.weights, this.checkpoints),
      );
      if (!point) return true;
      this.emit({ type: 'validation', point });
      return point.improved;
    } finally {
      this.control.set('training');
    }
  }

  /** Restores the best weights, sends them as the final checkpoint and scores them on every task. */
  private async finish(reason: RunEnd, examples: number): Promise<RunResult> {
    this.control.set('evaluating');
    if (this.checkpoints.bestStep === null) this.average.loadAverage();
    this.checkpoints.restoreBest();
    const vocabulary = { tokens: [...this.data.vocabulary.tokens], lowercase: this.data.vocabulary.lowercase };
    await this.checkpoints.sendFinal(this.stepsDone, examples, vocabulary);
    const { test, testSplit, valid } = await this.evaluation.finalScores();
    const result: RunResult = {
      reason,
      steps: this.stepsDone,
      bestStep: this.checkpoints.bestStep,
      msPerStep: this.timer.msPerStep,
      trainingSeconds: this.timer.trainingSeconds,
      test,
      testSplit,
      valid,
      validationSeconds: this.evaluation.validationMsSoFar / 1000,
    };
    this.control.set('finished');
    this.emit({ type: 'done', result });
    return result;
  }

  /** The current model's outputs for a typed sentence, for every task. */
  predict(text: string): Promise<Prediction> {
    return predict(this.model, this.data.vocabulary, this.outputTasks(), text);
  }

  /**
   * Weights, vocabulary and label sets, for export in the TensorFlow.js weights format; `withInitial` adds the
   * run's initial weights (the PyTorch export's train.py --fresh starts from them).
   */
  async exportModel({ withInitial = false }: { withInitial?: boolean } = {}): Promise<ModelArtifacts> {
    const exported = await exportModel(this.model, this.data.vocabulary, this.outputTasks());
    const frozen = this.model.frozenGroups();
    const trained = frozen.length > 0 ? { ...exported, frozen } : exported;
    if (!withInitial) return trained;
    // The seeded initialisers make a fresh model of the same config the run's start, bit for bit.
    const fresh = sessionModel(this.config, this.data, null, this.fineTune);
    try {
      const initial = await exportModel(fresh, this.data.vocabulary, this.outputTasks());
      return { ...trained, initialWeights: initial.weights };
    } finally {
      fresh.dispose();
    }
  }

  /** The tasks as prediction and export need them (found once: the decoding scheme reads the training tags). */
  private outputTasks(): OutputTask[] {
    return (this.outputs ??= this.data.tasks.map((t) => ({
      name: t.spec.name,
      kind: t.kind,
      labels: t.labels,
      ...(taskScheme(t) ? { decoding: 'iob2' as const } : {}),
    })));
  }

  dispose(): void {
    this.checkpoints.dispose();
    this.average.dispose();
    this.stepper.dispose();
    this.model.dispose();
  }
}
