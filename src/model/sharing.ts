import * as tf from '../tf';
import { Random } from '../data/random';
import { initialCrossStitch } from './crossStitch';
import type { LayerRange } from './encoder';
import { sumScalars } from './ops';
import { ParamSet } from './params';
import type { ModelSpec } from './spec';
import { createTrunk, type Trunk } from './trunk';

/** The name of hard sharing's shared trunk (its parameter group is `trunk:shared`). */
export const SHARED_TRUNK = 'shared';

/** How a task's input reaches its head: layers [0, k) of the first trunk, then [k, read) of its own upper trunk if any. */
export interface Route {
  readonly base: Trunk;
  readonly upper: Trunk | null;
  /** How many layers the head reads above (1-based layer number). */
  readonly read: number;
}

/** The trunks a sharing mode builds (in creation order), each task's route through them, and the cross-stitch units. */
export interface SharingLayout {
  readonly trunks: Map<string, Trunk>;
  readonly routes: Map<string, Route>;
  /** Cross-stitch units α_l [T, T], one per encoder layer; null for other sharing modes. */
  readonly stitches: ParamSet | null;
}

/**
 * Hard sharing: one trunk for all tasks; with k shared layers, a task that
 * reads above them owns layers [k, read), seeded apart from the others. Soft
 * sharing and cross-stitch: a trunk per task, all from the same seed.
 */
export function sharingLayout(spec: ModelSpec, seed: number): SharingLayout {
  const trunks = new Map<string, Trunk>();
  const routes = new Map<string, Route>();
  let stitches: ParamSet | null = null;
  const addTrunk = (name: string, random: Random, range: LayerRange): Trunk => {
    const trunk = createTrunk(spec, name, random, range);
    trunks.set(name, trunk);
    return trunk;
  };
  const layers = spec.encoderLayers;
  if (spec.sharing === 'hard') {
    const sharedCount = spec.sharedLayers > 0 ? Math.min(spec.sharedLayers, layers) : layers;
    const shared = addTrunk(SHARED_TRUNK, new Random(seed), { from: 0, to: sharedCount });
    spec.tasks.forEach((task, i) => {
      const read = Math.min(task.readLayer ?? layers, layers);
      // A task reading above the shared layers owns layers [k, read), seeded apart from the others.
      const upper =
        read > sharedCount
          ? addTrunk(task.name, new Random(seed * 104_729 + 17 + i), { from: sharedCount, to: read })
          : null;
      routes.set(task.name, { base: shared, upper, read });
    });
  } else {
    for (const task of spec.tasks)
      routes.set(task.name, {
        base: addTrunk(task.name, new Random(seed), { from: 0, to: layers }),
        upper: null,
        read: layers,
      });
    if (spec.sharing === 'crossstitch') {
      stitches = new ParamSet(new Random(seed));
      for (let l = 0; l < layers; l++) stitches.fromTensor(`layer${l}/alpha`, initialCrossStitch(spec.tasks.length));
    }
  }
  return { trunks, routes, stitches };
}

/** Soft sharing's penalty factor: Σ_{i<j} Σ_k ‖θ_i[k] − θ_j[k]‖² over corresponding weights of the trunks. */
export function pairwiseTrunkDistance(trunkList: readonly Trunk[]): tf.Scalar {
  const terms: tf.Scalar[] = [];
  for (let i = 0; i < trunkList.length; i++) {
    for (let j = i + 1; j < trunkList.length; j++) {
      const a = trunkList[i] as Trunk;
      const b = trunkList[j] as Trunk;
      for (const [name, va] of a.params.vars) terms.push(tf.sum(tf.square(tf.sub(va, b.params.get(name)))));
    }
  }
  return sumScalars(terms);
}
