// "Published between two days", for documents whose date may be a day, a month or only a year
// ("2019"): a document counts when its date's span overlaps the range, so "2019" is in a range
// ending on 2019-03-31 and in one starting on 2019-06-01. Dates compare as ISO text, which both
// stores do the same way; a timestamp ("2019-12-31T09:00Z") counts on its day.

export interface PublishedRange {
  /** YYYY-MM-DD, first day included */
  from?: string;
  /** YYYY-MM-DD, last day included */
  to?: string;
}

/** The condition on document variable `d`, in Cypher both stores accept, or null for no range. */
export function publishedCondition(range: PublishedRange, d = 'd'): string | null {
  if (!range.from && !range.to) return null;
  const parts: string[] = [];
  if (range.from) parts.push(`(${d}.publishedAt >= $publishedFrom OR ${d}.publishedAt IN $publishedFromSpans)`);
  if (range.to) parts.push(`${d}.publishedAt <= $publishedToEnd`);
  return parts.join(' AND ');
}

export function publishedParams(range: PublishedRange): Record<string, unknown> {
  return {
    ...(range.from ? { publishedFrom: range.from, publishedFromSpans: [range.from.slice(0, 4), range.from.slice(0, 7)] } : {}),
    // '~' sorts after every character of an ISO date or time
    ...(range.to ? { publishedToEnd: `${range.to}~` } : {}),
  };
}
