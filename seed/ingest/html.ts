import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { pageMetadata } from './html-meta.js';
import type { Sidecar } from './read-document.js';

// A news page's article text, without navigation, adverts and comment forms: Readability
// finds the article; its paragraphs become lines so quotes and paragraphs keep their shape.
// The page's own metadata (publisher, date, title, address) is read from its head first.

export function readHtml(html: string): { text: string; meta: Sidecar } {
  const { document } = parseHTML(html);
  const meta = pageMetadata(document as unknown as Parameters<typeof pageMetadata>[0]);
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  const root = article?.content ? parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body : document.body;
  const title = article?.title?.trim();
  const blocks: string[] = [];
  const walk = (node: Element) => {
    for (const child of Array.from(node.children)) {
      if (/^(P|H[1-6]|LI|BLOCKQUOTE|PRE|TD|TH|FIGCAPTION)$/.test(child.tagName)) {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text) blocks.push(text);
      } else if (!/^(SCRIPT|STYLE|NOSCRIPT|NAV|FORM|ASIDE|FOOTER)$/.test(child.tagName)) {
        walk(child);
      }
    }
  };
  if (root) walk(root as unknown as Element);
  if (!blocks.length && root?.textContent) blocks.push(root.textContent.replace(/\s+/g, ' ').trim());
  return { text: [title && !blocks[0]?.startsWith(title) ? title : null, ...blocks].filter(Boolean).join('\n\n'), meta };
}
