"""Text to the ids the model reads, exactly as the browser makes them
(src/data/tokenize.ts, vocabulary.ts and tokenFeatures.ts): the same
tokenizer, vocabulary file, hashed features and padding.
Every function works on Unicode code points, in any script."""
import json
import unicodedata

import torch

PAD_ID, UNK_ID = 0, 1
HASH_ROWS = {"prefix": 2039, "suffix": 2039, "shape": 251}
HASH_OFFSETS = {"prefix": 0, "suffix": 2039, "shape": 2039 + 2039}
AFFIX_LENGTH = 3
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


def affixes(word):
    chars = list(unicodedata.normalize("NFC", word).lower())
    return "".join(chars[:AFFIX_LENGTH]), "".join(chars[-AFFIX_LENGTH:])


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


def encode(tokens, representation, vocabulary):
    """n tokens → n × ids-per-token ids, token by token, the word id first."""
    out = []
    for token in tokens:
        out.append(vocabulary.id(token))
        if representation == "features":
            prefix, suffix = affixes(token)
            out.append(HASH_OFFSETS["prefix"] + hash_row(prefix, 1, HASH_ROWS["prefix"]))
            out.append(HASH_OFFSETS["suffix"] + hash_row(suffix, 2, HASH_ROWS["suffix"]))
            out.append(HASH_OFFSETS["shape"] + hash_row(word_shape(token), 3, HASH_ROWS["shape"]))
        elif representation == "chars":
            out.extend(char_ids(token))
    return out


def batch(sentences, representation, vocabulary, max_length=64):
    """Token lists → ids [B, L × k] and mask [B, L], padded to the longest sentence (cut at max_length)."""
    k = {"word": 1, "features": 4, "chars": 1 + CHARS_PER_WORD}[representation]
    cut = [s[:max_length] for s in sentences]
    length = max(1, max(len(s) for s in cut))
    ids = torch.zeros(len(cut), length * k, dtype=torch.long)
    mask = torch.zeros(len(cut), length)
    for row, tokens in enumerate(cut):
        encoded = encode(tokens, representation, vocabulary)
        ids[row, : len(encoded)] = torch.tensor(encoded, dtype=torch.long)
        mask[row, : len(tokens)] = 1
    return ids, mask
