import cytoscape from 'cytoscape';
import fc from 'fast-check';
import { elementsGexf, elementsGraphml, pictureCaption, pictureLegend } from '../../client/src/export.js';
import { describe, expect, it } from 'vitest';
import { completionsAt, errorRange, tokenize } from '../../client/src/console/cypher-syntax.js';
import { KIND_LOOK, NODE_KINDS, SUBKIND_COLOR } from '../../client/src/graph/kinds.js';
import { spreadApart } from '../../client/src/graph/overlap.js';
import { decodeState, emptyState, encodeState, sameState, TABS, type ViewState } from '../../client/src/state/url-state.js';

// The client's pure parts, without a browser: the console's tokenizer and completion, the
// overlap pass that runs after a layout, and the view state that links carry.

describe('the console tokenizer', () => {
  it('covers any text exactly, end to end, whatever it holds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const tokens = tokenize(text);
      expect(tokens.map((t) => text.slice(t.from, t.to)).join('')).toBe(text);
      tokens.forEach((t, i) => {
        expect(t.to).toBeGreaterThan(t.from);
        if (i > 0) expect(t.from).toBe(tokens[i - 1]!.to);
      });
    }));
  });

  it('tells keywords, labels, relationship types, properties, parameters and strings apart', () => {
    const q = "MATCH (p:Person)-[:SAID|QUOTED_IN]->(q) WHERE p.name = $name AND q.text CONTAINS 'vetting' RETURN count(q)";
    const kinds = Object.fromEntries(tokenize(q).filter((t) => t.kind !== 'space' && t.kind !== 'punct').map((t) => [q.slice(t.from, t.to), t.kind]));
    expect(kinds).toMatchObject({
      MATCH: 'keyword', Person: 'label', SAID: 'label', QUOTED_IN: 'label', name: 'property', $name: 'param', "'vetting'": 'string', count: 'function',
    });
  });
});

describe('console completion', () => {
  const schema = {
    labels: [{ label: 'Person', properties: ['name', 'aliases'] }, { label: 'Quote', properties: ['text'] }],
    relationshipTypes: [{ type: 'SAID', properties: ['docId'] }],
  };

  it('offers labels after a colon in a node, types in a relationship, and the bound label’s properties after a dot', () => {
    expect(completionsAt('MATCH (p:Pe', 11, schema)?.options.map((o) => o.label)).toEqual(['Person']);
    expect(completionsAt('MATCH (p)-[:S', 13, schema)?.options.map((o) => o.label)).toEqual(['SAID']);
    const q = 'MATCH (p:Person) RETURN p.na';
    expect(completionsAt(q, q.length, schema)?.options.map((o) => o.label)).toEqual(['name']);
  });
});

describe('error positions', () => {
  it('marks the token a database error points at, by line and column or by offset, always inside the text', () => {
    const q = 'MATCH (n)\nRETURN m';
    expect(q.slice(...Object.values(errorRange(q, { line: 2, column: 8 })) as [number, number])).toBe('m');
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: -5, max: 100 }), fc.integer({ min: 0, max: 5 }), (text, offset, line) => {
      const r = errorRange(text, { line, column: 1, offset });
      expect(r.from).toBeGreaterThanOrEqual(0);
      expect(r.to).toBeLessThanOrEqual(Math.max(text.length, 0));
      expect(r.from).toBeLessThanOrEqual(r.to);
    }));
  });
});

describe('moving overlapping nodes apart', () => {
  it('leaves no two circles overlapping when there is room, and never moves a fixed one', () => {
    fc.assert(fc.property(fc.array(fc.record({ x: fc.integer({ min: 0, max: 200 }), y: fc.integer({ min: 0, max: 200 }) }), { minLength: 2, maxLength: 60 }), (points) => {
      const circles = points.map((p, i) => ({ x: p.x, y: p.y, r: 10, fixed: i === 0 }));
      const first = { ...circles[0]! };
      spreadApart(circles, { margin: 2, rounds: 400, settle: 400 });
      expect(circles[0]).toMatchObject({ x: first.x, y: first.y });
      for (let i = 0; i < circles.length; i++) {
        for (let j = i + 1; j < circles.length; j++) {
          const a = circles[i]!, b = circles[j]!;
          expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r - 0.5);
        }
      }
    }), { numRuns: 60 });
  });
});

