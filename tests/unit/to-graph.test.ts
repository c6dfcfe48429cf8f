import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentGraphSchema } from '../../server/model/graph.js';
import { extractDocument } from '../../seed/extract/index.js';
import { loadGazetteer } from '../../seed/gazetteer/index.js';
import { toDocumentGraph } from '../../seed/resolve/to-graph.js';

const DIR = 'seed/corpus/docs';
const gazetteer = loadGazetteer();

function graphOf(file: string) {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const extraction = extractDocument(text, { docName: file, gazetteer });
  const document = { title: file, publisher: null, url: null, publishedAt: null, kind: 'news' as const, text, sha256: '0'.repeat(64), fileName: file, paths: [file], corpus: null, textSource: 'text' as const, pageStarts: [], ocrPages: [] };
  return { text, graph: toDocumentGraph({ document, extraction, gazetteer }) };
}

describe("a document's graph", () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.txt'));

  it('fits the model, and every relationship names the document that states it', () => {
    for (const f of files) {
      const { graph } = graphOf(f);
      expect(() => DocumentGraphSchema.parse(graph)).not.toThrow();
      expect(graph.relationships.filter((r) => r.props.docId !== graph.document.id)).toEqual([]);
    }
  });

  it('gives every relationship about the text a span that lies inside that text', () => {
    const spanned = ['SAID', 'QUOTED_IN', 'HOLDS_ROLE', 'STATES', 'COVERS', 'CONCERNS', 'SOURCED_FROM', 'PUBLISHED'];
    for (const f of files) {
      const { text, graph } = graphOf(f);
      for (const r of graph.relationships.filter((x) => spanned.includes(x.type))) {
        expect(r.props.startOffset, `${f} ${r.type} ${r.from} -> ${r.to}`).not.toBeNull();
        expect(r.props.endOffset!).toBeLessThanOrEqual(text.length);
        expect(r.props.startOffset!).toBeLessThan(r.props.endOffset!);
      }
      for (const m of graph.relationships.filter((x) => x.type === 'MENTIONS')) {
        expect(m.props.spanStarts?.length).toBe(m.props.count);
        m.props.spanStarts!.forEach((s, i) => {
          expect(text.slice(s, m.props.spanEnds![i]).trim().length).toBeGreaterThan(0);
        });
      }
      for (const q of graph.quotes) expect(text.slice(q.startOffset, q.endOffset)).toBe(q.text);
    }
  });
});
