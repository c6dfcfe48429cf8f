import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../seed/extract/index.js';
import { mergePeople } from '../../seed/resolve/overrides.js';
import { resolvePeopleAcrossDocuments } from '../../seed/resolve/people-across-documents.js';
import { normalizeName } from '../../seed/gazetteer/normalize.js';
import { testGazetteer } from './extract/fixture-gazetteer.js';

const extract = (doc: string, text: string) => extractDocument(text, { docName: doc, gazetteer: testGazetteer });

function resolveCorpus(docs: Record<string, string>) {
  const extractions = Object.entries(docs).map(([doc, text]) => extract(doc, text));
  const renames = resolvePeopleAcrossDocuments(extractions);
  const canonical = (name: string) => renames.get(normalizeName(name)) ?? name;
  return Object.fromEntries(extractions.map((x) => [x.doc, mergePeople(x, canonical)]));
}

describe('people resolved across the documents of a corpus', () => {
  it('gives a document that names someone only as "Ms Moore" the one Moore named in full elsewhere', () => {
    const out = resolveCorpus({
      'a.txt': 'Chief Constable Rachel Moore said: “We will publish every case.”',
      'b.txt': 'Ms Moore told the BBC: “Vetting failed these women.”',
    });
    expect(out['b.txt']!.people.map((p) => [p.name, p.aliases])).toEqual([['Rachel Moore', ['Ms Moore']]]);
    expect(out['b.txt']!.quotes[0]?.speaker).toBe('Rachel Moore');
  });

  it('lets the honorific choose between two people of one surname, and leaves "Dr Moore" alone when it cannot', () => {
    const out = resolveCorpus({
      'a.txt': 'Chief Constable Rachel Moore said: “We will publish every case.”',
      'b.txt': 'Daniel Moore, a lecturer at the University of Wessex, said: “The data is thin.”',
      'c.txt': 'Ms Moore told the BBC: “Vetting failed these women.”',
      'd.txt': 'Mr Moore said: “The figures are not comparable.”',
      'e.txt': 'Dr Moore said: “Nobody has checked.”',
    });
    expect(out['c.txt']!.people[0]?.name).toBe('Rachel Moore');
    expect(out['d.txt']!.people[0]?.name).toBe('Daniel Moore');
    expect(out['e.txt']!.people[0]?.name).toBe('Dr Moore');
  });

  it('resolves a misspelt name to the person with the same role, keeping the variant as an alias', () => {
    const out = resolveCorpus({
      'a.txt': 'Rachel Moore, chief executive of the charity Safe Homes Now, said: “We will keep counting.”',
      'b.txt': 'Rachel Moore, chief executive of the charity Safe Homes Now, said: “Women are not safe.”',
      'c.txt': 'Rachel Mooore, chief executive of the charity Safe Homes Now, said: “Nothing has changed.”',
    });
    expect(out['c.txt']!.people.map((p) => [p.name, p.aliases])).toEqual([['Rachel Moore', ['Rachel Mooore']]]);
    expect(out['c.txt']!.quotes[0]?.speaker).toBe('Rachel Moore');
  });

  it('takes the rarer of two near spellings in one document for a slip of the pen', () => {
    const out = resolveCorpus({
      'a.txt': 'Helen Porter said: “We warned them.” Helen Porter added that the force had not replied. Later Helen Proter said: “We will go on.”',
    });
    expect(out['a.txt']!.people.map((p) => p.name)).toEqual(['Helen Porter']);
    expect(out['a.txt']!.quotes.map((q) => q.speaker)).toEqual(['Helen Porter', 'Helen Porter']);
  });

  it('keeps apart near names in different documents with nothing in common', () => {
    const out = resolveCorpus({
      'a.txt': 'Sarah Jonas said: “We need more officers.”',
      'b.txt': 'Sarah Jones said: “We need fewer targets.”',
    });
    expect(out['a.txt']!.people[0]?.name).toBe('Sarah Jonas');
    expect(out['b.txt']!.people[0]?.name).toBe('Sarah Jones');
  });
});