describe('the view state in a link', () => {
  const id = fc.stringMatching(/^(person|org|quote|doc):[a-z0-9%,-]{1,20}$/);
  const state = fc.record({
    focus: fc.option(id, { nil: null }),
    expanded: fc.uniqueArray(id, { maxLength: 5 }),
    hidden: fc.uniqueArray(id, { maxLength: 3 }),
    hiddenKinds: fc.uniqueArray(fc.constantFrom('Person', 'Quote', 'Claim'), { maxLength: 3 }),
    hiddenRels: fc.uniqueArray(fc.constantFrom('SAID', 'MENTIONS'), { maxLength: 2 }),
    query: fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: null }),
    tab: fc.option(fc.constantFrom(...TABS), { nil: null }),
    doc: fc.option(id, { nil: null }),
    quote: fc.option(id, { nil: null }),
    pathFrom: fc.option(id, { nil: null }),
    pathTo: fc.option(id, { nil: null }),
    pinned: fc.uniqueArray(id, { maxLength: 3 }),
    layout: fc.option(fc.stringMatching(/^[0-9a-f]{8}\.[\w-]{0,40}$/), { nil: null }),
  }) as fc.Arbitrary<ViewState>;

  it('decodes to the state it was encoded from, commas and percent signs in ids included', () => {
    fc.assert(fc.property(state, (s) => {
      expect(sameState(decodeState(`#${encodeState(s)}`), s)).toBe(true);
    }));
  });

  it('encodes the empty state as nothing', () => {
    expect(encodeState(emptyState())).toBe('');
  });
});

describe('the palette', () => {
  const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const luminance = (hex: string) => {
    const [r, g, b] = rgb(hex).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]; return (hi + 0.05) / (lo + 0.05); };
  const hue = (hex: string) => {
    const [r, g, b] = rgb(hex);
    const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
    if (!d) return 0;
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };
  const apart = (a: number, b: number) => { const d = Math.abs(a - b) % 360; return Math.min(d, 360 - d); };
  // the grey of documents has no hue worth the name: kinds are told from it by shape
  const hued = NODE_KINDS.filter((k) => k !== 'Document');
  const CANVAS = '#f6f7f9';

  it('gives every kind its own hue, 40 degrees or more from any other', () => {
    for (const a of hued) for (const b of hued) if (a < b) expect(apart(hue(KIND_LOOK[a].color), hue(KIND_LOOK[b].color)), `${a} and ${b}`).toBeGreaterThanOrEqual(40);
  });

  it("keeps each subkind's shade nearer its own kind's hue than any other kind's", () => {
    for (const [kind, shades] of Object.entries(SUBKIND_COLOR)) {
      for (const [sub, color] of Object.entries(shades!)) {
        const own = apart(hue(color), hue(KIND_LOOK[kind as keyof typeof KIND_LOOK].color));
        for (const other of hued.filter((k) => k !== kind)) {
          const theirs = apart(hue(color), hue(KIND_LOOK[other].color));
          expect(theirs, `${kind} ${sub} (${color}) against ${other}`).toBeGreaterThan(own);
          expect(theirs, `${kind} ${sub} (${color}) against ${other}`).toBeGreaterThanOrEqual(30);
        }
      }
    }
  });

  it('draws every colour at 3:1 or more against the canvas (WCAG non-text contrast)', () => {
    const colours = [...NODE_KINDS.map((k) => KIND_LOOK[k].color), ...Object.values(SUBKIND_COLOR).flatMap((s) => Object.values(s!))];
    for (const c of colours) expect(contrast(c, CANVAS), c).toBeGreaterThanOrEqual(3);
  });
});

describe('a picture of the view', () => {
  const view = () => cytoscape({
    headless: true,
    elements: [
      { group: 'nodes', data: { id: 'person:a', kind: 'Person', label: 'Ann Example' } },
      { group: 'nodes', data: { id: 'quote:1', kind: 'Quote', label: '“Words”' } },
      { group: 'nodes', data: { id: 'doc:x.txt', kind: 'Document', label: 'A release' } },
      { group: 'nodes', data: { id: 'org:b', kind: 'Organization', label: 'B & Co <Ltd>' }, classes: 'hidden' },
      { group: 'edges', data: { id: 'e1', source: 'person:a', target: 'quote:1', kind: 'SAID', docId: 'doc:y.txt' } },
      { group: 'edges', data: { id: 'e2', source: 'quote:1', target: 'doc:x.txt', kind: 'QUOTED_IN', docId: 'doc:x.txt' } },
    ],
  });

  it('is captioned with the view, its nodes, its source documents and the day', () => {
    expect(pictureCaption(view(), 'Focus: Ann Example', new Date(Date.UTC(2026, 11, 7)))).toBe('Focus: Ann Example · 3 nodes from 2 source documents · 7 December 2026');
  });

  it('has a legend of the kinds it shows, hidden ones left out', () => {
    expect(pictureLegend(view()).map((l) => l.title)).toEqual(['Person', 'Document', 'Quote']);
  });

  it('exports as GraphML and GEXF that hold only what is shown, with markup escaped', () => {
    const cy = view();
    cy.getElementById('org:b').removeClass('hidden');
    const graphml = elementsGraphml(cy);
    expect(graphml.match(/<node id=/g)).toHaveLength(4);
    expect(graphml).toContain('<data key="n_label">B &amp; Co &lt;Ltd&gt;</data>');
    expect(elementsGexf(cy)).toContain('label="B &amp; Co &lt;Ltd&gt;"');
    cy.getElementById('org:b').addClass('hidden');
    expect(elementsGexf(cy).match(/<node id=/g)).toHaveLength(3);
  });
});
