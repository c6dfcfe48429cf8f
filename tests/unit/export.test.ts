import { describe, expect, it } from 'vitest';
import { rowsToCsv, toCsv, toGraphml } from '../../server/http/export.js';
import type { Element } from '../../server/http/elements.js';

const elements: Element[] = [
  { group: 'nodes', data: { id: 'person:a', label: 'Ann "Nan" Lee', kind: 'Person', subkind: 'inspector' } },
  { group: 'nodes', data: { id: 'quote:b', label: '=HYPERLINK("x")', kind: 'Quote', subkind: null } },
  { group: 'edges', data: { id: 'SAID:a->b', source: 'person:a', target: 'quote:b', kind: 'SAID', label: 'SAID', docId: 'doc:1' } },
];

describe('exports', () => {
  it('writes CSV with quoting and without spreadsheet formulas', () => {
    const csv = toCsv(elements);
    expect(csv.split('\n')[0]).toBe('group,id,kind,label,source,target,subkind,docId');
    expect(csv).toContain('"Ann ""Nan"" Lee"');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(rowsToCsv(['a'], [[{ x: 1 }]])).toBe('a\n"{""x"":1}"\n');
  });

  it('writes GraphML with escaped text and every node and edge', () => {
    const xml = toGraphml(elements);
    expect(xml).toContain('<node id="person:a">');
    expect(xml).toContain('Ann &quot;Nan&quot; Lee');
    expect(xml).toContain('<edge id="SAID:a-&gt;b" source="person:a" target="quote:b">');
  });
});
