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

  it('writes every property with a GraphML type, lists as JSON text', () => {
    const rich: Element[] = [
      { group: 'nodes', data: { id: 'claim:x', label: '436', kind: 'Claim', subkind: 'count', value: 436, ratio: 0.5 } },
      { group: 'nodes', data: { id: 'claim:y', label: 'half', kind: 'Claim', subkind: 'ratio', value: 0.5, aliases: ['a', 'b'] } },
      { group: 'edges', data: { id: 'e', source: 'claim:x', target: 'claim:y', kind: 'SAID', label: 'SAID', count: 2 } },
    ];
    const xml = toGraphml(rich);
    expect(xml).toContain('<key id="n_value" for="node" attr.name="value" attr.type="double"/>');
    expect(xml).toContain('<key id="e_count" for="edge" attr.name="count" attr.type="long"/>');
    expect(xml).toContain('<data key="n_aliases">[&quot;a&quot;,&quot;b&quot;]</data>');
    expect(toCsv(rich).split('\n')[0]).toBe('group,id,kind,label,source,target,subkind,aliases,count,ratio,value');
  });
});
