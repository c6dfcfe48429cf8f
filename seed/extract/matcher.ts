// The gazetteer compiled once into one alternation per entity type, so a document is scanned
// once for all known names instead of once per name. Compiled matchers are cached per gazetteer.

import { editDistance, escapeRegExp, foldName, foldPreservingLength } from './text.js';
import type { GazetteerLike, GazetteerOrganization, GazetteerPerson, Span } from './types.js';

export interface OrgHit extends Span {
  org: GazetteerOrganization;
  surface: string;
}

export interface PersonHit extends Span {
  person: GazetteerPerson;
  surface: string;
}

export interface CompiledGazetteer {
  findOrgs(folded: string, original: string): OrgHit[];
  findPeople(folded: string, original: string): PersonHit[];
  orgByName(name: string): GazetteerOrganization | null;
  personByName(name: string): GazetteerPerson | null;
  /** A gazetteer person whose name is within two edits of `name` (a misspelling). */
  personBySpelling(name: string): GazetteerPerson | null;
}

interface Form<T> {
  entity: T;
  form: string;
}

const cache = new WeakMap<GazetteerLike, CompiledGazetteer>();

export function compileGazetteer(g: GazetteerLike): CompiledGazetteer {
  const hit = cache.get(g);
  if (hit) return hit;
  const compiled = build(g);
  cache.set(g, compiled);
  return compiled;
}

/** Key used to look a matched surface string up: folded, lower case, single spaces. */
const keyOf = (s: string): string => foldPreservingLength(s).toLowerCase().replace(/\s+/g, ' ').trim();

function buildAlternation<T>(forms: Form<T>[]): { re: RegExp | null; byKey: Map<string, Form<T>[]> } {
  const byKey = new Map<string, Form<T>[]>();
  for (const f of forms) {
    const k = keyOf(f.form);
    if (k.length < 2) continue;
    const list = byKey.get(k) ?? [];
    list.push(f);
    byKey.set(k, list);
  }
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length);
  if (keys.length === 0) return { re: null, byKey };
  const body = keys.map((k) => escapeRegExp(k).replace(/ /g, '\\s+')).join('|');
  return { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu'), byKey };
}

/**
 * Case rules: an acronym must match exactly ("ICO" not "ico" in a URL); any other form must
 * carry its first capital as written ("Refuge" the charity, not "women's refuges"; "the Met").
 */
function caseFits(surface: string, form: string): boolean {
  const isAcronym = !/\p{Ll}/u.test(form);
  if (isAcronym) return foldPreservingLength(surface) === foldPreservingLength(form);
  const formWords = form.split(/\s+/);
  const surfaceWords = surface.split(/\s+/);
  // "the home affairs select committee": house styles that write a committee's name in lower case
  if (formWords.length >= 3 && formWords[formWords.length - 1] === 'Committee' && surface === surface.toLowerCase()) return true;
  // "told the Guardian": a leading "The" is the sentence's, not the name's
  const i = formWords.findIndex((w, k) => /^\p{Lu}/u.test(w) && !(k === 0 && w === 'The' && formWords.length > 1));
  if (i < 0) return true;
  return /^\p{Lu}/u.test(surfaceWords[i] ?? '');
}

function scan<T>(
  re: RegExp | null,
  byKey: Map<string, Form<T>[]>,
  folded: string,
  original: string,
): { entity: T; start: number; end: number; surface: string }[] {
  if (!re) return [];
  const out: { entity: T; start: number; end: number; surface: string }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const surface = original.slice(m.index, m.index + m[0].length);
    const forms = byKey.get(keyOf(m[0])) ?? [];
    const fit = forms.find((f) => caseFits(surface, f.form));
    if (fit) out.push({ entity: fit.entity, start: m.index, end: m.index + m[0].length, surface });
  }
  return out;
}

function build(g: GazetteerLike): CompiledGazetteer {
  const orgForms: Form<GazetteerOrganization>[] = [];
  for (const org of g.organizations) for (const form of [org.name, ...org.aliases]) orgForms.push({ entity: org, form });
  // a person is found by a full name; one-word aliases would fire on every "May" or "Rudd"
  const personForms: Form<GazetteerPerson>[] = [];
  for (const p of g.people) {
    for (const form of [p.name, ...p.aliases]) if (/\s/.test(form.trim())) personForms.push({ entity: p, form });
  }
  const orgs = buildAlternation(orgForms);
  const people = buildAlternation(personForms);

  const orgByFold = new Map<string, GazetteerOrganization>();
  for (const f of orgForms) if (!orgByFold.has(foldName(f.form))) orgByFold.set(foldName(f.form), f.entity);
  const personByFold = new Map<string, GazetteerPerson>();
  const byToken = new Map<string, GazetteerPerson[]>();
  for (const f of personForms) {
    const k = foldName(f.form);
    if (!personByFold.has(k)) personByFold.set(k, f.entity);
    const toks = k.split(' ');
    for (const t of [toks[0], toks[toks.length - 1]]) {
      if (!t) continue;
      const list = byToken.get(t) ?? [];
      if (!list.includes(f.entity)) list.push(f.entity);
      byToken.set(t, list);
    }
  }

  return {
    findOrgs: (folded, original) => scan(orgs.re, orgs.byKey, folded, original).map((h) => ({ ...h, org: h.entity })),
    findPeople: (folded, original) => scan(people.re, people.byKey, folded, original).map((h) => ({ ...h, person: h.entity })),
    orgByName(name) {
      const k = foldName(name);
      return orgByFold.get(k) ?? g.findOrganization?.(name) ?? null;
    },
    personByName(name) {
      return personByFold.get(foldName(name)) ?? null;
    },
    personBySpelling(name) {
      const k = foldName(name);
      if (k.length < 6) return null;
      const toks = k.split(' ');
      const candidates = new Set<GazetteerPerson>();
      for (const t of [toks[0], toks[toks.length - 1]]) for (const p of (t && byToken.get(t)) || []) candidates.add(p);
      let best: GazetteerPerson | null = null;
      let bestD = 3;
      for (const p of candidates) {
        for (const form of [p.name, ...p.aliases]) {
          const d = editDistance(k, foldName(form), 2);
          if (d < bestD) {
            bestD = d;
            best = p;
          }
        }
      }
      return bestD <= 2 ? best : null;
    },
  };
}
