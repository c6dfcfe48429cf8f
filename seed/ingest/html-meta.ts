import type { Sidecar } from './read-document.js';

// What a web page says about itself: publisher, date, title and address, from the metadata
// news and official sites put in their heads (Open Graph, article:*, JSON-LD, Dublin Core).
// Read before Readability, which drops the head; a sidecar still wins over any of it.

type MetaSource = { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }> };

export function pageMetadata(document: MetaSource): Sidecar {
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      for (const el of Array.from(document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`))) {
        const value = el.getAttribute('content')?.trim();
        if (value) return value;
      }
    }
    return null;
  };
  const ld = jsonLd(document);
  const published = dayOf(meta('article:published_time', 'og:published_time', 'datePublished', 'DC.date.issued', 'dcterms.issued', 'date', 'publish-date'))
    ?? dayOf(ld.datePublished) ?? dayOf(firstTime(document));
  const publisher = meta('og:site_name', 'application-name', 'DC.publisher', 'dcterms.publisher') ?? ld.publisher;
  const title = meta('og:title', 'twitter:title', 'DC.title') ?? ld.headline;
  const url = httpUrl(meta('og:url')) ?? httpUrl(Array.from(document.querySelectorAll('link[rel="canonical"]'))[0]?.getAttribute('href') ?? null) ?? httpUrl(ld.url);
  return {
    ...(title ? { title: title.slice(0, 500) } : {}),
    ...(publisher ? { publisher: publisher.slice(0, 200) } : {}),
    ...(published ? { publishedAt: published } : {}),
    ...(url ? { url } : {}),
  };
}

/** The article (or news article, or web page) objects of the page's JSON-LD, first found first. */
function jsonLd(document: MetaSource): { datePublished: string | null; publisher: string | null; headline: string | null; url: string | null } {
  const out = { datePublished: null as string | null, publisher: null as string | null, headline: null as string | null, url: null as string | null };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { for (const n of node) visit(n); return; }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o['@graph']) visit(o['@graph']);
    const type = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
    if (!type.some((t) => /Article|WebPage|Report|PressRelease|Posting/i.test(t))) return;
    out.datePublished ??= typeof o.datePublished === 'string' ? o.datePublished : null;
    const publisher = o.publisher as Record<string, unknown> | string | undefined;
    out.publisher ??= typeof publisher === 'string' ? publisher : typeof publisher?.name === 'string' ? publisher.name : null;
    out.headline ??= typeof o.headline === 'string' ? o.headline : null;
    out.url ??= typeof o.url === 'string' ? o.url : null;
  };
  for (const el of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(el.textContent ?? ''));
    } catch {
      // a broken block is the page's mistake; the other metadata still stands
    }
  }
  return out;
}

function firstTime(document: MetaSource): string | null {
  for (const el of Array.from(document.querySelectorAll('time[datetime]'))) {
    const v = el.getAttribute('datetime');
    if (v) return v;
  }
  return null;
}

/** YYYY-MM-DD from an ISO date or date-time, as the page wrote it (its own day, not UTC's). */
function dayOf(value: string | null): string | null {
  const m = value ? /^((?:19|20)\d\d)-(\d\d)-(\d\d)/.exec(value.trim()) : null;
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function httpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href.slice(0, 2000) : null;
  } catch {
    return null;
  }
}
