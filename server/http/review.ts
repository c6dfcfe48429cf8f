import type { GraphStore, QuoteView } from '../store/port.js';
import { everyQuote } from './every-quote.js';

// The review queue: the attributions a curator should look at first. Assembled above the
// adapters from the store's own quote views, so both stores give the same queue.

/** below this the extraction is more likely wrong than a reader would accept unchecked */
export const LOW_CONFIDENCE = 0.7;
/** candidates whose scores are this close are a coin toss, whichever one was named */
export const CLOSE_CANDIDATES = 0.1;

export const REVIEW_REASONS = ['withheld', 'low-confidence', 'close-candidates', 'speakers-differ', 'speaker-quoted-once'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

const WEIGHT: Record<ReviewReason, number> = { withheld: 3, 'speakers-differ': 2.5, 'low-confidence': 2, 'close-candidates': 1.5, 'speaker-quoted-once': 0.5 };

export interface ReviewItem {
  quote: QuoteView;
  /** the lowest confidence over the documents carrying the quote; null when no evidence is stored */
  confidence: number | null;
  reasons: ReviewReason[];
}

function reasonsFor(q: QuoteView, quotesBySpeaker: Map<string, number>): ReviewReason[] {
  const attributions = q.sources.map((s) => s.attribution);
  if (attributions.some((a) => a.resolvedBy === 'curator')) return [];
  const reasons: ReviewReason[] = [];
  if (!q.speaker && attributions.some((a) => a.candidates.length > 0)) reasons.push('withheld');
  if (q.speaker && attributions.some((a) => a.confidence !== null && a.confidence < LOW_CONFIDENCE)) reasons.push('low-confidence');
  if (attributions.some(({ candidates: [first, second] }) => !!first && !!second && first.score - second.score <= CLOSE_CANDIDATES)) reasons.push('close-candidates');
  // two documents naming two speakers for the same words: at least one of them is wrong
  if (new Set(q.sources.map((s) => s.speakerId).filter((x) => x !== null)).size > 1) reasons.push('speakers-differ');
  if (q.speaker && quotesBySpeaker.get(q.speaker.id) === 1) reasons.push('speaker-quoted-once');
  return reasons;
}

function lowestConfidence(q: QuoteView): number | null {
  const known = q.sources.map((s) => s.attribution.confidence).filter((c): c is number => c !== null);
  return known.length ? Math.min(...known) : null;
}

/** Every quote that needs a human, most doubtful first: by reasons' weight, then lowest confidence. */
export async function reviewQueue(store: GraphStore): Promise<ReviewItem[]> {
  const all = await everyQuote(store, {});
  const quotesBySpeaker = new Map<string, number>();
  for (const q of all) if (q.speaker) quotesBySpeaker.set(q.speaker.id, (quotesBySpeaker.get(q.speaker.id) ?? 0) + 1);
  const items = all
    .map((quote) => ({ quote, confidence: lowestConfidence(quote), reasons: reasonsFor(quote, quotesBySpeaker) }))
    .filter((i) => i.reasons.length > 0);
  const weight = (i: ReviewItem) => i.reasons.reduce((sum, r) => sum + WEIGHT[r], 0);
  return items.sort((a, b) => weight(b) - weight(a) || (a.confidence ?? 1) - (b.confidence ?? 1) || a.quote.id.localeCompare(b.quote.id));
}
