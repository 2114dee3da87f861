import * as tf from '../tf';
import type { Batch } from '../data/batching';
import type { TrainingDropout } from '../model/head';
import type { MtlModel, ParamGroup } from '../model/mtlModel';
import { sumScalars } from '../model/ops';
import { FlatAdam } from './flatAdam';
import { clipScale, fusedLossOn } from '../model/fusedKernels';
import { flattenGradients } from './weighting/flatten';
import { taskLosses } from './fusedLosses';
import { batchTensors, taskLoss } from './loss';

export interface TrainerOptions {
  readonly learningRate: number;
  /** Global gradient-norm clip; 0 = off. */
  readonly clipNorm: number;
  /** Soft-sharing penalty weight (ignored for hard sharing). */
  readonly lambda: number;
  /** Dropout rate on the task-specific layers during training; 0 = off. */
  readonly headDropout?: number;
  /** Dropout rate on the trunk (token representation, encoder layers) during training; 0 = off. */
  readonly dropout?: number;
  /** L2 weight decay on the task-specific kernels: + decay·‖φ_i‖² per trained task; 0 = off. */
  readonly headDecay?: number;
}

/**
 * One optimisation step of J = Σ_i w_i·J_i (+ λ·penalty for soft sharing).
 *
 * Each parameter group (a trunk, a head) has its own Adam (FlatAdam: one
 * flat update per group, state matched to variables by name), so a group is
 * always updated with the same variables in the same order. A head whose task weight is 0
 * is not updated at all (no gradient, no momentum drift). Groups that have
 * taken the same steps (all tasks trained at every step) are updated in one
 * Adam step (FlatAdam.applyTogether): 49 fewer kernels per step on the
 * default three-task preset.
 */
export class MtlTrainer {
  private readonly optimizers = new Map<string, FlatAdam>();
  private readonly groups: readonly ParamGroup[];

  private learningRate: number;
  private dropoutCalls = 1;
  private rateFactor = 1;

  constructor(
    protected readonly model: MtlModel,
    private readonly options: TrainerOptions,
  ) {
    this.groups = model.paramGroups();
    this.learningRate = options.learningRate;
    this.createOptimizers();
  }

  private createOptimizers(): void {
    for (const o of this.optimizers.values()) o.dispose();
    this.optimizers.clear();
    for (const g of this.groups) this.optimizers.set(g.name, new FlatAdam(this.learningRate));
  }

  /**
   * Starts Adam afresh, optionally with a new learning rate: after a loss
   * turned NaN the moment estimates may hold NaN too, and a new rate should
   * not inherit steps sized for the old one.
   */
  resetOptimizers(learningRate = this.learningRate): void {
    this.learningRate = learningRate;
    this.createOptimizers();
  }

  /** Scales every group's learning rate for the coming steps (a warm-up or decay schedule). */
  setLearningRateFactor(factor: number): void {
    this.rateFactor = factor;
    for (const o of this.optimizers.values()) o.rateFactor = factor;
  }

  protected get penaltyWeight(): number {
    return this.model.spec.sharing === 'soft' ? this.options.lambda : 0;
  }

  protected isActive(group: ParamGroup, weights: Readonly<Record<string, number>>): boolean {
    if (group.task === undefined) return true;
    const w = weights[group.task] ?? 0;
    return w > 0 || (group.kind === 'trunk' && this.penaltyWeight > 0);
  }

  /**
   * Trains on one batch per task. Returns a tensor the caller must dispose:
   * [J_1 … J_T, J] in the model's task order (losses before the update).
   * Nothing is read back from the GPU here.
   */
  step(batches: ReadonlyMap<string, Batch>, weights: Readonly<Record<string, number>>): tf.Tensor1D {
    return tf.tidy(() => {
      const tasks = this.model.spec.tasks;
      const active = this.groups.filter((g) => this.isActive(g, weights));
      const vars = active.flatMap((g) => g.vars);
      const losses = this.curveOnly(
        tasks.map((t) => t.name).filter((name) => (weights[name] ?? 0) === 0),
        batches,
      );

      const { value, grads } = tf.variableGrads(() => this.weightedObjective(batches, weights, losses), vars);

      this.apply(active, grads);
      const out = tf.stack([...tasks.map((t) => losses.get(t.name) as tf.Scalar), value]) as tf.Tensor1D;
      for (const t of tasks) if ((weights[t.name] ?? 0) > 0) losses.get(t.name)?.dispose();
      return out;
    });
  }

