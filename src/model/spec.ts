import type { ExperimentSettings } from '../config/experiment';
import { DEFAULT_AFFIX_ROWS, DEFAULT_SUFFIXES, type Representation, type Suffixes } from '../data/tokenFeatures';
import type { TaskKind } from '../data/types';

/**
 * What a multi-task model is: its architecture settings, vocabulary size and
 * tasks. Plain data, saved with an exported model and read back to rebuild it.
 */

export interface ModelTask {
  readonly name: string;
  readonly kind: TaskKind;
  readonly numLabels: number;
  /** Hard sharing: the 1-based encoder layer the head reads (default the top). */
  readonly readLayer?: number;
  /** A language-model helper: its head predicts the next word from the forward half of the states and the previous word from the backward half. */
  readonly languageModel?: boolean;
}

export type ArchitectureSettings = Pick<
  ExperimentSettings,
  | 'sharing'
  | 'encoder'
  | 'embeddingDim'
  | 'hiddenSize'
  | 'encoderLayers'
  | 'sharedLayers'
  | 'headLayers'
  | 'kernelSize'
  | 'attentionHeads'
> &
  // Absent in models saved before they existed: read by tokenInputs.
  { readonly representation?: Representation; readonly affixRows?: number; readonly suffixes?: Suffixes };

/** How a spec's tokens become ids: models saved before these settings existed read word ids, had 2,039-row affix tables and hashed the last 3 code points. */
export function tokenInputs(s: ArchitectureSettings): {
  representation: Representation;
  affixRows: number;
  suffixes: Suffixes;
} {
  return {
    representation: s.representation ?? 'word',
    affixRows: s.affixRows ?? DEFAULT_AFFIX_ROWS,
    suffixes: s.suffixes ?? DEFAULT_SUFFIXES,
  };
}

export interface ModelSpec extends ArchitectureSettings {
  readonly vocabSize: number;
  readonly tasks: readonly ModelTask[];
  /** Layer normalisation in the CNN's residual blocks. Absent in models saved before it existed, which keep their plain blocks. */
  readonly encoderNorm?: boolean;
}

/** The model an experiment asks for, sized by its prepared data. */
export function modelSpecFor(
  settings: ArchitectureSettings,
  vocabSize: number,
  tasks: readonly ModelTask[],
): ModelSpec {
  const {
    sharing,
    encoder,
    embeddingDim,
    hiddenSize,
    encoderLayers,
    sharedLayers,
    headLayers,
    kernelSize,
    attentionHeads,
  } = settings;
  const representation = settings.representation ?? 'word';
  return {
    sharing,
    encoder,
    representation,
    ...(settings.affixRows === undefined ? {} : { affixRows: settings.affixRows }),
    ...(settings.suffixes === undefined ? {} : { suffixes: settings.suffixes }),
    embeddingDim,
    hiddenSize,
    encoderLayers,
    sharedLayers,
    headLayers,
    kernelSize,
    attentionHeads,
    vocabSize,
    tasks,
    encoderNorm: true,
  };
}
