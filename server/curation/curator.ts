import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import { labelOfId } from '../model/graph.js';
import type { GraphStore } from '../store/port.js';
import { seedCorpus } from '../../seed/pipeline.js';
import { corpusKey } from '../../seed/ingest/document-id.js';
import { loadOverrides, saveOverrides, type Overrides, type OverrideSection } from '../../seed/resolve/overrides.js';

// Corrections made in the browser. Each is an entry in the overrides file (who, when, what,
// why), so every later seed applies it too, and it reaches the store the one way the seed
// does: the documents it touches are derived again with the overrides and rewritten. One
// writer at a time, uploads included, so two corrections never interleave their rewrites.

export type CorrectionKind = 'speaker' | 'merge' | 'role' | 'role-removed';

export interface CorrectionView {
  id: string;
  kind: CorrectionKind;
  /** one line saying what it does */
  summary: string;
  by: string | null;
  at: string | null;
  note: string | null;
  undone: { by: string | null; at: string } | null;
  /** the overrides file's entries for it */
  entries: { section: OverrideSection; entry: Record<string, unknown> }[];
}

export interface Applied {
  /** documents derived again and rewritten */
  documents: number;
  /** documents the correction concerns that came from a folder this server does not seed: `npm run seed` that folder to apply it there */
  elsewhere: number;
  skipped: { file: string; reason: string }[];
}

export interface CuratorOptions {
  store: GraphStore;
  overridesFile: string;
  /** the folders this server seeds (the corpus, the uploads), in order */
  folders: string[];
}

const SECTION_KIND: Record<OverrideSection, CorrectionKind> = { attributions: 'speaker', merges: 'merge', roles: 'role', removedRoles: 'role-removed' };
const SPEAKER_KIND = { Person: 'person', Organization: 'organization' } as const;