  /**
   * Σ w_i·J_i (+ head decay, + λ·penalty) over the tasks weighted above 0;
   * each one's J_i goes into `curves`, kept past any tidy (the caller
   * disposes them).
   */
  protected weightedObjective(
    batches: ReadonlyMap<string, Batch>,
    weights: Readonly<Record<string, number>>,
    curves: Map<string, tf.Scalar>,
  ): tf.Scalar {
    const terms: tf.Scalar[] = [];
    const trained = this.model.spec.tasks.map((t) => t.name).filter((name) => (weights[name] ?? 0) > 0);
    // Where the loss runs fused, w_i rides in its per-token weights: the term w_i·J_i then costs no kernel
    // forward or backward, and J_i for the curve is one division off the gradient's path.
    const folded = new Map(trained.filter((name) => this.foldsWeight(name)).map((name) => [name, weights[name] ?? 0]));
    const trainedLosses = this.lossesOf(trained, batches, folded);
    for (const name of trained) {
      const loss = trainedLosses.get(name) as tf.Scalar;
      const w = weights[name] ?? 0;
      curves.set(name, tf.keep(folded.has(name) ? tf.div(loss, w) : loss));
      terms.push(folded.has(name) ? loss : tf.mul(loss, w));
      const decay = this.headDecayTerm(name);
      if (decay) terms.push(decay);
    }
    if (this.penaltyWeight > 0) terms.push(tf.mul(this.model.softSharingPenalty(), this.penaltyWeight));
    return sumScalars(terms);
  }

  /**
   * A plain step's forward and backward passes with nothing applied, and the
   * dropout seeds put back: run under compileAhead it compiles the step's
   * kernels and leaves what the run computes unchanged.
   */
  passesOnly(batches: ReadonlyMap<string, Batch>, weights: Readonly<Record<string, number>>): void {
    const calls = this.dropoutCalls;
    const curves = new Map<string, tf.Scalar>();
    try {
      tf.tidy(() => {
        const vars = this.groups.filter((g) => this.isActive(g, weights)).flatMap((g) => g.vars);
        tf.variableGrads(() => this.weightedObjective(batches, weights, curves), vars);
      });
    } finally {
      tf.dispose([...curves.values()]);
      this.dropoutCalls = calls;
    }
  }

  /** Tasks with w_i = 0 are only evaluated, for their curve, outside any gradient tape (a NaN would read as a divergence). */
  protected curveOnly(names: readonly string[], batches: ReadonlyMap<string, Batch>): Map<string, tf.Scalar> {
    return new Map(names.map((name) => [name, this.lossOf(name, batches)]));
  }

  /** Whether a task's weight can ride in its fused loss (not a language-model helper's: its loss is not fused). */
  private foldsWeight(task: string): boolean {
    return fusedLossOn() && this.model.lossKind(task) !== 'language-model';
  }

  /** A task's training loss on its batch (with head dropout when set), times `lossScale` where the loss runs fused. */
  protected lossOf(task: string, batches: ReadonlyMap<string, Batch>, lossScale = 1): tf.Scalar {
    const spec = this.model.spec.tasks.find((t) => t.name === task);
    const batch = batches.get(task);
    if (!spec || !batch) throw new Error(`no batch for task ${task}`);
    const tensors = batchTensors(batch, spec.kind, lossScale);
    return taskLoss(
      this.model.forward(task, tensors.ids, tensors.mask, this.nextDropout()),
      tensors,
      this.model.lossKind(task),
    );
  }

