// A Word document's text through mammoth: each paragraph of the document (mammoth ends each
// with a blank line) becomes one block, so quotes reopened at a new paragraph stay apart.

import mammoth from 'mammoth';

export type DocxResult = { ok: true; text: string } | { ok: false; reason: string };

export async function readDocx(bytes: Buffer): Promise<DocxResult> {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
    return { ok: false, reason: /zip|central directory|end of data/i.test(message) ? 'not a Word document (not a .docx zip)' : `Word document cannot be read (${message})` };
  }
  // a paragraph's soft line breaks stay inside it; empty paragraphs add nothing
  const text = raw
    .split(/\n{2,}/)
    .map((p) => p.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return { ok: true, text };
}
