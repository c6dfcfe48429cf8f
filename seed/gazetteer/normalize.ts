// The one way names are compared: two spellings of a name that differ only in case, accents,
// apostrophe or quote style, dash style, spacing or a leading "the" normalise to the same key.
// The key is for comparison only; it is never shown and never used for offsets.

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g; // ‘ ’ ‚ ‛ ′ ʼ ` ´
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g; // “ ” „ ‟ ″
const DASHES = /[\u2010-\u2015\u2212]/g; // ‐ ‑ ‒ – — ― −
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g; // zero-width characters, soft hyphen
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Comparison key for a name: NFKD, combining marks stripped (Zoë → zoe), curly quotes and
 * apostrophes made straight, dashes made hyphens, lower case, whitespace collapsed and trimmed,
 * leading "the " dropped ("The Met" → "met").
 */
export function normalizeName(s: string): string {
  return s
    .replace(APOSTROPHES, "'") // before NFKD, which would turn ´ into a space and a combining mark
    .toLowerCase() // before NFKD too: lower-casing İ yields a combining mark that must go
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'") // again: NFKD maps some compatibility characters onto these
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .toLowerCase() // again: NFKD maps some compatibility letters onto capitals (ℌ → H)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the )+/, '');
}
