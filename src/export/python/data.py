"""Text to the ids the model reads, exactly as the browser makes them
(src/data/tokenize.ts, vocabulary.ts and tokenFeatures.ts): the same
tokenizer, vocabulary file, hashed features and padding.
Every function works on Unicode code points, in any script."""
import json
import unicodedata

import torch

PAD_ID, UNK_ID = 0, 1
# Rows of the prefix and of the suffix table when a model does not say (saved before `affixRows`), and of the shape table.
DEFAULT_AFFIX_ROWS = 2039
SHAPE_ROWS = 251
AFFIX_LENGTH = 3
# Which suffixes `features` hashes when a model does not say (saved before `suffixes`): the last 3 code points.
DEFAULT_SUFFIXES = "3"
CHARS_PER_WORD = 16
CHAR_ROWS = 1021
CLITICS = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"]

FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193
MASK32 = 0xFFFFFFFF


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def is_word_char(ch):
    return unicodedata.category(ch)[0] in ("L", "N")


def tokenize(text):
    """Punctuation apart and clitics such as n't and 's split off, as the Penn Treebank does; already tokenised text passes unchanged."""
    tokens = []
    for piece in text.strip().split():
        if piece.lower() in CLITICS:
            tokens.append(piece)
            continue
        start = 0
        while start < len(piece) and not is_word_char(piece[start]):
            start += 1
        if start == len(piece):
            tokens.append(piece)
            continue
        end = len(piece)
        while end > start and not is_word_char(piece[end - 1]):
            end -= 1
        push_marks(tokens, piece[:start])
        core = piece[start:end]
        for clitic in CLITICS:
            if utf16_length(core) > len(clitic) and core.lower().endswith(clitic):
                tokens.extend([core[: len(core) - len(clitic)], core[len(core) - len(clitic) :]])
                break
        else:
            tokens.append(core)
        push_marks(tokens, piece[end:])
    return tokens


def push_marks(tokens, marks):
    """Runs of the same mark ("...", "!!") stay one token; different marks split."""
    run = ""
    for ch in marks:
        if run and ch != run[-1]:
            tokens.append(run)
            run = ""
        run += ch
    if run:
        tokens.append(run)


def imul(a, b):
    return (a * b) & MASK32


def hash_code_points(text, salt):
    """32-bit FNV-1a over the code points (3 bytes each), salted per attribute."""
    h = (FNV_OFFSET ^ imul(salt + 1, 0x9E3779B1)) & MASK32
    for ch in text:
        code = ord(ch)
        for _ in range(3):
            h = imul(h ^ (code & 0xFF), FNV_PRIME)
            code >>= 8
    return h


def hash_row(text, salt, rows):
    return 1 + hash_code_points(text, salt) % (rows - 1)


def word_shape(word):
    """X for upper-case letters, x for other letters, d for digits, other characters kept; marks skipped; runs stop after 4."""
    out, last, run = "", "", 0
    for ch in unicodedata.normalize("NFC", word):
        category = unicodedata.category(ch)
        if category[0] == "M":
            continue
        symbol = "X" if category in ("Lu", "Lt") else "x" if category[0] == "L" else "d" if category[0] == "N" else ch
        run = run + 1 if symbol == last else 1
        last = symbol
        if run <= 4:
            out += symbol
    return out


def affixes(word, suffixes=DEFAULT_SUFFIXES):
    """The affixes `features` hashes, cut from one split of the lower-cased word's code points (affixes in tokenFeatures.ts)."""
    chars = list(unicodedata.normalize("NFC", word).lower())

    def last(n):
        return "".join(chars[-n:])

    out = {"prefix": "".join(chars[:AFFIX_LENGTH]), "suffix": last(AFFIX_LENGTH)}
    return {**out, "suffix2": last(2), "suffix4": last(4)} if suffixes == "2-4" else out


