import { sampleSentences, toConllu, toIob2 } from './samples/sentences';
import { sentimentSamples, toSentimentTsv } from './samples/sentiment';

/**
 * Offline sample corpora written by the team: sentences built from templates
 * and a small lexicon, labelled with the real corpora's label sets (UPOS for
 * POS, IOB2 PER/ORG/LOC for NER, 0/1 for sentiment). They let the app and the
 * tests run with no network; they are not a substitute for the real data.
 *
 * So that they behave a little like language (curves that rise over a few
 * hundred steps and level off below 100 %): many names are coined from
 * syllables, so dev and test hold names never seen in training (what
 * affixes, shapes and characters are for); some words are ambiguous
 * (Jordan and Georgia are people or places, "plan" and "work" nouns or
 * verbs, "that" a determiner or a conjunction), decided by context; and a
 * few labels are wrong, as in any annotated corpus.
 *
 * The words are in samples/lexicon.ts, the POS/NER sentence templates in
 * samples/templates.ts, the sentence generator and its CoNLL-U / IOB2 output
 * in samples/sentences.ts, and the sentiment generator in samples/sentiment.ts.
 */

export interface SampleCorpus {
  readonly pos: { train: string; dev: string; test: string };
  readonly ner: { train: string; dev: string; test: string };
  readonly sentiment: { train: string; dev: string; test: string };
}

/** The built-in offline corpora: POS and NER annotate the same sentences (joinable on sent_id). */
export function sampleCorpus(): SampleCorpus {
  const split = (n: number, seed: number, name: string) => sampleSentences(n, seed, `sample-${name}`);
  const train = split(400, 11, 'train');
  const dev = split(100, 12, 'dev');
  const test = split(100, 13, 'test');
  return {
    pos: { train: toConllu(train), dev: toConllu(dev), test: toConllu(test) },
    ner: { train: toIob2(train), dev: toIob2(dev), test: toIob2(test) },
    sentiment: {
      train: toSentimentTsv(sentimentSamples(400, 21)),
      dev: toSentimentTsv(sentimentSamples(100, 22)),
      test: toSentimentTsv(sentimentSamples(100, 23)),
    },
  };
}
