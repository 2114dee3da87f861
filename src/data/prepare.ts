import type { ExperimentConfig, TaskSpec } from '../config/experiment';
import type { EncodedExample } from './batching';
import { parseTaskFile, type ParsedExamples } from './formats';
import { ParseError } from './parseError';
import { Random } from './random';
import type { LabelledText, TaggedSentence, TaskKind } from './types';
import { TokenEncoder } from './tokenFeatures';
import { Vocabulary } from './vocabulary';
import { languageModelExample, languageModelLabels } from './languageModel';

/** The text of one data file and a name for messages (a path or a file name). */
export interface DataFile {
  readonly name: string;
  readonly text: string;
}

export interface TaskFiles {
  readonly train: DataFile;
  /** Validation data; without it a seeded share of train is held out. */
  readonly dev?: DataFile;
  readonly test?: DataFile;
}

/** A data problem that is not a syntax error: an unseen label, an empty split. */
export class DataError extends Error {
  override readonly name = 'DataError';
}

export type SplitName = 'train' | 'valid' | 'test';

export interface PreparedTask {
  readonly spec: TaskSpec;
  readonly kind: TaskKind;
  /** Output labels (tags or classes), from the training file, sorted. */
  readonly labels: readonly string[];
  readonly splits: Readonly<Record<SplitName, readonly EncodedExample[]>>;
  /** Raw tokens and gold labels per split, for metrics and inspection. */
  readonly gold: Readonly<Record<SplitName, readonly (TaggedSentence | LabelledText)[]>>;
}

export interface PreparedData {
  readonly vocabulary: Vocabulary;
  /** Tokens → the ids the model's representation reads. */
  readonly tokenEncoder: TokenEncoder;
  /** How often each vocabulary id occurs in the training splits (word dropout's c). */
  readonly wordCounts: Int32Array;
  readonly tasks: readonly PreparedTask[];
}

function parseFile(file: DataFile, spec: TaskSpec): ParsedExamples {
  try {
    return parseTaskFile(file.text, spec);
  } catch (err) {
    if (err instanceof ParseError) throw err.withFile(file.name);
    throw err;
  }
}

function labelsOf(parsed: ParsedExamples): string[] {
  const set = new Set<string>();
  if (parsed.kind === 'tagging') for (const s of parsed.examples) for (const t of s.tags) set.add(t);
  else for (const e of parsed.examples) set.add(e.label);
  return [...set].sort();
}

function encode(
  parsed: readonly (TaggedSentence | LabelledText)[],
  tokenEncoder: TokenEncoder,
  labelIndex: ReadonlyMap<string, number>,
  task: string,
  file: string,
): EncodedExample[] {
  const labelId = (label: string, line: number) => {
    const id = labelIndex.get(label);
    if (id === undefined) {
      throw new DataError(`task "${task}": ${file} line ${line}: label "${label}" was not seen in the training data`);
    }
    return id;
  };
  return parsed.map((e) => ({
    ids: tokenEncoder.encode(e.tokens),
    target: 'tags' in e ? Int32Array.from(e.tags, (t) => labelId(t, e.line)) : labelId(e.label, e.line),
  }));
}

/**
 * Parses, splits, caps and encodes every task's files. The vocabulary comes
 * from the (capped) training splits of all tasks together (or is given); label sets from
 * each task's whole training file. Shuffles are seeded by the experiment seed.
 */