export class Curator {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CuratorOptions) {}

  /** Runs `work` after every write queued before it. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  list(): CorrectionView[] {
    const overrides = this.read();
    const byId = new Map<string, CorrectionView>();
    for (const section of Object.keys(SECTION_KIND) as OverrideSection[]) {
      for (const entry of overrides[section] as Record<string, unknown>[]) {
        const id = entryId(section, entry);
        const view = byId.get(id) ?? {
          id, kind: SECTION_KIND[section], summary: '', by: str(entry.by), at: str(entry.at), note: str(entry.note),
          undone: entry.undone ? { by: str((entry.undone as { by?: string }).by), at: (entry.undone as { at: string }).at } : null, entries: [],
        };
        view.entries.push({ section, entry });
        byId.set(id, view);
      }
    }
    const views = [...byId.values()];
    for (const v of views) v.summary = summarise(v);
    // newest first; entries written by hand (no time) after them, in file order
    return views.map((v, i) => ({ v, i })).sort((a, b) => (b.v.at ?? '').localeCompare(a.v.at ?? '') || a.i - b.i).map(({ v }) => v);
  }

  setSpeaker(quoteId: string, speakerId: string | null, meta: Meta): Promise<{ correction: CorrectionView; applied: Applied }> {
    return this.serial(async () => {
      const [quote] = (await this.options.store.quotes({ quoteId, limit: 1, offset: 0 })).quotes;
      if (!quote) throw new NotFoundError('quote', quoteId);
      let speaker: { name: string; kind: 'person' | 'organization' } | null = null;
      if (speakerId !== null) {
        const label = labelOfId(speakerId);
        // a report speaks only where a document names it, which a curator's choice cannot promise
        if (label !== 'Person' && label !== 'Organization') throw new ValidationError(`body field "speaker": "${speakerId}" is not a person or a body; only they can be named as speakers here`);
        const node = await this.options.store.getNode(speakerId);
        if (!node) throw new NotFoundError('node', speakerId);
        speaker = { name: node.node.name, kind: SPEAKER_KIND[label] };
      }
      const id = newId();
      const entry = { ...stamp(id, meta), quoteId, quoteText: quote.text.slice(0, 120), speaker: speaker?.name ?? null, speakerKind: speaker?.kind ?? null, ...(speakerId ? { speakerId } : {}) };
      return this.commit((o) => { o.attributions.push(entry); }, id, new Set(quote.sources.map((s) => s.documentId)));
    });
  }

  merge(fromIds: string[], intoId: string, meta: Meta): Promise<{ correction: CorrectionView; applied: Applied }> {
    return this.serial(async () => {
      const from = [...new Set(fromIds)].filter((f) => f !== intoId);
      if (!from.length) throw new ValidationError('body field "ids": name at least one entity other than "into"');
      const into = await this.entity(intoId, 'into');
      const names: string[] = [];
      for (const [i, f] of from.entries()) {
        const node = await this.entity(f, `ids.${i}`);
        if (node.label !== into.label) throw new AppError('CONFLICT', `cannot merge ${node.label} "${node.name}" into ${into.label} "${into.name}": only entities of one kind merge`, 409, { field: `ids.${i}` });
        names.push(node.name);
      }
      const id = newId();
      return this.commit((o) => { for (const name of names) o.merges.push({ ...stamp(id, meta), from: name, into: into.name, intoId: into.id, ...(into.kind ? { intoKind: into.kind } : {}) }); }, id, null);
    });
  }

  addRole(personId: string, role: { title: string; organizationId: string | null }, meta: Meta): Promise<{ correction: CorrectionView; applied: Applied }> {
    return this.serial(async () => {
      const { person, organization } = await this.roleParts(personId, role.organizationId);
      const id = newId();
      return this.commit((o) => { o.roles.push({ ...stamp(id, meta), person, personId, title: role.title.trim(), organization }); }, id, null);
    });
  }

  removeRole(personId: string, role: { title: string; organizationId: string | null }, meta: Meta): Promise<{ correction: CorrectionView; applied: Applied }> {
    return this.serial(async () => {
      const { person, organization } = await this.roleParts(personId, role.organizationId);
      const id = newId();
      // a title at no body is kept on the person, where documents only ever add to it
      const forget = organization === null ? [{ id: personId, titles: [role.title.trim()] }] : [];
      return this.commit((o) => { o.removedRoles.push({ ...stamp(id, meta), person, personId, title: role.title.trim(), organization }); }, id, null, forget);
    });
  }

  undo(correctionId: string, meta: Pick<Meta, 'by'>): Promise<{ correction: CorrectionView; applied: Applied }> {
    return this.serial(async () => {
      const found = this.list().find((c) => c.id === correctionId);
      if (!found) throw new NotFoundError('correction', correctionId);
      if (found.undone) throw new AppError('CONFLICT', `correction "${correctionId}" was already undone at ${found.undone.at}`, 409);
      const undone = { ...(meta.by ? { by: meta.by } : {}), at: new Date().toISOString() };
      // a speaker correction touches only the documents carrying its quote; the rest rename across documents
      const quoteIds = found.entries.map((e) => e.entry.quoteId).filter((q): q is string => typeof q === 'string');
      const documents = found.kind === 'speaker' && quoteIds.length === found.entries.length ? await this.documentsCarrying(quoteIds) : null;
      // what the correction gave a node that documents alone would not: the merged names, a title at no body
      const forget: { id: string; aliases?: string[]; titles?: string[] }[] = [];
      for (const { section, entry } of found.entries) {
        if (section === 'merges' && typeof entry.intoId === 'string') forget.push({ id: entry.intoId, aliases: [String(entry.from)] });
        if (section === 'roles' && entry.organization === null && typeof entry.personId === 'string') forget.push({ id: entry.personId, titles: [String(entry.title)] });
      }
      return this.commit((o) => {
        for (const section of Object.keys(SECTION_KIND) as OverrideSection[]) {
          for (const entry of o[section] as Record<string, unknown>[]) if (entryId(section, entry) === correctionId) Object.assign(entry, { id: correctionId, undone });
        }
      }, correctionId, documents, forget);
    });
  }

  /** The documents a speaker correction rewrites: those carrying its quotes. */
  private async documentsCarrying(quoteIds: string[]): Promise<Set<string>> {
    const documents = new Set<string>();
    for (const quoteId of quoteIds) for (const s of (await this.options.store.quotes({ quoteId, limit: 1, offset: 0 })).quotes[0]?.sources ?? []) documents.add(s.documentId);
    return documents;
  }

  private read(): Overrides {
    try {
      return loadOverrides(this.options.overridesFile);
    } catch (error) {
      throw new AppError('OVERRIDES_INVALID', `the corrections file cannot be read: ${(error as Error).message}; fix it by hand before correcting more`, 409);
    }
  }

  /**
   * Writes the file, then rewrites the documents concerned (all of them for `null`). When the
   * rewrite fails, the file goes back as it was and the documents are derived from it again,
   * so the store and the file never disagree.
   */
  private async commit(
    change: (o: Overrides) => void, id: string, documents: Set<string> | null, forget: Parameters<GraphStore['forgetNames']>[0] = [],
  ): Promise<{ correction: CorrectionView; applied: Applied }> {
    const file = this.options.overridesFile;
    const before = fs.existsSync(file) ? fs.readFileSync(file) : null;
    const overrides = this.read();
    change(overrides);
    saveOverrides(file, overrides);
    try {
      // names first, then the documents: those that state a name themselves give it back
      await this.options.store.forgetNames(forget);
      const applied = await this.apply(documents);
      return { correction: this.list().find((c) => c.id === id)!, applied };
    } catch (error) {
      if (before) fs.writeFileSync(file, before);
      else fs.rmSync(file, { force: true });
      await this.apply(documents).catch(() => undefined);
      throw new AppError('CORRECTION_FAILED', `the correction could not be applied and was not kept: ${(error as Error).message}`, 500, undefined, { cause: error });
    }
  }

  private async apply(documents: Set<string> | null): Promise<Applied> {
    const applied: Applied = { documents: 0, elsewhere: 0, skipped: [] };
    const folders = this.folders();
    if (documents) {
      const known = new Set(folders.map((dir) => corpusKey(fs.realpathSync(dir))));
      for (const doc of await this.options.store.storedDocuments()) if (documents.has(doc.id) && (!doc.corpus || !known.has(doc.corpus))) applied.elsewhere++;
    }
    for (const dir of folders) {
      const summary = await seedCorpus({ store: this.options.store, dir, overridesFile: this.options.overridesFile, ...(documents ? { only: documents } : {}) });
      applied.documents += summary.loaded;
      applied.skipped.push(...summary.skipped);
    }
    return applied;
  }

  private folders(): string[] {
    return [...new Set(this.options.folders)].filter((dir) => fs.existsSync(dir) && fs.statSync(dir).isDirectory());
  }

  private async entity(id: string, field: string) {
    const label = labelOfId(id);
    if (label !== 'Person' && label !== 'Organization') throw new ValidationError(`body field "${field}": "${id}" is not a person or a body`);
    const node = await this.options.store.getNode(id);
    if (!node) throw new NotFoundError('node', id);
    return node.node;
  }

  private async roleParts(personId: string, organizationId: string | null): Promise<{ person: string; personId: string; organization: string | null }> {
    if (labelOfId(personId) !== 'Person') throw new ValidationError(`path parameter "id": "${personId}" is not a person; roles are held by people`);
    const person = await this.options.store.getNode(personId);
    if (!person) throw new NotFoundError('person', personId);
    let organization: string | null = null;
    if (organizationId !== null) {
      if (labelOfId(organizationId) !== 'Organization') throw new ValidationError(`field "organization": "${organizationId}" is not a body`);
      const org = await this.options.store.getNode(organizationId);
      if (!org) throw new NotFoundError('organization', organizationId);
      organization = org.node.name;
    }
    return { person: person.node.name, personId, organization };
  }
}

