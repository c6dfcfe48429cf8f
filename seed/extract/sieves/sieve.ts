// The shape of an attribution sieve: one rule that finds the mention speaking a quote. A sieve
// reads the quote, the quotes before it with what was decided for them, and the discourse state;
// it returns an attribution (speaker, the mention's span, the resolver that named it) or nothing.
// It edits nothing: the runner (./index.ts) records the first that decides and moves the state on.

import type { QuoteCandidate } from '../quotes.js';
import type { Attribution, Resolver } from '../speakers.js';

export interface SieveInput {
  /** the document's entities and the discourse state as it stands before this quote */
  r: Resolver;
  q: QuoteCandidate;
  /** the quote before this one and what was decided for it */
  prev: QuoteCandidate | undefined;
  prevA: Attribution | undefined;
}

export interface Sieve {
  id: string;
  summary: string;
  /** invented sentences showing what the sieve catches (documentation, and its unit test) */
  examples: readonly string[];
  find(input: SieveInput): Attribution | null;
}
