import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { GazetteerError, loadGazetteer, type OrganizationEntry, type PersonEntry } from '../../seed/gazetteer/index.js';
import { normalizeName } from '../../seed/gazetteer/normalize.js';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding the given gazetteer files. */
function gazetteerDir(organizations: unknown, people: unknown = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'gazetteer-test-'));
  tempDirs.push(dir);
  writeFileSync(join(dir, 'organizations.json'), JSON.stringify(organizations));
  writeFileSync(join(dir, 'people.json'), JSON.stringify(people));
  return dir;
}

const kent = { id: 'kent-police', name: 'Kent Police', kind: 'force', territorial: true, area: 'Kent', aliases: ['Kent Constabulary'] };
const essex = { id: 'essex-police', name: 'Essex Police', kind: 'force', territorial: true, area: 'Essex', aliases: [] };

function loadError(dir: string): GazetteerError {
  try {
    loadGazetteer(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(GazetteerError);
    return error as GazetteerError;
  }
  throw new Error('expected the gazetteer to be refused');
}

describe('the shipped gazetteer', () => {
  const gazetteer = loadGazetteer();

  it('loads and validates both files', () => {
    expect(gazetteer.organizations.length).toBeGreaterThan(100);
    expect(gazetteer.people.length).toBeGreaterThan(10);
  });

  it('is loaded once per folder and then served from the cache', () => {
    expect(loadGazetteer()).toBe(gazetteer);
  });

  it('lists exactly 43 territorial forces of England and Wales, each a force with its area', () => {
    const territorial = gazetteer.organizations.filter((o) => o.territorial);
    expect(territorial).toHaveLength(43);
    for (const force of territorial) {
      expect(force.kind).toBe('force');
      expect(force.area).toBeTruthy();
    }
    expect(new Set(territorial.map((f) => f.name)).size).toBe(43);
  });

  it('marks no national, Scottish or Northern Irish force as territorial', () => {
    for (const name of ['British Transport Police', 'Police Scotland', 'PSNI', 'Ministry of Defence Police', 'Civil Nuclear Constabulary']) {
      const force = gazetteer.findOrganization(name);
      expect(force?.kind, name).toBe('force');
      expect(force?.territorial, name).toBeUndefined();
    }
    expect(gazetteer.findOrganization('City of London Police')?.territorial).toBe(true);
  });

  it('finds Hampshire Constabulary by the names the press uses for it', () => {
    for (const name of ['Hampshire Police', 'hampshire police', 'Hampshire and Isle of Wight Constabulary']) {
      expect(gazetteer.findOrganization(name)?.name, name).toBe('Hampshire Constabulary');
    }
  });

  it('finds the Metropolitan Police Service as the Met and as Scotland Yard', () => {
    for (const name of ['the Met', 'The Met', 'Met Police', 'Scotland Yard', '  THE   Metropolitan\u00a0Police ']) {
      expect(gazetteer.findOrganization(name)?.id, name).toBe('metropolitan-police-service');
    }
  });

  it('finds the same HMICFRS entry by its acronym and by its full name with a curly apostrophe', () => {
    const byAcronym = gazetteer.findOrganization('hmicfrs');
    // the full name built from its parts: the apostrophe curly in one, straight in the other, "&" and "and"
    const name = (apostrophe: string, and: string) => `Her Majesty${apostrophe}s Inspectorate of Constabulary and Fire ${and} Rescue Services`;
    const byName = gazetteer.findOrganization(name('’', '&'));
    expect(byAcronym).toBeDefined();
    expect(byName).toBe(byAcronym);
    expect(gazetteer.findOrganization(name("'", 'and'))).toBe(byAcronym);
  });

  it('records that HMIC became HMICFRS in 2017, the IPCC the IOPC in 2018 and ACPO the NPCC in 2015', () => {
    const renames = (name: string) => {
      const from = gazetteer.findOrganization(name);
      return [from?.renamedTo && gazetteer.orgById(from.renamedTo)?.name, from?.renamedIn];
    };
    expect(renames('HMIC')).toEqual(['HM Inspectorate of Constabulary and Fire & Rescue Services', 2017]);
    expect(renames('IPCC')).toEqual(['Independent Office for Police Conduct', 2018]);
    expect(renames('ACPO')).toEqual(["National Police Chiefs' Council", 2015]);
  });

  it('finds a police and crime commissioner office by its short names and knows its area', () => {
    const office = gazetteer.findOrganization('Kent PCC');
    expect(office?.kind).toBe('commissioner-office');
    expect(office?.area).toBe('Kent');
    expect(gazetteer.findOrganization('Kent Police and Crime Commissioner')).toBe(office);
    expect(gazetteer.findOrganization('Kent Police')).not.toBe(office);
  });

  it('finds Zoë Billingham without the diaeresis and keeps it in her canonical name', () => {
    const person = gazetteer.findPerson('zoe billingham');
    expect(person?.name).toBe('Zoë Billingham');
    expect(person?.kind).toBe('inspector');
    expect(gazetteer.personById('zoe-billingham')).toBe(person);
  });

  it('answers undefined for names it does not know and for bare generic words', () => {
    expect(gazetteer.findOrganization('Police')).toBeUndefined();
    expect(gazetteer.findOrganization('Federation')).toBeUndefined();
    expect(gazetteer.findOrganization('Gotham City Police')).toBeUndefined();
    expect(gazetteer.findPerson('Mr Nobody')).toBeUndefined();
    expect(gazetteer.orgById('no-such-id')).toBeUndefined();
  });

  it('spells every name with an apostrophe in both the straight and the curly style', () => {
    const entries: (OrganizationEntry | PersonEntry)[] = [...gazetteer.organizations, ...gazetteer.people];
    for (const entry of entries) {
      const names = [entry.name, ...entry.aliases];
      for (const name of names.filter((n) => n.includes("'"))) {
        expect(names, `${entry.id}: ${name}`).toContain(name.replaceAll("'", '’'));
      }
    }
  });

  it('hands out frozen entries that callers cannot change by accident', () => {
    const force = gazetteer.findOrganization('Kent Police');
    expect(Object.isFrozen(force)).toBe(true);
    expect(Object.isFrozen(force?.aliases)).toBe(true);
  });
});

describe('a gazetteer with a bad file', () => {
  it('is refused with an error naming the file, the entry and the field', () => {
    const dir = gazetteerDir([essex, { ...kent, kind: 'forse' }]);
    const error = loadError(dir);
    expect(error.message).toContain(`${join(dir, 'organizations.json')}: entry 1 ("Kent Police"): field "kind": invalid value "forse"`);
  });

  it('names the nested field of a person’s role', () => {
    const error = loadError(gazetteerDir([kent], [{ id: 'a-b', name: 'A B', aliases: [], kind: 'other', roles: [{ title: 'Chief', organization: 7 }] }]));
    expect(error.message).toMatch(/people\.json: entry 0 \("A B"\): field "roles\[0\]\.organization": invalid value 7/);
  });

  it('refuses an alias shared by two entries even when spelt differently', () => {
    const error = loadError(gazetteerDir([kent, { ...essex, aliases: ['KENT  police'] }]));
    expect(error.message).toContain('entry 1 ("Essex Police"): field "aliases[0]": "KENT  police" is already a name of entry 0 ("Kent Police")');
  });

  it('refuses a rename or a role that points at an unknown organisation', () => {
    expect(loadError(gazetteerDir([{ ...kent, renamedTo: 'kent-constabulary', renamedIn: 2020 }])).message).toContain(
      'entry 0 ("Kent Police"): field "renamedTo": no organisation has id "kent-constabulary"',
    );
    const person = { id: 'a-b', name: 'A B', aliases: [], kind: 'other', roles: [{ title: 'Chief', organization: 'nowhere' }] };
    expect(loadError(gazetteerDir([kent], [person])).message).toContain('field "roles[0].organization": no organisation');
  });

  it('refuses a duplicated id, an unknown field and a territorial body that is not a force', () => {
    expect(loadError(gazetteerDir([kent, { ...essex, id: 'kent-police' }])).message).toContain('entry 1 ("Essex Police"): field "id"');
    expect(loadError(gazetteerDir([{ ...kent, teritorial: true }])).message).toContain('field "teritorial": unknown field');
    expect(loadError(gazetteerDir([{ ...kent, kind: 'other' }])).message).toContain('field "territorial": invalid value true: only a force can be territorial');
  });

  it('reports a file that is not JSON or not an array in one line naming the file', () => {
    const dir = gazetteerDir([]);
    writeFileSync(join(dir, 'organizations.json'), '[{');
    expect(loadError(dir).message).toMatch(/organizations\.json: not valid JSON/);
    const other = gazetteerDir({ id: 'x' });
    expect(loadError(other).message).toMatch(/organizations\.json: must be a JSON array/);
  });

  it('counts the further problems after the first in the message and lists them all', () => {
    const error = loadError(gazetteerDir([{ ...kent, kind: 'x' }, { ...essex, kind: 'y' }]));
    expect(error.problems).toHaveLength(2);
    expect(error.message).toMatch(/\(and 1 more problem\)$/);
  });
});

describe('the report catalogue', () => {
  const gazetteer = loadGazetteer();
  const invented = {
    id: 'report:hmicfrs-2031-invented-thematic',
    title: 'An invented thematic inspection',
    shortNames: ['Invented thematic'],
    publisher: 'HM Inspectorate of Constabulary and Fire & Rescue Services',
    published: '2031-04-02',
    url: 'https://example.org/invented',
    subjects: ['vetting'],
    kind: 'thematic',
  };
  const withReports = (reports: unknown) => {
    const dir = gazetteerDir([kent]);
    writeFileSync(join(dir, 'reports.json'), JSON.stringify(reports));
    return dir;
  };

  it('loads the shipped reports, each id unique and each looked up by it', () => {
    expect(gazetteer.reports.length).toBeGreaterThan(300);
    expect(new Set(gazetteer.reports.map((r) => r.id)).size).toBe(gazetteer.reports.length);
    const first = gazetteer.reports[0]!;
    expect(gazetteer.reportById(first.id)).toBe(first);
  });

  it('is empty for a folder without a reports file', () => {
    expect(loadGazetteer(gazetteerDir([kent])).reports).toEqual([]);
  });

  it('names the entry index and the field of a bad report', () => {
    const error = loadError(withReports([invented, { ...invented, id: 'report:other', published: '2031-13' }]));
    expect(error.message).toMatch(/reports\.json: entry 1 \("report:other"\): field "published"/);
  });

  it('refuses a report id used twice and a kind it does not know', () => {
    expect(loadError(withReports([invented, invented])).message).toMatch(/entry 1 .*field "id".*already the id of entry 0/);
    expect(loadError(withReports([{ ...invented, kind: 'pamphlet' }])).message).toMatch(/entry 0 .*field "kind": invalid value "pamphlet"/);
  });
});

describe('normalizeName', () => {
  it('ignores case, accents, apostrophe style, spacing and a leading "the"', () => {
    expect(normalizeName('  The  Zoë   BILLINGHAM’s ')).toBe("zoe billingham's");
    expect(normalizeName('National Police Chiefs’ Council')).toBe(normalizeName("national police chiefs' council"));
    expect(normalizeName('Dyfed–Powys Police')).toBe('dyfed-powys police');
    expect(normalizeName('Theresa May')).toBe('theresa may');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
  });

  it('gives the same key whatever the case or the run of spaces', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÖØ-Þà-öø-ÿ'’]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(' ', '  ', '\t', '\u00a0'), { minLength: 4, maxLength: 4 }), (words, gaps) => {
        const plain = words.join(' ');
        const spaced = words.map((w, i) => `${w}${gaps[i] ?? ' '}`).join('');
        return normalizeName(plain.toUpperCase()) === normalizeName(spaced.toLowerCase());
      }),
    );
  });
});
