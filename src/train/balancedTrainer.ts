import * as tf from '../tf';
import type { ExperimentConfig } from '../config/experiment';
import type { Batch } from '../data/batching';
import { Random } from '../data/random';
import type { MtlModel, ParamGroup } from '../model/mtlModel';
import { sumScalars } from '../model/ops';
import { TaskBalancer } from './balancer';
import { MtlTrainer, type TrainerOptions } from './trainer';
import { flattenGradients, METHOD_INFO, normShares, pairwiseCosines, pcgrad, taskPairs } from './weighting';

/** Which tasks train at a step, and whether the gradient interaction is measured. */
export interface StepPlan {
  /** Task indices in the model's order. */
  readonly trained: readonly number[];
  readonly measure: boolean;
}

/** Where each figure sits in the row a step returns (T tasks, P = T(T−1)/2 pairs). */
export function stepRowLayout(taskCount: number) {
  const pairs = taskPairs(taskCount).length;
  return {
    width: 3 * taskCount + 1 + pairs,
    losses: 0,
    total: taskCount,
    weights: taskCount + 1,
    cosines: 2 * taskCount + 1,
    shares: 2 * taskCount + 1 + pairs,
    pairs,
  };
}

/**
 * The training step with a weighting method, a task schedule and the
 * gradient-interaction measures. PCGrad and GradNorm take one backward pass
 * per task on the shared encoder; the others take one pass in all (plus T
 * passes on the steps where the interaction is measured).
 */
export class BalancedTrainer extends MtlTrainer {
  readonly balancer: TaskBalancer;
  private readonly random: Random;
  private readonly shared: ParamGroup | undefined;
  /** Tensors kept out of a gradient tape's cleanup during a step; disposed when the step's row is built. */
  private kept: tf.Tensor[] = [];

  private keep<T extends tf.Tensor>(t: T): T {
    this.kept.push(tf.keep(t));
    return t;
  }

  constructor(
    model: MtlModel,
    options: TrainerOptions,
    private readonly config: Pick<ExperimentConfig, 'weighting' | 'dwaTemperature' | 'gradnormAlpha' | 'seed'>,
    dwaWindowSteps: number,
  ) {
    super(model, options);
    this.balancer = new TaskBalancer(config, model.spec.tasks.length, dwaWindowSteps);
    this.random = new Random(config.seed ^ 0x5bd1e995);
    this.shared = this.paramGroupList.find((g) => g.kind === 'trunk' && g.task === undefined);
  }

  /** The original one-pass step with the manual weights on every task, as a row of stepRowLayout (no interaction figures). */
  plainStep(batches: ReadonlyMap<string, Batch>, manual: Readonly<Record<string, number>>): tf.Tensor1D {
    return tf.tidy(() => {
      const names = this.model.spec.tasks.map((t) => t.name);
      const layout = stepRowLayout(names.length);
      const row = this.step(batches, manual);
      return tf.concat([
        row,
        tf.tensor1d(names.map((n) => manual[n] ?? 0)),
        tf.fill([layout.pairs + names.length], NaN),
      ]) as tf.Tensor1D;
    });
  }

