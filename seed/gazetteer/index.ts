// The gazetteer: known organisations and people, with the names the press uses for them and
// the renames between bodies (HMIC → HMICFRS, IPCC → IOPC), and the catalogue of real reports.
// The data lives in the JSON files next to this module; this module checks them and answers
// look-ups.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ORGANIZATION_KINDS, PERSON_KINDS } from '../../server/model/graph.js';
import { normalizeName } from './normalize.js';

export { normalizeName } from './normalize.js';

export const ORGANIZATIONS_FILE = 'organizations.json';
export const PEOPLE_FILE = 'people.json';
/** The catalogue of real reports mentions are linked to; optional in a folder (none: no linking). */
export const REPORTS_FILE = 'reports.json';
/** The folder holding the shipped gazetteer files (this module's own folder). */
export const GAZETTEER_DIR = dirname(fileURLToPath(import.meta.url));

const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be kebab-case (a-z, 0-9, single hyphens)' });

const NameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s === s.trim(), { message: 'must not start or end with whitespace' })
  .refine((s) => normalizeName(s) !== '', { message: 'must contain more than whitespace and "the"' });

const YearSchema = z.int().min(1800).max(2100);

export const OrganizationEntrySchema = z
  .strictObject({
    id: IdSchema,
    name: NameSchema,
    kind: z.enum(ORGANIZATION_KINDS),
    /** One of the 43 territorial police forces of England and Wales. Absent otherwise. */
    territorial: z.literal(true).optional(),
    /** The police area of a territorial force or of a police and crime commissioner's office. */
    area: NameSchema.optional(),
    aliases: z.array(NameSchema),
    /** The id of the body this one became (HMIC → HMICFRS). */
    renamedTo: IdSchema.optional(),
    /** The year of that rename. */
    renamedIn: YearSchema.optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.territorial && entry.kind !== 'force') {
      ctx.addIssue({ code: 'custom', path: ['territorial'], message: 'only a force can be territorial' });
    }
    if (entry.renamedIn !== undefined && entry.renamedTo === undefined) {
      ctx.addIssue({ code: 'custom', path: ['renamedIn'], message: 'needs renamedTo' });
    }
    if (entry.renamedTo === entry.id) {
      ctx.addIssue({ code: 'custom', path: ['renamedTo'], message: 'an organisation cannot be renamed to itself' });
    }
  });

