// Resolve (across documents): the same person named differently in different documents of one
// corpus becomes one person. Two patterns of the press:
//   - a document that names someone only as "Mr Scott" or "Dr Farouk", when exactly one person
//     of that surname (and a compatible sex) is named in full elsewhere in the corpus;
//   - a misspelt name ("Thersa May", "Zoe Billingam") one or two letters off another person's
//     name with the same first name or surname, when the context supports it: both given a
//     role at the same body or with the same title, or both in one document, the misspelling
//     the rarer of the two.
// The variant stays as an alias of the canonical person. Pure: no I/O.

import { editDistance } from '../extract/text.js';
import { FEMALE_HONORIFICS, FIRST_NAME_GENDER, MALE_HONORIFICS } from '../extract/lexicon.js';
import type { Extraction } from '../extract/types.js';
import { normalizeName } from '../gazetteer/normalize.js';

const HONORIFIC_NAME = /^(mr|mrs|ms|miss|dr|sir|dame|lord|lady|professor|prof|cllr|councillor)\.?\s+(\S+)$/;

interface Person {
  name: string;
  key: string;
  first: string;
  last: string;
  docs: Set<string>;
  mentions: number;
  known: boolean;
  context: Set<string>;
}

/** Canonical names for the people of a corpus, keyed by the normalised name to be replaced. */
export function resolvePeopleAcrossDocuments(extractions: readonly Extraction[]): Map<string, string> {
  const people = collect(extractions);
  const full = [...people.values()].filter((p) => !HONORIFIC_NAME.test(p.key) && p.key.includes(' '));
  const renames = new Map<string, string>();

  // misspellings first, so an honorific form then finds one person, not two
  const byFirst = group(full, (p) => p.first);
  const byLast = group(full, (p) => p.last);
  for (const p of full) {
    const near = [
      ...(byFirst.get(p.first) ?? []).filter((o) => o !== p && p.last.length >= 5 && editDistance(p.last, o.last, 2) <= 2),
      ...(byLast.get(p.last) ?? []).filter((o) => o !== p && p.first.length >= 4 && editDistance(p.first, o.first, 1) <= 1),
    ];
    for (const o of near) {
      const canonical = preferred(p, o);
      // in one document with no shared role, only a rarer spelling is taken for a slip of the pen
      if (!sharesRole(p, o) && !(sharesDocument(p, o) && canonical.mentions > (canonical === p ? o : p).mentions)) continue;
      const variant = canonical === p ? o : p;
      if (!renames.has(canonical.key)) renames.set(variant.key, canonical.name);
    }
  }

  const settled = full.filter((p) => !renames.has(p.key));
  const bySurname = group(settled, (p) => p.last);
  for (const p of people.values()) {
    const m = HONORIFIC_NAME.exec(p.key);
    if (!m?.[1] || !m[2]) continue;
    const sex = FEMALE_HONORIFICS.has(m[1]) ? 'f' : MALE_HONORIFICS.has(m[1]) ? 'm' : null;
    const candidates = (bySurname.get(m[2]) ?? []).filter((o) => !sex || (FIRST_NAME_GENDER.get(o.first) ?? sex) === sex);
    if (candidates.length === 1) renames.set(p.key, candidates[0]!.name);
  }
  return renames;
}

function collect(extractions: readonly Extraction[]): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const x of extractions) {
    for (const e of x.people) {
      const key = normalizeName(e.name);
      const tokens = key.split(' ');
      const p = people.get(key) ?? {
        name: e.name, key, first: tokens[0] ?? '', last: tokens[tokens.length - 1] ?? '', docs: new Set(), mentions: 0, known: false, context: new Set(),
      };
      p.docs.add(x.doc);
      p.mentions += e.mentions.length;
      p.known ||= e.gazetteerId !== null;
      for (const r of e.roles) {
        if (r.organization) p.context.add(`org:${normalizeName(r.organization)}`);
        p.context.add(`title:${normalizeName(r.title)}`);
      }
      people.set(key, p);
    }
  }
  return people;
}

function group(people: Person[], keyOf: (p: Person) => string): Map<string, Person[]> {
  const out = new Map<string, Person[]>();
  for (const p of people) out.set(keyOf(p), [...(out.get(keyOf(p)) ?? []), p]);
  return out;
}

function sharesDocument(a: Person, b: Person): boolean {
  for (const d of a.docs) if (b.docs.has(d)) return true;
  return false;
}

function sharesRole(a: Person, b: Person): boolean {
  for (const c of a.context) if (b.context.has(c)) return true;
  return false;
}

/** The spelling to keep: the gazetteer's, else the one more documents use, else the more often named. */
function preferred(a: Person, b: Person): Person {
  if (a.known !== b.known) return a.known ? a : b;
  if (a.docs.size !== b.docs.size) return a.docs.size > b.docs.size ? a : b;
  if (a.mentions !== b.mentions) return a.mentions > b.mentions ? a : b;
  return a.name.localeCompare(b.name) <= 0 ? a : b;
}