  /** One step; returns the row of stepRowLayout (NaN where a figure was not computed). Nothing is read back. */
  balancedStep(
    batches: ReadonlyMap<string, Batch>,
    manual: Readonly<Record<string, number>>,
    plan: StepPlan,
  ): tf.Tensor1D {
    return tf.tidy(() => {
      const tasks = this.model.spec.tasks;
      const manualWeights = tasks.map((t) => manual[t.name] ?? 0);
      const method = METHOD_INFO[this.balancer.method];
      // Manual weights of 0 switch a task's training off; methods set their own weights.
      const trained = plan.trained.filter((i) => !method.usesManualWeights || (manualWeights[i] ?? 0) > 0);
      const layout = stepRowLayout(tasks.length);
      const nan = (n: number) => tf.fill([n], NaN);
      // A scheduled task weighted 0 is only evaluated, for its curve, as in the plain step.
      const evaluated = this.curveOnly(
        plan.trained.filter((i) => !trained.includes(i)).map((i) => tasks[i]?.name as string),
        batches,
      );
      const curveOf = (i: number) => evaluated.get(tasks[i]?.name as string);
      if (trained.length === 0) {
        // Nothing to train this step (the schedule picked tasks weighted 0): no update, J = 0.
        const losses = tasks.map((_, i) => curveOf(i) ?? tf.scalar(NaN));
        return tf.concat([
          tf.stack(losses),
          tf.zeros([1]),
          tf.tensor1d(manualWeights),
          nan(layout.pairs + tasks.length),
        ]) as tf.Tensor1D;
      }

      const byTask =
        this.shared && (method.needsTaskGradients || plan.measure) ? this.taskGradients(trained, batches) : null;
      let out: { losses: tf.Tensor1D; total: tf.Scalar; weights: tf.Tensor1D };
      if (byTask && method.needsTaskGradients) out = this.updateFromTaskGradients(trained, byTask, manualWeights);
      else out = this.updateCombined(trained, batches, manualWeights);

      // Untrained tasks and unmeasured figures are NaN: the page leaves a gap, not a zero.
      const scatter = (values: tf.Tensor1D) => {
        const parts = tasks.map((_, i) => {
          const at = trained.indexOf(i);
          return at < 0 ? (curveOf(i) ?? tf.scalar(NaN)) : tf.reshape(tf.slice(values, [at], [1]), []);
        });
        return tf.stack(parts) as tf.Tensor1D;
      };
      const interaction =
        byTask && trained.length === tasks.length
          ? [pairwiseCosines(byTask.shared), normShares(byTask.shared)]
          : [nan(layout.pairs), nan(tasks.length)];
      const row = tf.concat([
        scatter(out.losses),
        tf.reshape(out.total, [1]),
        out.weights,
        ...interaction,
      ]) as tf.Tensor1D;
      for (const t of this.kept) t.dispose();
      this.kept = [];
      return row;
    });
  }

  /** Each trained task's loss and gradients: its shared-encoder gradient flattened, its own parameters' (head, own upper layers) as they are. */
  private taskGradients(trained: readonly number[], batches: ReadonlyMap<string, Batch>) {
    const sharedVars = (this.shared as ParamGroup).vars;
    const losses: tf.Scalar[] = [];
    const shared: tf.Tensor1D[] = [];
    const ownGrads: Record<string, tf.Tensor>[] = [];
    for (const i of trained) {
      const name = this.model.spec.tasks[i]?.name as string;
      // The task's own parameters: its head, and its upper encoder layers when only the lower ones are shared.
      const own = this.paramGroupList.filter((g) => g.task === name).flatMap((g) => g.vars);
      let loss: tf.Scalar | null = null;
      const { grads } = tf.variableGrads(() => {
        loss = this.keep(this.lossOf(name, batches));
        const decay = this.headDecayTerm(name);
        return decay ? tf.add(loss, decay) : loss;
      }, [...sharedVars, ...own]);
      losses.push(loss as unknown as tf.Scalar);
      shared.push(flattenGradients(sharedVars.map((v) => grads[v.name] ?? tf.zerosLike(v))));
      ownGrads.push(Object.fromEntries(own.map((v) => [v.name, grads[v.name] ?? tf.zerosLike(v)])));
    }
    return { losses, shared, own: ownGrads };
  }

  /** PCGrad or GradNorm: the shared update is built from the per-task gradients. */
  private updateFromTaskGradients(
    trained: readonly number[],
    byTask: ReturnType<BalancedTrainer['taskGradients']>,
    manual: readonly number[],
  ) {
    const sharedGroup = this.shared as ParamGroup;
    const lossVec = tf.stack(byTask.losses) as tf.Tensor1D;
    // GradNorm's learned weights, or PCGrad's manual ones.
    const weights = this.balancer.weights(manual, lossVec);
    const w = (k: number) => tf.reshape(tf.slice(weights, [trained[k] as number], [1]), []);
    let sharedGrad: tf.Tensor1D;
    if (this.balancer.method === 'pcgrad') {
      sharedGrad = pcgrad(
        byTask.shared.map((g, k) => tf.mul(g, w(k)) as tf.Tensor1D),
        this.random,
      );
    } else {
      sharedGrad = tf.sum(tf.stack(byTask.shared.map((g, k) => tf.mul(g, w(k)))), 0) as tf.Tensor1D;
      // GradNorm balances the gradient norms on the last shared layer; it learns from this step's figures.
      const last = sharedGroup.vars.length - 1;
      const lastLayer = byTask.shared.map((g) => {
        const sizes = sharedGroup.vars.map((v) => v.size);
        const offset = sizes.slice(0, last).reduce((a, b) => a + b, 0);
        return tf.norm(tf.slice(g, [offset], [sizes[last] as number]));
      });
      (this.balancer.gradnorm as NonNullable<TaskBalancer['gradnorm']>).update(
        tf.stack(lastLayer) as tf.Tensor1D,
        lossVec,
      );
    }
    const grads: Record<string, tf.Tensor> = {};
    byTask.own.forEach((taskGrads, k) => {
      for (const [name, g] of Object.entries(taskGrads)) grads[name] = tf.mul(g, w(k));
    });
    const groups = this.paramGroupList.filter(
      (g) =>
        g === sharedGroup || (g.task !== undefined && trained.some((i) => this.model.spec.tasks[i]?.name === g.task)),
    );
    this.apply(groups, grads, new Map([[sharedGroup.name, sharedGrad]]));
    const total = sumScalars(byTask.losses.map((l, k) => tf.mul(l, w(k))));
    return { losses: lossVec, total, weights };
  }

