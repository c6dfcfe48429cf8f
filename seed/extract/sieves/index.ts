// Attribution as ordered sieves (after CoreNLP's QuoteAttributionAnnotator): the ORDER below is
// the one list of quote→mention rules. Each quote is offered to each sieve in turn; the first
// that returns an attribution decides and is recorded. The discourse state (people quoted so
// far, the body last quoted) is a value the runner passes in and returns, never edited in place.
// A last pass, repeated-quote, gives a headline the speaker of the body quote holding its words.

import type { DocContext } from '../context.js';
import type { OrgResult } from '../organizations.js';
import type { PeopleResult } from '../people.js';
import type { QuoteCandidate } from '../quotes.js';
import type { ReportResult } from '../reports.js';
import { type Attribution, NONE, type Resolver, repeatedQuotes } from '../speakers.js';
import { conversationTurn } from './conversation-turn.js';
import { introducedBeforeSieve } from './introduced-before.js';
import { leadIn } from './lead-in.js';
import { narratedSubject } from './narrated-subject.js';
import { paragraphFinal } from './paragraph-final.js';
import { partialSubject } from './partial-subject.js';
import type { Sieve } from './sieve.js';
import { trigramTag } from './trigram-tag.js';

export type { Sieve, SieveInput } from './sieve.js';

/** The order of the sieves: the first that decides wins. */
export const SIEVES: readonly Sieve[] = [trigramTag, leadIn, partialSubject, narratedSubject, conversationTurn, paragraphFinal, introducedBeforeSieve];

export const REPEATED_QUOTE = 'repeated-quote';

export interface DiscourseState {
  recentSpeakers: readonly { name: string; at: number }[];
  lastBodyQuote?: { a: Attribution; paragraph: number };
}

export interface SievedAttribution extends Attribution {
  /** the sieve that found the speaking mention, or null when none did */
  sieve: string | null;
}

/** The state after a quote was given `a`. */
export function advance(state: DiscourseState, q: QuoteCandidate, a: Attribution | null): DiscourseState {
  if (a?.speakerKind === 'person' && a.speaker) return { ...state, recentSpeakers: [...state.recentSpeakers, { name: a.speaker, at: q.open }] };
  if (a?.speakerKind === 'organization' && a.speaker) return { ...state, lastBodyQuote: { a, paragraph: q.paragraph } };
  return state;
}

export function attributeQuotes(ctx: DocContext, quotes: QuoteCandidate[], people: PeopleResult, orgs: OrgResult, reports: ReportResult): SievedAttribution[] {
  const base: Omit<Resolver, 'recentSpeakers' | 'lastBodyQuote'> = { ctx, people, orgs, reports, memo: {} };
  let state: DiscourseState = { recentSpeakers: [] };
  const out: SievedAttribution[] = [];
  quotes.forEach((q, i) => {
    const r: Resolver = { ...base, ...state };
    const input = { r, q, prev: i > 0 ? quotes[i - 1] : undefined, prevA: i > 0 ? out[i - 1] : undefined };
    let decided: SievedAttribution | null = null;
    for (const sieve of SIEVES) {
      const a = sieve.find(input);
      if (a) {
        decided = { ...a, sieve: sieve.id };
        break;
      }
    }
    state = advance(state, q, decided);
    out.push(decided ?? { ...NONE, sieve: null });
  });
  const repeated = repeatedQuotes(quotes, out);
  return repeated.map((a, i) => (a === out[i] ? a : { ...a, sieve: REPEATED_QUOTE }));
}
