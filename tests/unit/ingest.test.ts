import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../seed/ingest/read-document.js';
import { tempDir } from '../support/stores.js';

function write(dir: string, name: string, content: string | Buffer) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('reading documents', () => {
  it('reads UTF-8 text with its sidecar', async () => {
    const dir = tempDir('ingest');
    const file = write(dir, 'a.txt', '\uFEFFThe watchdog said: "Act now."');
    write(dir, 'a.meta.json', JSON.stringify({ title: 'A', publisher: 'Paper', publishedAt: '2019-09-10', kind: 'news' }));
    const result = await readDocument(file);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.text.startsWith('The watchdog')).toBe(true);
      expect(result.document.meta).toMatchObject({ title: 'A', kind: 'news' });
    }
  });

  it('gives one clear reason for every kind of bad file', async () => {
    const dir = tempDir('ingest-bad');
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.txt', '', /empty file/],
      ['binary.txt', Buffer.from([0x41, 0x00, 0x42]), /binary/],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]), /not valid UTF-8/],
      ['big.txt', 'x'.repeat(5 * 1024 * 1024 + 1), /too large/],
    ];
    for (const [name, content, reason] of cases) {
      const result = await readDocument(write(dir, name, content));
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.reason, name).toMatch(reason);
    }
  });

  it('names the sidecar and the field when a sidecar is broken', async () => {
    const dir = tempDir('ingest-sidecar');
    const a = write(dir, 'a.txt', 'text');
    write(dir, 'a.meta.json', '{ not json');
    const b = write(dir, 'b.txt', 'text');
    write(dir, 'b.meta.json', JSON.stringify({ publishedAt: 'last Tuesday' }));
    const ra = await readDocument(a);
    const rb = await readDocument(b);
    expect(!ra.ok && ra.reason).toMatch(/sidecar a\.meta\.json is not valid JSON/);
    expect(!rb.ok && rb.reason).toMatch(/sidecar b\.meta\.json: field "publishedAt"/);
  });

  it('turns an HTML page into its article text without navigation or scripts', async () => {
    const dir = tempDir('ingest-html');
    const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of the article about vetting in police forces, long enough to count as the article body for the reader.</p>`).join('');
    const file = write(dir, 'page.html', `<html><head><title>Forces told to act</title><script>var x = "SECRET";</script></head><body><nav><a href="/">Home</a> <a>News</a></nav><article><h1>Forces told to act</h1>${paragraphs}<p>HM Inspector Jane Roe said: “Forces must act now.”</p></article><form>Add your comment</form></body></html>`);
    const result = await readDocument(file);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.text).toContain('HM Inspector Jane Roe said: “Forces must act now.”');
      expect(result.document.text).not.toContain('SECRET');
      expect(result.document.text).not.toContain('Add your comment');
    }
  });

  it('reads UTF-16 text by its byte-order mark, and names UTF-16 without one', async () => {
    const dir = tempDir('ingest-utf16');
    const sentence = 'The commissioner said: “Forces must publish their figures.”';
    const le = write(dir, 'le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sentence, 'utf16le')]));
    const be = write(dir, 'be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sentence, 'utf16le').swap16()]));
    for (const file of [le, be]) {
      const read = await readDocument(file);
      expect(read.ok && read.document.text, file).toBe(sentence);
    }
    const bare = await readDocument(write(dir, 'bare.txt', Buffer.from(sentence, 'utf16le')));
    expect(!bare.ok && bare.reason).toBe('looks like UTF-16 text without a byte-order mark; save it as UTF-8');
  });

  it('says how large a refused file is beside the limit, in the same unit', async () => {
    const dir = tempDir('ingest-size');
    const read = await readDocument(write(dir, 'big.txt', Buffer.alloc(Math.round(5.4 * 1048576), 'a')));
    expect(!read.ok && read.reason).toBe('too large: 5.4 MB (limit 5 MB)');
    const over = await readDocument(write(dir, 'just-over.txt', Buffer.alloc(5 * 1048576 + 1, 'a')));
    expect(!over.ok && over.reason).toBe('too large: 5,242,881 bytes (limit 5,242,880 bytes, 5 MB)');
  });
});

describe("a document's publisher and date", () => {
  const article = (head: string) => `<!doctype html><html><head><title>Force answers inspectors | Example Gazette</title>${head}</head><body>
    <nav>Home | News</nav><article><h1>Force answers inspectors</h1>
    <p>The force said it had already acted on the inspectors' findings about vetting, and that every officer named in the report had been seen by a senior manager.</p>
    <p>"We have made real progress," said Chief Constable Rowan Ellery, who took office last year and has overseen the changes since then.</p>
    <p>The inspectorate will return next spring to see whether the changes have held, and will publish what it finds on its website.</p></article></body></html>`;

  it('reads Open Graph and article metadata from a page', async () => {
    const dir = tempDir('ingest-meta');
    const file = write(dir, 'page.html', article(`
      <meta property="og:site_name" content="Example Gazette"><meta property="og:title" content="Force answers inspectors">
      <meta property="article:published_time" content="2023-06-14T08:30:00+01:00"><meta property="og:url" content="https://gazette.example/force-answers">`));
    const result = await readDocument(file);
    expect(result.ok && result.document.meta).toEqual({ title: 'Force answers inspectors', publisher: 'Example Gazette', publishedAt: '2023-06-14', url: 'https://gazette.example/force-answers' });
  });

  it('reads JSON-LD when the page has no Open Graph, and ignores a broken block', async () => {
    const dir = tempDir('ingest-ld');
    const file = write(dir, 'page.html', article(`<script type="application/ld+json">{ broken</script>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"Force answers inspectors","datePublished":"2021-11-02","publisher":{"@type":"Organization","name":"Example Gazette"}}]}</script>`));
    const result = await readDocument(file);
    expect(result.ok && result.document.meta).toMatchObject({ publisher: 'Example Gazette', publishedAt: '2021-11-02', title: 'Force answers inspectors' });
  });

  it('takes the sidecar first, the page next, and the date the text states last', async () => {
    const dir = tempDir('ingest-order');
    const page = write(dir, 'page.html', article('<meta property="og:site_name" content="Example Gazette"><meta property="article:published_time" content="2023-06-14">'));
    write(dir, 'page.meta.json', JSON.stringify({ publisher: 'Gazette (print edition)', publishedAt: null }));
    const fromPage = await readDocument(page);
    expect(fromPage.ok && fromPage.document.meta).toMatchObject({ publisher: 'Gazette (print edition)', publishedAt: '2023-06-14' });

    const text = write(dir, 'release.txt', 'Force answers inspectors\n\nPublished 3 July 2023\n\n"We have made real progress," said the chief constable.');
    const fromText = await readDocument(text);
    expect(fromText.ok && fromText.document.meta.publishedAt).toBe('2023-07-03');
    write(dir, 'release.meta.json', JSON.stringify({ publishedAt: '2023-07-01' }));
    const fromSidecar = await readDocument(text);
    expect(fromSidecar.ok && fromSidecar.document.meta.publishedAt).toBe('2023-07-01');
  });
});
