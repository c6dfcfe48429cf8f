import type { GraphStore, QuoteFilter, QuoteView } from '../store/port.js';

/** page size for reading every quote a filter matches */
const PAGE = 200;

/**
 * Every quote the filter matches, in the store's order, read a page at a time. `check` sees the
 * total with each page and may throw to refuse before the rest is read.
 */
export async function everyQuote(store: GraphStore, filter: Omit<QuoteFilter, 'limit' | 'offset'>, check: (total: number) => void = () => {}): Promise<QuoteView[]> {
  const out: QuoteView[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { quotes, total } = await store.quotes({ ...filter, limit: PAGE, offset });
    check(total);
    out.push(...quotes);
    if (quotes.length < PAGE || out.length >= total) return out;
  }
}