  /** Several tasks' training losses; tasks that share the encoder's computation go through it as one batch (see taskLosses). */
  protected lossesOf(
    tasks: readonly string[],
    batches: ReadonlyMap<string, Batch>,
    lossScales?: ReadonlyMap<string, number>,
  ): Map<string, tf.Scalar> {
    return taskLosses(
      this.model,
      tasks,
      batches,
      () => this.nextDropout(),
      (task) => this.lossOf(task, batches, lossScales?.get(task)),
      lossScales,
    );
  }

  /** Head dropout for one task's forward pass, or none. A new seed per call: the same seed would drop the same units at every step. */
  private nextDropout(): TrainingDropout | undefined {
    const head = this.options.headDropout ?? 0;
    const trunk = this.options.dropout ?? 0;
    return head > 0 || trunk > 0 ? { head, trunk, seed: this.dropoutCalls++ * 7919 } : undefined;
  }

  /** decay·‖φ_i‖² over the task's head kernels, or null when decay is off. */
  protected headDecayTerm(task: string): tf.Scalar | null {
    const decay = this.options.headDecay ?? 0;
    return decay > 0 ? tf.mul(this.model.head(task).kernelNorm(), decay) : null;
  }

  /**
   * Updates each group with its own Adam, from its gradients flattened into
   * one vector (zeros for variables without one; or given flat in
   * `flatByGroup`), all scaled by
   * min(1, clip / global norm): a handful of kernels per group, not per variable.
   */
  protected apply(
    groups: readonly ParamGroup[],
    grads: Readonly<Record<string, tf.Tensor>>,
    flatByGroup?: ReadonlyMap<string, tf.Tensor1D>,
  ): void {
    const gradsOf = (g: ParamGroup) => g.vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
    const optimizers = groups.map((g) => this.optimizerOf(g.name));
    if (groups.length > 1 && FlatAdam.inStep(optimizers)) {
      // All groups in step (every task trained at every step): one Adam update over all of them.
      const flat = flatByGroup
        ? (tf.concat(groups.map((g) => flatByGroup.get(g.name) ?? flattenGradients(gradsOf(g)))) as tf.Tensor1D)
        : flattenGradients(groups.flatMap(gradsOf));
      const scale = this.clipScale([flat]);
      FlatAdam.applyTogether(
        groups.map((g, i) => ({ optimizer: optimizers[i] as FlatAdam, variables: g.vars })),
        flat,
        scale ?? undefined,
      );
      return;
    }
    // A group whose gradient is already one flat vector (PCGrad's, GradNorm's shared update) is used as it is.
    const flats = groups.map((g) => flatByGroup?.get(g.name) ?? flattenGradients(gradsOf(g)));
    const scale = this.clipScale(flats);
    groups.forEach((g, i) => optimizers[i]?.applyFlat(flats[i] as tf.Tensor1D, g.vars, scale ?? undefined));
  }

  /** The group's Adam; groups met later (a weighting method's own variables) get one on first use. */
  protected optimizerOf(group: string): FlatAdam {
    let o = this.optimizers.get(group);
    if (!o) {
      o = new FlatAdam(this.learningRate);
      o.rateFactor = this.rateFactor;
      this.optimizers.set(group, o);
    }
    return o;
  }

  protected get paramGroupList(): readonly ParamGroup[] {
    return this.groups;
  }

  /** min(1, clip / global norm) over all the gradients, computed on the device; null when clipping is off. */
  private clipScale(flats: readonly tf.Tensor1D[]): tf.Scalar | null {
    if (this.options.clipNorm <= 0) return null;
    if (flats.length === 1) return clipScale(flats[0] as tf.Tensor1D, this.options.clipNorm);
    const norm = tf.sqrt(sumScalars(flats.map((g) => tf.sum(tf.square(g)))));
    return tf.div(this.options.clipNorm, tf.maximum(norm, this.options.clipNorm));
  }

  dispose(): void {
    for (const o of this.optimizers.values()) o.dispose();
    this.optimizers.clear();
  }
}
