import * as tf from '@tensorflow/tfjs';
import type { EncoderKind, ExperimentSettings } from '../config/experiment';
import { Random } from '../data/random';
import type { TaskKind } from '../data/types';
import { CnnEncoder } from './cnnEncoder';
import type { Encoder, EncoderOptions } from './encoder';
import { BiGruEncoder } from './gruEncoder';
import { TaskHead, type HeadDropout } from './head';
import { applyMask, sumScalars } from './ops';
import { ParamSet } from './params';
import { TransformerEncoder } from './transformerEncoder';

export interface ModelTask {
  readonly name: string;
  readonly kind: TaskKind;
  readonly numLabels: number;
}

export type ArchitectureSettings = Pick<
  ExperimentSettings,
  'sharing' | 'encoder' | 'embeddingDim' | 'hiddenSize' | 'encoderLayers' | 'headLayers' | 'kernelSize' | 'attentionHeads'
>;

export interface ModelSpec extends ArchitectureSettings {
  readonly vocabSize: number;
  readonly tasks: readonly ModelTask[];
}

/** The model an experiment asks for, sized by its prepared data. */
export function modelSpecFor(settings: ArchitectureSettings, vocabSize: number, tasks: readonly ModelTask[]): ModelSpec {
  const { sharing, encoder, embeddingDim, hiddenSize, encoderLayers, headLayers, kernelSize, attentionHeads } = settings;
  return { sharing, encoder, embeddingDim, hiddenSize, encoderLayers, headLayers, kernelSize, attentionHeads, vocabSize, tasks };
}

/** The shared part θ (hard) or one task's θ_i (soft): token embedding + encoder. */
export interface Trunk {
  readonly name: string;
  readonly params: ParamSet;
  readonly encoder: Encoder;
}

/** Variables updated together by one optimizer. `task` is set for a task's own parameters. */
export interface ParamGroup {
  readonly name: string;
  readonly task?: string;
  readonly kind: 'trunk' | 'head';
  readonly vars: readonly tf.Variable[];
}

export const SHARED_TRUNK = 'shared';

function createEncoder(kind: EncoderKind, params: ParamSet, options: EncoderOptions): Encoder {
  switch (kind) {
    case 'cnn':
      return new CnnEncoder(params, options);
    case 'bigru':
      return new BiGruEncoder(params, options);
    case 'transformer':
      return new TransformerEncoder(params, options);
  }
}

/**
 * Hard sharing: one trunk for all tasks, a head per task. Soft sharing: a
 * trunk per task (so λ = 0 gives independent models), all initialised from
 * the same seed, and a penalty λ·Σ_{i<j}‖θ_i − θ_j‖² pulls them together.
 */
export class MtlModel {
  readonly trunks = new Map<string, Trunk>();
  readonly heads = new Map<string, TaskHead>();

  constructor(readonly spec: ModelSpec, seed: number) {
    if (spec.tasks.length === 0) throw new Error('a model needs at least one task');
    const trunkNames = spec.sharing === 'hard' ? [SHARED_TRUNK] : spec.tasks.map((t) => t.name);
    for (const name of trunkNames) this.trunks.set(name, this.createTrunk(name, new Random(seed)));
    spec.tasks.forEach((task, i) => {
      const trunk = this.trunkOf(task.name);
      const params = new ParamSet(new Random(seed * 7919 + 101 + i));
      this.heads.set(task.name, new TaskHead(params, task.kind, trunk.encoder.outputSize, spec.headLayers, task.numLabels));
    });
  }

  private createTrunk(name: string, random: Random): Trunk {
    const s = this.spec;
    const params = new ParamSet(random);
    params.uniform('embedding', [s.vocabSize, s.embeddingDim], 0.05);
    const encoder = createEncoder(s.encoder, params, {
      inputSize: s.embeddingDim,
      hiddenSize: s.hiddenSize,
      layers: s.encoderLayers,
      kernelSize: s.kernelSize,
      attentionHeads: s.attentionHeads,
    });
    return { name, params, encoder };
  }

  trunkOf(task: string): Trunk {
    const trunk = this.trunks.get(this.spec.sharing === 'hard' ? SHARED_TRUNK : task);
    if (!trunk) throw new Error(`unknown task ${task}`);
    return trunk;
  }

  head(task: string): TaskHead {
    const head = this.heads.get(task);
    if (!head) throw new Error(`unknown task ${task}`);
    return head;
  }

  /** ids [B, L] int32, mask [B, L] → logits for the task. */
  forward(task: string, ids: tf.Tensor2D, mask: tf.Tensor2D, dropout?: HeadDropout): tf.Tensor {
    const trunk = this.trunkOf(task);
    // Padding embeds to zeros, so no encoder sees the <pad> row and outputs do not depend on padding length.
    const embedded = applyMask(tf.gather(trunk.params.matrix('embedding'), ids) as unknown as tf.Tensor3D, mask);
    return this.head(task).logits(trunk.encoder.encode(embedded, mask), mask, dropout);
  }

  /** λ's factor: Σ_{i<j} Σ_k ‖θ_i[k] − θ_j[k]‖² over corresponding trunk weights; 0 for hard sharing. */
  softSharingPenalty(): tf.Scalar {
    const trunks = [...this.trunks.values()];
    const terms: tf.Scalar[] = [];
    for (let i = 0; i < trunks.length; i++) {
      for (let j = i + 1; j < trunks.length; j++) {
        const a = trunks[i] as Trunk;
        const b = trunks[j] as Trunk;
        for (const [name, va] of a.params.vars) terms.push(tf.sum(tf.square(tf.sub(va, b.params.get(name)))));
      }
    }
    return sumScalars(terms);
  }

  paramGroups(): ParamGroup[] {
    const groups: ParamGroup[] = [];
    for (const trunk of this.trunks.values()) {
      groups.push({
        name: `trunk:${trunk.name}`,
        kind: 'trunk',
        ...(trunk.name === SHARED_TRUNK ? {} : { task: trunk.name }),
        vars: [...trunk.params.vars.values()],
      });
    }
    for (const [task, head] of this.heads) groups.push({ name: `head:${task}`, kind: 'head', task, vars: [...head.params.vars.values()] });
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
    return out;
  }

  /** Sets weights from namedWeights()-style names; every weight must be given with its shape. */
  assignWeights(values: Readonly<Record<string, tf.Tensor>>): void {
    const named = this.namedWeights();
    for (const [name, v] of named) {
      const value = values[name];
      if (!value) throw new Error(`the weights have no value for ${name}`);
      if (value.shape.join('x') !== v.shape.join('x')) throw new Error(`${name} has shape ${value.shape.join('×')}, the model expects ${v.shape.join('×')}`);
    }
    for (const [name, v] of named) v.assign(values[name] as tf.Tensor);
  }

  get parameterCount(): number {
    let n = 0;
    for (const t of this.trunks.values()) n += t.params.size;
    for (const h of this.heads.values()) n += h.params.size;
    return n;
  }

  dispose(): void {
    for (const t of this.trunks.values()) t.encoder.dispose();
    for (const h of this.heads.values()) h.dispose();
    this.trunks.clear();
    this.heads.clear();
  }
}
