import * as tf from '../tf';
import { Random } from '../data/random';
import type { LossKind } from '../data/types';
import { crossStitch } from './crossStitch';
import { LanguageModelHead, TaskHead, type TrainingDropout } from './head';
import { idsPerToken } from '../data/tokenFeatures';
import { ParamSet } from './params';
import { pairwiseTrunkDistance, SHARED_TRUNK, sharingLayout, type Route } from './sharing';
import { tokenInputs, type ModelSpec } from './spec';
import { embedTokens, runTrunkLayers, trunkDropout, type Trunk } from './trunk';

export type { ArchitectureSettings, ModelSpec, ModelTask } from './spec';
export { modelSpecFor } from './spec';
export type { Trunk } from './trunk';

/** Variables updated together by one optimizer. `task` is set for a task's own parameters. */
export interface ParamGroup {
  readonly name: string;
  readonly task?: string;
  readonly kind: 'trunk' | 'head';
  readonly vars: readonly tf.Variable[];
}

const CROSS_STITCH = 'cross-stitch';

/**
 * Hard sharing: one trunk for all tasks, a head per task; optionally only
 * the lowest k layers are shared (each task owns the layers above), and each
 * head may read a lower layer (Søgaard & Goldberg 2016). Soft sharing: a
 * trunk per task (so λ = 0 gives independent models), all initialised from
 * the same seed, and a penalty λ·Σ_{i<j}‖θ_i − θ_j‖² pulls them together.
 * Cross-stitch (Misra et al. 2016): a trunk per task, and after every layer
 * each task's states become a learned mix of all tasks' states.
 */
export class MtlModel {
  readonly trunks: Map<string, Trunk>;
  readonly heads = new Map<string, TaskHead | LanguageModelHead>();
  private readonly routes: Map<string, Route>;
  /** Groups left out of training (a frozen encoder when fine-tuning). */
  private readonly frozen = new Set<string>();
  /** Cross-stitch units α_l [T, T], one per encoder layer; null for other sharing modes. */
  private readonly stitches: ParamSet | null;

  constructor(
    readonly spec: ModelSpec,
    seed: number,
  ) {
    if (spec.tasks.length === 0) throw new Error('a model needs at least one task');
    const layout = sharingLayout(spec, seed);
    this.trunks = layout.trunks;
    this.routes = layout.routes;
    this.stitches = layout.stitches;
    spec.tasks.forEach((task, i) => {
      const params = new ParamSet(new Random(seed * 7919 + 101 + i));
      const inputSize = this.route(task.name).base.encoder.outputSize;
      this.heads.set(
        task.name,
        task.languageModel
          ? new LanguageModelHead(params, inputSize, task.numLabels)
          : new TaskHead(params, task.kind, inputSize, spec.headLayers, task.numLabels),
      );
    });
  }

  private route(task: string): Route {
    const route = this.routes.get(task);
    if (!route) throw new Error(`unknown task ${task}`);
    return route;
  }

  head(task: string): TaskHead | LanguageModelHead {
    const head = this.heads.get(task);
    if (!head) throw new Error(`unknown task ${task}`);
    return head;
  }

  /** How the task's logits are scored: a language-model helper's hold two predictions per token. */
  lossKind(task: string): LossKind {
    const head = this.head(task);
    return head instanceof LanguageModelHead ? 'language-model' : head.kind;
  }

  /** ids [B, L × idsPerToken] int32 (see TokenEncoder), mask [B, L] → logits for the task. */
  forward(task: string, ids: tf.Tensor2D, mask: tf.Tensor2D, dropout?: TrainingDropout): tf.Tensor {
    if (this.stitches)
      return this.head(task).logits(this.stitchedStates(task, ids, mask, this.stitches, dropout), mask, dropout);
    return this.forwardFrom(task, this.sharedStates(task, ids, mask, dropout), mask, dropout);
  }

  /**
   * Tasks with the same key compute the same thing before their own layers
   * (hard sharing: the shared trunk up to the same layer), so their batches
   * can go through that part together, as one batch: one set of encoder
   * kernels for all of them. Null where a task's states are its own (soft
   * sharing, cross-stitch).
   */
  fusionKey(task: string): string | null {
    if (this.spec.sharing !== 'hard' || this.stitches) return null;
    const { base, read } = this.route(task);
    return `${base.name}:${Math.min(read, base.encoder.range.to)}`;
  }

  /** The part of `forward` that tasks with one fusion key share: embedding and shared layers, [B, L, H]. */
  sharedStates(task: string, ids: tf.Tensor2D, mask: tf.Tensor2D, dropout?: TrainingDropout): tf.Tensor3D {
    const { base, read } = this.route(task);
    const embedded = embedTokens(base, ids, mask, dropout);
    return runTrunkLayers(base.encoder, embedded, mask, 0, Math.min(read, base.encoder.range.to), dropout);
  }

  /** The rest of `forward` from `sharedStates` (the task's rows and length): its own layers, the encoder's exit, its head. */
  forwardFrom(task: string, shared: tf.Tensor3D, mask: tf.Tensor2D, dropout?: TrainingDropout): tf.Tensor {
    const { base, upper, read } = this.route(task);
    const states = upper
      ? upper.encoder.exit(runTrunkLayers(upper.encoder, shared, mask, upper.encoder.range.from, read, dropout), mask)
      : base.encoder.exit(shared, mask);
    return this.head(task).logits(states, mask, dropout);
  }