export function prepareData(
  config: ExperimentConfig,
  files: Readonly<Record<string, TaskFiles>>,
  fixedVocabulary?: Vocabulary,
): PreparedData {
  const parsedTasks = config.tasks.map((spec, taskIndex) => {
    // A language-model helper reads its source's files, split and capped as the source's are (same seed), so it never trains on the source's validation or test sentences.
    const sourceIndex =
      spec.languageModelOf === undefined ? taskIndex : config.tasks.findIndex((t) => t.name === spec.languageModelOf);
    const source = config.tasks[sourceIndex];
    if (source === undefined)
      throw new DataError(
        `task "${spec.name}" models the sentences of "${spec.languageModelOf ?? ''}", which is not a task of this experiment`,
      );
    const taskFiles = files[source.name];
    if (taskFiles === undefined) throw new DataError(`task "${source.name}" has no training file`);
    const train = parseFile(taskFiles.train, source);
    if (train.kind !== source.kind)
      throw new DataError(`task "${source.name}": its ${source.format} file holds ${train.kind} data`);
    const random = new Random(config.seed * 1000 + sourceIndex);
    const shuffled = random.shuffle<TaggedSentence | LabelledText>(train.examples);
    let valid: (TaggedSentence | LabelledText)[];
    let rest: (TaggedSentence | LabelledText)[];
    if (taskFiles.dev) {
      valid = parseFile(taskFiles.dev, source).examples;
      rest = shuffled;
    } else {
      const held = Math.round(shuffled.length * config.validationFraction);
      valid = shuffled.slice(0, held);
      rest = shuffled.slice(held);
    }
    const trainExamples = rest.slice(0, spec.maxTrain ?? source.maxTrain ?? rest.length);
    if (trainExamples.length === 0)
      throw new DataError(`task "${spec.name}" has no training examples left after the validation split`);
    const test = taskFiles.test ? parseFile(taskFiles.test, source).examples : [];
    if (spec.languageModelOf === undefined)
      return { spec, labels: labelsOf(train), trainExamples, valid, test, taskFiles };
    const labels = languageModelLabels(
      trainExamples.map((e) => e.tokens),
      config.lowercase,
    );
    const known = new Set(labels);
    const asHelper = (examples: readonly (TaggedSentence | LabelledText)[]) =>
      examples.map((e) => languageModelExample(e, known, config.lowercase));
    return {
      spec,
      labels,
      trainExamples: asHelper(trainExamples),
      valid: asHelper(valid),
      test: asHelper(test),
      taskFiles,
    };
  });
  // A helper's sentences are its source's: counted once in the vocabulary and in word counts.
  const isHelper = (spec: TaskSpec) => spec.languageModelOf !== undefined;

  // A fine-tuned run keeps the vocabulary its encoder was trained with: its embedding rows mean those tokens.
  const vocabulary =
    fixedVocabulary ??
    Vocabulary.build(
      parsedTasks.filter((t) => !isHelper(t.spec)).flatMap((t) => t.trainExamples.map((e) => e.tokens)),
      { minCount: config.minCount, lowercase: config.lowercase, maxSize: config.maxVocab },
    );

  const tokenEncoder = new TokenEncoder(config.representation, vocabulary, config.affixRows, config.suffixes);
  const tasks = parsedTasks.map(({ spec, labels, trainExamples, valid, test, taskFiles }) => {
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const enc = (examples: readonly (TaggedSentence | LabelledText)[], file: string) =>
      encode(examples, tokenEncoder, labelIndex, spec.name, file);
    return {
      spec,
      kind: spec.kind,
      labels,
      splits: {
        train: enc(trainExamples, taskFiles.train.name),
        valid: enc(valid, taskFiles.dev?.name ?? taskFiles.train.name),
        test: enc(test, taskFiles.test?.name ?? 'test'),
      },
      gold: { train: trainExamples, valid, test },
    };
  });
  return { vocabulary, tokenEncoder, wordCounts: wordCounts(tasks, vocabulary.size, tokenEncoder.idsPerToken), tasks };
}

function wordCounts(tasks: readonly PreparedTask[], vocabularySize: number, idsPerToken: number): Int32Array {
  const counts = new Int32Array(vocabularySize);
  for (const task of tasks) {
    if (task.spec.languageModelOf !== undefined) continue;
    for (const example of task.splits.train) {
      for (let i = 0; i < example.ids.length; i += idsPerToken) {
        const id = example.ids[i] as number;
        counts[id] = (counts[id] ?? 0) + 1;
      }
    }
  }
  return counts;
}
