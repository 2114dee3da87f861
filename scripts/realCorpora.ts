import type { TaskFiles } from '../src/data/prepare';
import { readShared } from '../src/testing/sharedData';

/**
 * The real corpora in ../shared/data standing in for what the page downloads
 * for its built-in tasks. The UNER train file is not there: its dev file
 * trains NER (as in e2e/datasets.spec.ts); POS trains on the 460-document
 * train file and validates on dev.
 */
export function pageCorpora(): Record<string, TaskFiles> {
  const read = (path: string) => ({ name: path, text: readShared(path) });
  return {
    sentiment: { train: read('sst2/train.tsv'), test: read('sst2/dev.tsv') },
    ner: { train: read('uner-english-ewt/en_ewt-ud-dev.iob2'), test: read('uner-english-ewt/en_ewt-ud-test.iob2') },
    pos: {
      train: read('ud-english-ewt/en_ewt-ud-train-460docs.conllu'),
      dev: read('ud-english-ewt/en_ewt-ud-dev.conllu'),
      test: read('ud-english-ewt/en_ewt-ud-test.conllu'),
    },
  };
}