def char_ids(word):
    chars = list(unicodedata.normalize("NFC", word))
    if len(chars) > CHARS_PER_WORD:
        chars = chars[: CHARS_PER_WORD // 2] + chars[-CHARS_PER_WORD // 2 :]
    return [1 + ord(c) % (CHAR_ROWS - 1) for c in chars] + [PAD_ID] * (CHARS_PER_WORD - len(chars))


class Vocabulary:
    """vocab.json: the browser's word list (ids are positions; 0 is <pad>, 1 is <unk>) and whether it is lower-cased."""

    def __init__(self, tokens, lowercase):
        self.tokens = tokens
        self.lowercase = lowercase
        self.index = {t: i for i, t in enumerate(tokens)}

    @staticmethod
    def load(path):
        with open(path, encoding="utf-8") as f:
            v = json.load(f)
        return Vocabulary(v["tokens"], v["lowercase"])

    def id(self, token):
        return self.index.get(token.lower() if self.lowercase else token, UNK_ID)


def hashed_attributes(suffixes):
    """The attributes `features` hashes, in id order; the extra suffixes come last (hashedAttributes in tokenFeatures.ts)."""
    return ["prefix", "suffix", "shape"] + (["suffix2", "suffix4"] if suffixes == "2-4" else [])


def feature_table_offsets(affix_rows, suffixes=DEFAULT_SUFFIXES):
    """Where each hashed attribute's block starts in the one feature table, and its rows (featureTableLayout in tokenFeatures.ts)."""
    offsets, at = {}, 0
    for attribute in hashed_attributes(suffixes):
        offsets[attribute] = at
        at += SHAPE_ROWS if attribute == "shape" else affix_rows
    return {**offsets, "end": at}


def feature_table_rows(affix_rows, suffixes=DEFAULT_SUFFIXES):
    return feature_table_offsets(affix_rows, suffixes)["end"]


def ids_per_token(representation, suffixes=DEFAULT_SUFFIXES):
    return {"word": 1, "features": 1 + len(hashed_attributes(suffixes)), "chars": 1 + CHARS_PER_WORD}[representation]


def encode(tokens, representation, vocabulary, affix_rows, suffixes=DEFAULT_SUFFIXES):
    """n tokens → n × ids-per-token ids, token by token, the word id first."""
    at = feature_table_offsets(affix_rows, suffixes)
    out = []
    for token in tokens:
        out.append(vocabulary.id(token))
        if representation == "features":
            cut = affixes(token, suffixes)
            # Each attribute has its own block of rows in one table (row 0 of each is padding).
            out.append(at["prefix"] + hash_row(cut["prefix"], 1, affix_rows))
            out.append(at["suffix"] + hash_row(cut["suffix"], 2, affix_rows))
            out.append(at["shape"] + hash_row(word_shape(token), 3, SHAPE_ROWS))
            if suffixes == "2-4":
                out.append(at["suffix2"] + hash_row(cut["suffix2"], 4, affix_rows))
                out.append(at["suffix4"] + hash_row(cut["suffix4"], 5, affix_rows))
        elif representation == "chars":
            out.extend(char_ids(token))
    return out


def batch(sentences, representation, vocabulary, max_length=64, *, affix_rows, suffixes=DEFAULT_SUFFIXES):
    """Token lists → ids [B, L × k] and mask [B, L], padded to the longest sentence (cut at max_length)."""
    k = ids_per_token(representation, suffixes)
    cut = [s[:max_length] for s in sentences]
    length = max(1, max(len(s) for s in cut))
    ids = torch.zeros(len(cut), length * k, dtype=torch.long)
    mask = torch.zeros(len(cut), length)
    for row, tokens in enumerate(cut):
        encoded = encode(tokens, representation, vocabulary, affix_rows, suffixes)
        ids[row, : len(encoded)] = torch.tensor(encoded, dtype=torch.long)
        mask[row, : len(tokens)] = 1
    return ids, mask


# --- the corpora's formats (src/data/conllu.ts, iob2 and delimited.ts) --------------------
END = object()  # a line that ends the sentence


def sentences_of(text, read_line):
    """Token-per-line text → (tokens, tags) per sentence; `read_line` gives (token, tag), END, or None to skip a line."""
    sentences, tokens, tags = [], [], []
    for line in text.splitlines() + [""]:
        item = read_line(line)
        if item is END:
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
        elif item is not None:
            tokens.append(item[0])
            tags.append(item[1])
    return sentences


def conllu_line(line):
    line = line.rstrip()
    if not line:
        return END
    if line.startswith("#"):
        return None
    columns = line.split("\t")
    if len(columns) != 10:
        raise ValueError(f"expected 10 tab-separated CoNLL-U columns, found {len(columns)}: {line[:60]}")
    # Multiword ranges (4-5) and empty nodes (8.1) are skipped: tagging works on words.
    return None if "-" in columns[0] or "." in columns[0] else (columns[1], columns[3])


def iob2_line(line):
    line = line.strip()
    if not line or line.startswith("-DOCSTART-"):
        return END
    if line.startswith("#"):
        return None
    columns = line.split("\t") if "\t" in line else line.split()
    return (columns[1], columns[2]) if len(columns) >= 3 and columns[0].isdigit() else (columns[0], columns[-1])


def parse_conllu(text):
    """CoNLL-U word lines → (tokens, UPOS tags) per sentence."""
    return sentences_of(text, conllu_line)


def parse_iob2(text):
    """Universal NER (id, token, tag, … in tabs; # comments) or CoNLL-2003 (token … tag in spaces; -DOCSTART-):
    the token is the column after a numeric id, else the first; the tag the one after the token in UNER, else the last."""
    return sentences_of(text, iob2_line)


def parse_delimited(text, delimiter="\t"):
    """A header row, then a text and a label per row (SST-2: `sentence<TAB>label`): the label column is the one named
    label (else the last), the text the one named sentence, text or content (else the first other); the text is tokenised."""
    rows = [line.split(delimiter) for line in text.splitlines() if line.strip()]
    names = [h.strip().lower() for h in rows[0]]
    label = names.index("label") if "label" in names else len(names) - 1
    named = [i for i, h in enumerate(names) if h in ("sentence", "text", "content") and i != label]
    text_column = named[0] if named else next(i for i in range(len(names)) if i != label)
    return [(tokenize(r[text_column]), r[label].strip()) for r in rows[1:] if len(r) > max(label, text_column)]


def parse(text, data_format):
    if data_format == "conllu":
        return parse_conllu(text)
    if data_format in ("iob2", "conll2003"):
        return parse_iob2(text)
    return parse_delimited(text, "," if data_format == "csv" else "\t")


def iob_scheme(labels):
    """The browser's IOB2 decoding (src/metrics/iobDecoding.ts): which tag may follow which, and which may start a
    sentence; every I-X must follow a B-X or an I-X. None when the labels are not O / B-X / I-X tags."""
    parsed = [None if label == "O" else (label[0], label[2:]) if label[:2] in ("B-", "I-") and len(label) > 2 else False for label in labels]
    if any(p is False for p in parsed) or not any(p and p[0] == "I" for p in parsed):
        return None
    if not any(p is None or p[0] == "B" for p in parsed):
        return None  # nothing may start a sentence: no sequence keeps the scheme
    n = len(labels)
    allowed = [[True] * n for _ in range(n)]
    first = [True] * n
    for j, nxt in enumerate(parsed):
        if nxt and nxt[0] == "I":
            first[j] = False
            for i, prev in enumerate(parsed):
                if not prev or prev[1] != nxt[1]:
                    allowed[i][j] = False
    return allowed, first


def viterbi(scheme, log_probs):
    """The most likely tag sequence that keeps the scheme, from one sentence's [length, labels] log-probabilities
    (the browser's viterbi: ties go to the lower tag id)."""
    allowed, first = scheme
    rows = log_probs.tolist()
    if not rows:
        return []
    n = len(first)
    best = [rows[0][j] if first[j] else float("-inf") for j in range(n)]
    back = []
    for row in rows[1:]:
        step, nxt = [], []
        for j in range(n):
            arg, top = 0, float("-inf")
            for i in range(n):
                if allowed[i][j] and best[i] > top:
                    arg, top = i, best[i]
            step.append(arg)
            nxt.append(top + row[j])
        back.append(step)
        best = nxt
    tag = max(range(n), key=lambda j: (best[j], -j))
    out = [tag]
    for step in reversed(back):
        tag = step[tag]
        out.append(tag)
    return out[::-1]