  /** Ids per token the model reads (1 for word ids alone). */
  get idsPerToken(): number {
    const { representation, suffixes } = tokenInputs(this.spec);
    return idsPerToken(representation, suffixes);
  }

  /** Every task's column on this batch, mixed by α_l after each layer; the task reads its own column. T encoder passes. */
  private stitchedStates(
    task: string,
    ids: tf.Tensor2D,
    mask: tf.Tensor2D,
    stitches: ParamSet,
    dropout?: TrainingDropout,
  ): tf.Tensor3D {
    const trunks = this.spec.tasks.map((t) => this.route(t.name).base);
    let columns = trunks.map((trunk) => embedTokens(trunk, ids, mask, dropout));
    for (let l = 0; l < this.spec.encoderLayers; l++) {
      const activated = trunks.map((trunk, i) => {
        const out = trunk.encoder.layer(l, columns[i] as tf.Tensor3D, mask);
        return dropout && dropout.trunk > 0 ? trunkDropout(out, dropout, l + 1 + 100 * i) : out;
      });
      columns = crossStitch(activated, stitches.matrix(`layer${l}/alpha`)) as tf.Tensor3D[];
    }
    const index = this.spec.tasks.findIndex((t) => t.name === task);
    return (trunks[index] as Trunk).encoder.exit(columns[index] as tf.Tensor3D, mask);
  }

  /** λ's factor: Σ_{i<j} Σ_k ‖θ_i[k] − θ_j[k]‖² over corresponding trunk weights; 0 for hard sharing. */
  softSharingPenalty(): tf.Scalar {
    return pairwiseTrunkDistance([...this.trunks.values()]);
  }

  /** Leaves a group (e.g. `trunk:shared`) out of paramGroups(), so no optimizer updates it. Before a trainer is made. */
  freeze(groupName: string): void {
    this.frozen.add(groupName);
  }

  /** The groups freeze() left out, e.g. for the PyTorch export, whose train.py leaves them as they are too. */
  frozenGroups(): string[] {
    return [...this.frozen];
  }

  paramGroups(): ParamGroup[] {
    return this.allParamGroups().filter((g) => !this.frozen.has(g.name));
  }

  private allParamGroups(): ParamGroup[] {
    const groups: ParamGroup[] = [];
    if (this.stitches) groups.push({ name: CROSS_STITCH, kind: 'trunk', vars: [...this.stitches.vars.values()] });
    for (const trunk of this.trunks.values()) {
      groups.push({
        name: `trunk:${trunk.name}`,
        kind: 'trunk',
        ...(trunk.name === SHARED_TRUNK ? {} : { task: trunk.name }),
        vars: [...trunk.params.vars.values()],
      });
    }
    for (const [task, head] of this.heads)
      groups.push({ name: `head:${task}`, kind: 'head', task, vars: [...head.params.vars.values()] });
    return groups;
  }

  /** Named copies of every weight, e.g. the best checkpoint for early stopping. */
  /** Copies of every weight under namedWeights() names (checkpoints, export and import share one naming). */
  snapshot(): Map<string, tf.Tensor> {
    return new Map([...this.namedWeights()].map(([name, v]) => [name, tf.keep(v.clone())]));
  }

  restore(snapshot: ReadonlyMap<string, tf.Tensor>): void {
    this.assignWeights(Object.fromEntries(snapshot));
  }

  /** Every weight under a stable name (`trunk:shared/conv0/kernel`, `head:ner/output/bias`), for export. */
  namedWeights(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const t of this.trunks.values()) for (const [name, v] of t.params.vars) out.set(`trunk:${t.name}/${name}`, v);
    for (const [task, h] of this.heads) for (const [name, v] of h.params.vars) out.set(`head:${task}/${name}`, v);
    if (this.stitches) for (const [name, v] of this.stitches.vars) out.set(`${CROSS_STITCH}/${name}`, v);
    return out;
  }

  /** Sets weights from namedWeights()-style names; every weight must be given with its shape. */
  assignWeights(values: Readonly<Record<string, tf.Tensor>>): void {
    const named = this.namedWeights();
    for (const [name, v] of named) {
      const value = values[name];
      if (!value) throw new Error(`the weights have no value for ${name}`);
      if (value.shape.join('x') !== v.shape.join('x'))
        throw new Error(`${name} has shape ${value.shape.join('×')}, the model expects ${v.shape.join('×')}`);
    }
    for (const [name, v] of named) v.assign(values[name] as tf.Tensor);
  }

  get parameterCount(): number {
    let n = 0;
    for (const t of this.trunks.values()) n += t.params.size;
    for (const h of this.heads.values()) n += h.params.size;
    return n + (this.stitches?.size ?? 0);
  }

  dispose(): void {
    for (const t of this.trunks.values()) t.encoder.dispose();
    for (const h of this.heads.values()) h.dispose();
    this.stitches?.dispose();
    this.trunks.clear();
    this.heads.clear();
  }
}
