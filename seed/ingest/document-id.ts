import { createHash } from 'node:crypto';
import { foldText } from '../../server/model/search-text.js';

// A document is named by its path inside the corpus folder, extension included, so
// `report.txt` and `report.md` are two documents and a sub-folder's `notes.txt` is not the
// top folder's. A path already in a safe form (lower-case Latin letters, digits, `._-` and
// folder slashes) is the id as it is. Any other path keeps its letters, in whatever script,
// and gains a short hash of the exact path: two names that fold to the same form (`Report.txt`
// and `report.txt`, or two titles in Arabic that differ only in punctuation) stay two ids.
// The `~` before the hash never occurs in a safe path, so the two forms cannot collide.

const SAFE_PATH = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** The id of the document at `relativePath` (forward slashes) inside its corpus folder. */
export function documentIdOf(relativePath: string): string {
  const rel = relativePath.split(/[\\/]+/).filter(Boolean).join('/');
  if (SAFE_PATH.test(rel) && rel.length <= 180) return `doc:${rel}`;
  const readable = rel
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._/-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/(^|\/)-+|-+($|\/)/g, '$1$2')
    .slice(0, 160);
  const tag = createHash('sha256').update(rel).digest('hex').slice(0, 8);
  return `doc:${readable || 'unnamed'}~${tag}`;
}

/**
 * The id a document had before ids came from its path: its file name without extension,
 * slugged. Written out here, not shared with today's slug, because it must stay what it was.
 */
export function legacyDocumentId(fileName: string): string {
  return `doc:${foldText(fileName.replace(/\.[a-z]+$/i, '')).replace(/\s+/g, '-').slice(0, 80) || 'unnamed'}`;
}

/**
 * The folder a document was seeded from, as an opaque key: a re-seed of that folder finds its
 * documents by it, and the server's users never see where on its disk the folder lives.
 */
export function corpusKey(realDir: string): string {
  return `corpus:${createHash('sha256').update(realDir).digest('hex').slice(0, 16)}`;
}