export interface Meta { by?: string; note?: string }

function stamp(id: string, meta: Meta) {
  return { id, ...(meta.by ? { by: meta.by } : {}), at: new Date().toISOString(), ...(meta.note ? { note: meta.note } : {}) };
}

function newId(): string {
  return `c-${randomUUID().slice(0, 8)}`;
}

/** An entry written by hand has no id: one from its content, the same at every read. */
function entryId(section: OverrideSection, entry: Record<string, unknown>): string {
  if (typeof entry.id === 'string') return entry.id;
  const { undone: _undone, ...content } = entry;
  return `h-${createHash('sha256').update(`${section}\n${JSON.stringify(content)}`).digest('hex').slice(0, 10)}`;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function summarise(c: CorrectionView): string {
  const e = c.entries.map((x) => x.entry as Record<string, string | null | undefined>);
  const first = e[0]!;
  switch (c.kind) {
    case 'speaker': {
      const which = first.quoteId ? (first.quoteText ? `“${first.quoteText.slice(0, 60)}…” (${first.quoteId})` : first.quoteId) : `“${first.quote}…” in ${first.document}`;
      return first.speaker === null ? `${which} marked unattributed` : `${which} said by ${first.speaker}`;
    }
    case 'merge': return `${e.map((x) => x.from).join(', ')} merged into ${first.into}`;
    case 'role': return `${first.person} holds the role "${first.title}"${first.organization ? ` at ${first.organization}` : ''}`;
    case 'role-removed': return `${first.person} does not hold the role "${first.title}"${first.organization ? ` at ${first.organization}` : ''}`;
  }
}