  /** One backward pass of Σ w_i·J_i (or the uncertainty objective) over the trained tasks. */
  private updateCombined(trained: readonly number[], batches: ReadonlyMap<string, Batch>, manual: readonly number[]) {
    const tasks = this.model.spec.tasks;
    const trainedNames = new Set(trained.map((i) => tasks[i]?.name));
    const groups = this.paramGroupList.filter(
      (g) => g.task === undefined || trainedNames.has(g.task) || (g.kind === 'trunk' && this.penaltyWeight > 0),
    );
    const extra = this.balancer.variables;
    // Weights known before the step (manual, equal, DWA) go the plain step's way: folded into fused losses.
    const known = this.balancer.uncertainty ? null : this.balancer.hostWeights(manual);
    const names = trained.map((i) => tasks[i]?.name as string);
    const curves = new Map<string, tf.Scalar>();
    let lossVec: tf.Tensor1D | null = null;
    let weights: tf.Tensor1D | null = null;
    const { value, grads } = tf.variableGrads(() => {
      if (known) {
        weights = this.keep(tf.tensor1d(known));
        const objective = this.weightedObjective(
          batches,
          Object.fromEntries(names.map((name, k) => [name, known[trained[k] as number] ?? 0])),
          curves,
        );
        lossVec = this.keep(tf.stack(names.map((name) => curves.get(name) as tf.Scalar)) as tf.Tensor1D);
        return objective;
      }
      const byName = this.lossesOf(names, batches);
      const losses = names.map((name) => byName.get(name) as tf.Scalar);
      lossVec = this.keep(tf.stack(losses) as tf.Tensor1D);
      let objective: tf.Scalar;
      if (this.balancer.uncertainty) {
        objective = this.balancer.uncertainty.objective(losses, trained);
        weights = this.keep(this.balancer.uncertainty.effectiveWeights());
      } else {
        // Weights are constants here: the methods compute them from detached losses.
        weights = this.keep(this.balancer.weights(manual, lossVec));
        const w = weights;
        objective = sumScalars(
          losses.map((l, k) => tf.mul(l, tf.reshape(tf.slice(w, [trained[k] as number], [1]), []))),
        );
      }
      if (this.penaltyWeight > 0)
        objective = tf.add(objective, tf.mul(this.model.softSharingPenalty(), this.penaltyWeight));
      for (const i of trained) {
        const decay = this.headDecayTerm(tasks[i]?.name as string);
        if (decay) objective = tf.add(objective, decay);
      }
      return objective;
    }, [...groups.flatMap((g) => g.vars), ...extra]);
    tf.dispose([...curves.values()]);
    this.apply(groups, grads);
    this.balancer.afterStep(lossVec as unknown as tf.Tensor1D);
    if (extra.length > 0) {
      const own: Record<string, tf.Tensor> = {};
      for (const v of extra) own[v.name] = grads[v.name] ?? tf.zerosLike(v);
      this.optimizerOf('weighting').applyGradients(own, extra);
    }
    return { losses: lossVec as unknown as tf.Tensor1D, total: value, weights: weights as unknown as tf.Tensor1D };
  }

  override dispose(): void {
    this.balancer.dispose();
    super.dispose();
  }
}