export const RoleSchema = z
  .strictObject({
    title: NameSchema,
    /** An organisation id from organizations.json, or null when the role belongs to no listed body. */
    organization: IdSchema.nullable(),
    from: YearSchema.optional(),
    to: YearSchema.optional(),
  })
  .superRefine((role, ctx) => {
    if (role.from !== undefined && role.to !== undefined && role.from > role.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before "from" (${role.from})` });
    }
  });

export const PersonEntrySchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  aliases: z.array(NameSchema),
  kind: z.enum(PERSON_KINDS),
  roles: z.array(RoleSchema),
});

export const REPORT_KINDS = ['peel', 'thematic', 'inspection', 'review', 'inquiry', 'investigation', 'committee-report', 'statistics', 'survey', 'strategy', 'super-complaint'] as const;

/** A real report as its publisher lists it: the formal title, the names the press uses, when and where. */
export const ReportEntrySchema = z.strictObject({
  id: z.string().regex(/^report:[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be "report:" and kebab-case (a-z, 0-9, single hyphens)' }),
  title: NameSchema.max(500),
  shortNames: z.array(NameSchema),
  /** the publishing body as the report names it (looked up in organizations.json by the linker) */
  publisher: NameSchema,
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  published: z.string().regex(/^(?:18|19|20|21)\d\d(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, { message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' }),
  url: z.url({ protocol: /^https?$/ }),
  subjects: z.array(NameSchema),
  kind: z.enum(REPORT_KINDS),
});

export type ReportEntry = z.infer<typeof ReportEntrySchema>;
export type OrganizationEntry = z.infer<typeof OrganizationEntrySchema>;
export type PersonEntry = z.infer<typeof PersonEntrySchema>;
export type Role = z.infer<typeof RoleSchema>;

export interface Gazetteer {
  readonly organizations: readonly OrganizationEntry[];
  readonly people: readonly PersonEntry[];
  /** the report catalogue (reports.json), empty when the folder has none */
  readonly reports: readonly ReportEntry[];
  reportById(id: string): ReportEntry | undefined;
  orgById(id: string): OrganizationEntry | undefined;
  personById(id: string): PersonEntry | undefined;
  /** Looks a name up against every organisation's name and aliases (see `normalizeName`). */
  findOrganization(name: string): OrganizationEntry | undefined;
  /** Looks a name up against every person's name and aliases (see `normalizeName`). */
  findPerson(name: string): PersonEntry | undefined;
}

/** A gazetteer file that cannot be used. `message` is the first problem; `problems` lists them all. */
export class GazetteerError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(`${problems[0] ?? `${file}: invalid`}${more}`);
    this.name = 'GazetteerError';
  }
}

const cache = new Map<string, Gazetteer>();

/**
 * Reads, checks and indexes `organizations.json` and `people.json` in `dir` (by default the
 * shipped files). Synchronous; cached per folder. Throws a `GazetteerError` whose message names
 * the file, the entry (its 0-based index in the array, and its name) and the field.
 */
export function loadGazetteer(dir: string = GAZETTEER_DIR): Gazetteer {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const gazetteer = buildGazetteer(key);
  cache.set(key, gazetteer);
  return gazetteer;
}

function buildGazetteer(dir: string): Gazetteer {
  const orgFile = join(dir, ORGANIZATIONS_FILE);
  const peopleFile = join(dir, PEOPLE_FILE);
  const organizations = parseFile(orgFile, OrganizationEntrySchema);
  const people = parseFile(peopleFile, PersonEntrySchema);
  const reportFile = join(dir, REPORTS_FILE);
  const reports = existsSync(reportFile) ? parseFile(reportFile, ReportEntrySchema) : [];
  // (an entry is labelled in messages by its title)
  indexById(reportFile, reports.map((r) => ({ id: r.id, name: r.title })));
  const reportIds = new Map(reports.map((r) => [r.id, r]));

  const orgIds = indexById(orgFile, organizations);
  const personIds = indexById(peopleFile, people);

  const orgProblems: string[] = [];
  organizations.forEach((org, i) => {
    if (org.renamedTo !== undefined && !orgIds.has(org.renamedTo)) {
      orgProblems.push(problem(orgFile, i, org, 'renamedTo', `no organisation has id "${org.renamedTo}"`));
    }
  });
  if (orgProblems.length === 0) orgProblems.push(...renameCycles(orgFile, organizations, orgIds));
  throwIfAny(orgFile, orgProblems);

  const peopleProblems: string[] = [];
  people.forEach((person, i) => {
    person.roles.forEach((role, r) => {
      if (role.organization !== null && !orgIds.has(role.organization)) {
        peopleProblems.push(
          problem(peopleFile, i, person, `roles[${r}].organization`, `no organisation in ${ORGANIZATIONS_FILE} has id "${role.organization}"`),
        );
      }
    });
  });
  throwIfAny(peopleFile, peopleProblems);

  const orgNames = indexNames(orgFile, organizations);
  const personNames = indexNames(peopleFile, people);

  for (const entry of [...organizations, ...people, ...reports]) deepFreeze(entry);
  return Object.freeze({
    organizations: Object.freeze(organizations),
    people: Object.freeze(people),
    reports: Object.freeze(reports),
    reportById: (id: string) => reportIds.get(id),
    orgById: (id: string) => orgIds.get(id),
    personById: (id: string) => personIds.get(id),
    findOrganization: (name: string) => orgNames.get(normalizeName(name)),
    findPerson: (name: string) => personNames.get(normalizeName(name)),
  });
}

function parseFile<T extends z.ZodType>(file: string, schema: T): z.infer<T>[] {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GazetteerError(shown, [`${shown}: cannot be read: ${(error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GazetteerError(shown, [`${shown}: not valid JSON: ${(error as Error).message}`]);
  }
  if (!Array.isArray(data)) {
    throw new GazetteerError(shown, [`${shown}: must be a JSON array of entries`]);
  }
  const entries: z.infer<T>[] = [];
  const problems: string[] = [];
  data.forEach((raw: unknown, i) => {
    const result = schema.safeParse(raw);
    if (result.success) {
      entries.push(result.data);
      return;
    }
    for (const issue of result.error.issues) problems.push(describeIssue(file, i, raw, issue));
  });
  throwIfAny(file, problems);
  return entries;
}

function describeIssue(file: string, index: number, raw: unknown, issue: z.core.$ZodIssue): string {
  const entry = entryLabel(file, index, raw);
  if (issue.path.length === 0 && issue.code === 'invalid_type') return `${entry}: must be an object`;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${entry}: field ${JSON.stringify(fieldPath([...issue.path, key]))}: unknown field`).join('; ');
  }
  const value = valueAt(raw, issue.path);
  const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
  let message: string;
  switch (issue.code) {
    case 'invalid_value':
      message = `invalid value${shown} (expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
      break;
    case 'invalid_type':
      message = value === undefined ? `is required (${issue.expected})` : `invalid value${shown}: expected ${issue.expected}`;
      break;
    default:
      message = value === undefined ? issue.message : `invalid value${shown}: ${issue.message}`;
  }
  return `${entry}: field ${JSON.stringify(fieldPath(issue.path))}: ${message}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function entryLabel(file: string, index: number, raw: unknown): string {
  const name = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).name : undefined;
  const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined;
  const label = typeof name === 'string' ? name : typeof id === 'string' ? id : undefined;
  return `${displayPath(file)}: entry ${index}${label === undefined ? '' : ` (${JSON.stringify(label)})`}`;
}

function problem(file: string, index: number, entry: { name: string }, field: string, message: string): string {
  return `${entryLabel(file, index, entry)}: field ${JSON.stringify(field)}: ${message}`;
}

function throwIfAny(file: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new GazetteerError(displayPath(file), problems);
}

/** The path relative to the working folder when the file is inside it, as people type it. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : file;
}

function indexById<T extends { id: string; name: string }>(file: string, entries: readonly T[]): Map<string, T> {
  const byId = new Map<string, T>();
  const first = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const seen = first.get(entry.id);
    if (seen !== undefined) {
      problems.push(problem(file, i, entry, 'id', `"${entry.id}" is already the id of entry ${seen} (${JSON.stringify(entries[seen]?.name)})`));
      return;
    }
    first.set(entry.id, i);
    byId.set(entry.id, entry);
  });
  throwIfAny(file, problems);
  return byId;
}

/** Every name and alias, normalised, to its entry; a key claimed by two entries is refused. */
function indexNames<T extends { name: string; aliases: readonly string[] }>(file: string, entries: readonly T[]): Map<string, T> {
  const byName = new Map<string, T>();
  const owner = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const names: [field: string, value: string][] = [['name', entry.name], ...entry.aliases.map((a, k): [string, string] => [`aliases[${k}]`, a])];
    for (const [field, value] of names) {
      const key = normalizeName(value);
      const seen = owner.get(key);
      if (seen === undefined) {
        owner.set(key, i);
        byName.set(key, entry);
      } else if (seen !== i) {
        problems.push(
          problem(file, i, entry, field, `${JSON.stringify(value)} is already a name of entry ${seen} (${JSON.stringify(entries[seen]?.name)})`),
        );
      }
    }
  });
  throwIfAny(file, problems);
  return byName;
}

function renameCycles(file: string, organizations: readonly OrganizationEntry[], byId: ReadonlyMap<string, OrganizationEntry>): string[] {
  const problems: string[] = [];
  organizations.forEach((org, i) => {
    const seen = new Set<string>([org.id]);
    for (let next = org.renamedTo; next !== undefined; next = byId.get(next)?.renamedTo) {
      if (seen.has(next)) {
        problems.push(problem(file, i, org, 'renamedTo', `renames run in a circle through "${next}"`));
        break;
      }
      seen.add(next);
    }
  });
  return problems;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  for (const child of Object.values(value)) deepFreeze(child);
  Object.freeze(value);
}
