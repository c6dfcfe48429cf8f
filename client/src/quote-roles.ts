import type { QuoteView } from './api-types.js';

// The roles a quote's speaker held as its documents state them, each once:
// "HM Inspector of Constabulary, HM Inspectorate of Constabulary; …".

export function quoteRoles(quote: Pick<QuoteView, 'roles'>): string {
  const lines = quote.roles.map((r) => (r.organization ? `${r.title}, ${r.organization}` : r.title)).filter(Boolean);
  return [...new Set(lines)].join('; ');
}
