import type { DataFormat } from '../config/experiment';
import type { BuiltInTaskName } from '../config/builtInTasks';
import { SST2_LABELS, UNER_TAGS, UPOS_TAGS } from './labels';

export type Split = 'train' | 'dev' | 'test';

export interface CorpusFile {
  readonly split: Split;
  /** Pinned: a fixed commit, so every visitor trains on the same bytes. */
  readonly url: string;
  /** Refused beyond this size: a wrong URL must not fill the browser's storage. */
  readonly maxBytes: number;
  /** Roughly what the file weighs, for the progress bar when the server sends no length. */
  readonly approxBytes: number;
}

/** A built-in task's real corpus: where it comes from and how it may be used. */
export interface Corpus {
  readonly task: BuiltInTaskName;
  readonly name: string;
  readonly version: string;
  readonly homepage: string;
  readonly licence: string;
  readonly citation: string;
  readonly format: DataFormat;
  readonly labels: readonly string[];
  readonly files: readonly CorpusFile[];
  /** How the corpus's splits are used, when that is not obvious. */
  readonly note?: string;
}

const MB = 1024 * 1024;
const UD_COMMIT = '15d613d8447b3478787d4c278730a1e48a945efb';
const UNER_COMMIT = '8ed072de2fd24022cc62458997fe96a8fe191ea4';
// No single public copy of GLUE's SST-2 was found with both files checkable
// from here: train comes from one repository, GLUE dev from another; each
// was read at its commit and matches GLUE (67,349 train phrases; 872 dev
// sentences, 94,921 characters, a `text<TAB>label` header, first sentence as GLUE's).
const SST2_TRAIN =
  'https://raw.githubusercontent.com/awake020/pytorch_Bert_sst2/54e22ca58a656750f474ec61ebccaf5ff596de96/SST-2/train.tsv';
const SST2_DEV =
  'https://raw.githubusercontent.com/TaoCesc/binary_cls/6a73b09b39af0efe049622662211f3657c75a15e/data/SST-2/dev.tsv';

const ud = (split: Split, approxBytes: number): CorpusFile => ({
  split,
  url: `https://raw.githubusercontent.com/UniversalDependencies/UD_English-EWT/${UD_COMMIT}/en_ewt-ud-${split}.conllu`,
  maxBytes: 40 * MB,
  approxBytes,
});
const uner = (split: Split, approxBytes: number): CorpusFile => ({
  split,
  url: `https://raw.githubusercontent.com/UniversalNER/UNER_English-EWT/${UNER_COMMIT}/en_ewt-ud-${split}.iob2`,
  maxBytes: 20 * MB,
  approxBytes,
});
const sst2 = (split: Split, url: string, approxBytes: number): CorpusFile => ({
  split,
  url,
  maxBytes: 20 * MB,
  approxBytes,
});

export const CORPORA: readonly Corpus[] = [
  {
    task: 'sentiment',
    name: 'SST-2 (GLUE)',
    version: 'GLUE SST-2: train from awake020/pytorch_Bert_sst2 at 54e22ca, dev from TaoCesc/binary_cls at 6a73b09',
    homepage: 'https://gluebenchmark.com/tasks',
    licence: 'research use (Stanford Sentiment Treebank)',
    citation:
      'Socher et al. 2013, Recursive Deep Models for Semantic Compositionality Over a Sentiment Treebank, EMNLP; Wang et al. 2019, GLUE, ICLR.',
    format: 'tsv',
    labels: SST2_LABELS,
    files: [sst2('train', SST2_TRAIN, 3.8 * MB), sst2('test', SST2_DEV, 0.1 * MB)],
    note: 'GLUE keeps the test labels private, so the GLUE dev sentences are the test split here; validation is held out from train.',
  },
  {
    task: 'ner',
    name: 'Universal NER English-EWT',
    version: `UNER_English-EWT at commit ${UNER_COMMIT.slice(0, 7)}`,
    homepage: 'https://github.com/UniversalNER/UNER_English-EWT',
    licence: 'CC BY-SA 4.0',
    citation:
      'Mayhew et al. 2024, Universal NER: A Gold-Standard Multilingual Named Entity Recognition Benchmark, NAACL.',
    format: 'iob2',
    labels: UNER_TAGS,
    files: [uner('train', 3.9 * MB), uner('dev', 0.6 * MB), uner('test', 0.6 * MB)],
  },
  {
    task: 'pos',
    name: 'UD English-EWT',
    version: `UD_English-EWT at commit ${UD_COMMIT.slice(0, 7)}`,
    homepage: 'https://github.com/UniversalDependencies/UD_English-EWT',
    licence: 'CC BY-SA 4.0',
    citation:
      'Silveira et al. 2014, A Gold Standard Dependency Corpus for English, LREC; de Marneffe et al. 2021, Universal Dependencies, Computational Linguistics.',
    format: 'conllu',
    labels: UPOS_TAGS,
    files: [ud('train', 13.3 * MB), ud('dev', 1.8 * MB), ud('test', 1.8 * MB)],
  },
];

/** Every host the app downloads from: the Content-Security-Policy allows exactly these. */
export const CORPUS_ORIGINS: readonly string[] = [
  ...new Set(CORPORA.flatMap((c) => c.files.map((f) => new URL(f.url).origin))),
];

export function corpusOf(task: string): Corpus | undefined {
  return CORPORA.find((c) => c.task === task);
}
