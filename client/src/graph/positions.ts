import type cytoscape from 'cytoscape';

// Node positions in a copied link, so whoever opens it sees the picture the sender arranged.
// The code is a fingerprint of the nodes it was made for and their positions, rounded to whole
// pixels, two 16-bit numbers a node in id order, as URL-safe base64: about five characters a node.
// Positions are put back only on the same set of nodes; a graph that has changed since gets its
// own layout rather than a picture that no longer fits it.

const placed = (cy: cytoscape.Core) => cy.nodes(':visible').filter((n) => !n.removed()).sort((a, b) => (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0));

/** FNV-1a over the ids: eight hex digits that differ when the set of nodes does. */
function fingerprint(ids: string[]): string {
  let h = 0x811c9dc5;
  for (const ch of ids.join('\n')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const clamp = (v: number) => Math.max(-32768, Math.min(32767, Math.round(v)));

export function layoutCode(cy: cytoscape.Core): string | null {
  const nodes = placed(cy);
  if (nodes.empty()) return null;
  const numbers = new Int16Array(nodes.length * 2);
  nodes.forEach((n, i) => { numbers[2 * i] = clamp(n.position('x')); numbers[2 * i + 1] = clamp(n.position('y')); });
  const bytes = new Uint8Array(numbers.buffer);
  const b64 = btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${fingerprint(nodes.map((n) => n.id()))}.${b64}`;
}

/** Puts the positions back when the code was made for exactly these nodes; false otherwise. */
export function applyLayoutCode(cy: cytoscape.Core, code: string): boolean {
  const m = /^([0-9a-f]{8})\.([\w-]*)$/.exec(code);
  if (!m) return false;
  const nodes = placed(cy);
  if (fingerprint(nodes.map((n) => n.id())) !== m[1]) return false;
  let bytes: Uint8Array;
  try {
    const raw = atob(m[2]!.replaceAll('-', '+').replaceAll('_', '/'));
    bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  } catch {
    return false;
  }
  if (bytes.length !== nodes.length * 4) return false;
  const numbers = new Int16Array(bytes.buffer, bytes.byteOffset, nodes.length * 2);
  cy.batch(() => nodes.forEach((n, i) => {
    const locked = n.locked();
    if (locked) n.unlock();
    n.position({ x: numbers[2 * i]!, y: numbers[2 * i + 1]! });
    if (locked) n.lock();
  }));
  return true;
}
