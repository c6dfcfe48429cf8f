import fs from 'node:fs/promises';
import path from 'node:path';

// The documents of a corpus folder, its sub-folders included. Symbolic links are followed
// (to files and to folders) because users gather material by linking it in; a link that leads
// back into a folder being walked is a loop and is reported, not followed. Names starting
// with "." (editor swap files, `.git`, `.DS_Store`) are not the user's documents and are
// passed over without a line. Everything else that is not loaded gets one line saying why.

export interface ListedFile {
  /** the path as reached, for reading and for messages */
  path: string;
  /** the path inside the corpus folder, with forward slashes: the document's identity */
  rel: string;
}

export interface Listing {
  files: ListedFile[];
  skipped: { file: string; reason: string }[];
  /** the folder itself cannot be read */
  error: string | null;
}

const SIDECAR = /\.meta\.json$/i;
/** deeper than any real corpus; guards against link chains that are not loops but never end */
const MAX_DEPTH = 32;

export async function listDocuments(dir: string, extensions: readonly string[]): Promise<Listing> {
  const listing: Listing = { files: [], skipped: [], error: null };
  let root: string;
  try {
    root = await fs.realpath(dir);
    if (!(await fs.stat(root)).isDirectory()) return { ...listing, error: `${dir}: not a folder` };
  } catch (error) {
    return { ...listing, error: `${dir}: folder cannot be read (${codeOf(error)})` };
  }
  const skip = (file: string, reason: string) => listing.skipped.push({ file, reason });
  const sidecars: ListedFile[] = [];

  async function walk(folder: string, rel: string, ancestors: string[]): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      skip(folder, `folder cannot be read (${codeOf(error)})`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      let kind: 'file' | 'folder' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other';
      let real = full;
      if (entry.isSymbolicLink()) {
        const target = await fs.readlink(full).catch(() => '?');
        try {
          real = await fs.realpath(full);
          const stat = await fs.stat(real);
          kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          skip(full, code === 'ELOOP' ? `symbolic link loop (points to ${target})` : code === 'ENOENT' ? `broken symbolic link (points to ${target}, which does not exist)` : `symbolic link cannot be followed (${codeOf(error)})`);
          continue;
        }
      }
      if (kind === 'folder') {
        if (!entry.isSymbolicLink()) real = path.join(ancestors[ancestors.length - 1]!, entry.name);
        if (ancestors.includes(real)) skip(full, `symbolic link loop (leads back to ${path.relative(root, real) || 'the corpus folder'})`);
        else if (ancestors.length > MAX_DEPTH) skip(full, `folder nested more than ${MAX_DEPTH} deep`);
        else await walk(full, relPath, [...ancestors, real]);
      } else if (kind === 'other') {
        skip(full, 'not a regular file (a device, socket or pipe)');
      } else if (SIDECAR.test(entry.name)) {
        sidecars.push({ path: full, rel: relPath });
      } else if (extensions.includes(path.extname(entry.name).toLowerCase())) {
        listing.files.push({ path: full, rel: relPath });
      } else {
        const ext = path.extname(entry.name);
        skip(full, `${ext ? `unsupported format (${ext})` : 'no file extension'}; documents are ${extensions.join(', ')}`);
      }
    }
  }

  await walk(dir, '', [root]);
  const stems = new Set(listing.files.map((f) => f.rel.slice(0, f.rel.length - path.extname(f.rel).length).toLowerCase()));
  for (const s of sidecars) {
    if (!stems.has(s.rel.replace(SIDECAR, '').toLowerCase())) skip(s.path, `sidecar with no document beside it (expected ${path.basename(s.rel).replace(SIDECAR, '')} with one of ${extensions.join(', ')})`);
  }
  listing.files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return listing;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
