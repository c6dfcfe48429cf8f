import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, openPage } from '../../scripts/support/browser.js';
import { type Session, openApp, screenshot, settle, startSession } from './support/session.js';

// The Cypher console in Debian's Chromium against the real, read-only API: highlighting,
// completion from the live schema, examples, results as a table and in the graph, and the
// API's refusals, errors and limits said plainly.

const skip = browserSkipReason();

interface CypherAnswer {
  columns: string[];
  rows: unknown[][];
  elements: { group: string; data: { id: string } }[];
  truncated: boolean;
}

describe.skipIf(skip !== null)('the Cypher console in a real browser', () => {
  let session: Session;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await startSession();
    ({ page, errors } = await openPage(session.browser));
    await openApp(page, session.url);
    await page.click('#tab-console');
    await page.locator('#console-editor textarea').waitFor();
  });
  afterAll(async () => session?.close());

  const editor = () => page.locator('#console-editor textarea');
  const message = () => page.locator('#console-message');

  async function typeQuery(query: string): Promise<void> {
    await editor().click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(query);
  }

  async function run(): Promise<void> {
    await editor().focus();
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => page.locator('#console-run').isDisabled()).toBe(false);
    await settle(page);
  }

  /** What the API itself answers for a query, fetched the way the page does. */
  function ask(query: string): Promise<{ status: number; body: CypherAnswer & { error?: { code: string; message: string; details?: { position?: { line: number; column: number; offset: number } } } } }> {
    return page.evaluate(async (q) => {
      const response = await fetch('/api/cypher', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
      return { status: response.status, body: await response.json() };
    }, query);
  }

  it('runs a query and shows its rows as a table and its nodes in the graph', async () => {
    const query = 'MATCH (p:Person)-[:SAID]->(q:Quote)-[:QUOTED_IN]->(d:Document)\nRETURN p, q, d\nLIMIT 12';
    await typeQuery(query);
    expect(await page.locator('#console-editor .tok-keyword').first().textContent(), 'Cypher is highlighted').toBe('MATCH');
    expect(await page.locator('#console-editor .tok-label', { hasText: 'Person' }).count()).toBe(1);
    await run();
    const api = await ask(query);
    expect(await page.locator('#console-results thead th').allTextContents()).toEqual(api.body.columns);
    expect(await page.locator('#console-results tbody tr').count()).toBe(api.body.rows.length);
    const ids = api.body.elements.filter((e) => e.group === 'nodes').map((e) => e.data.id);
    expect(ids.length).toBeGreaterThan(0);
    const onCanvas = await page.evaluate((wanted) => wanted.filter((id) => window.__og!.cy.getElementById(id).hasClass('result')).length, ids);
    expect(onCanvas, 'every node of the result is on the canvas, marked').toBe(ids.length);
    expect(await page.locator('#console-meta').textContent()).toMatch(new RegExp(`^${api.body.rows.length} rows in \\d+ ms`));
    expect(await page.evaluate(() => location.hash)).toContain('q=MATCH');
    await screenshot(page, 'console');

    // the result as a file, from buttons beside it: the table as CSV, the graph as GraphML
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#console-export [data-format="csv"]')]);
    expect(csv.suggestedFilename()).toBe('console-result.csv');
    const table = fs.readFileSync((await csv.path())!, 'utf8').trim().split(/\r?\n/);
    expect(table[0]).toBe(api.body.columns.join(','));
    expect(table).toHaveLength(api.body.rows.length + 1);
    const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#console-export [data-format="graphml"]')]);
    const xml = fs.readFileSync((await graphml.path())!, 'utf8');
    for (const id of ids) expect(xml).toContain(`id="${id}"`);
  });

  it('completes labels, relationship types and properties from the live schema', async () => {
    const list = page.locator('.query-completions');
    await typeQuery('');
    await page.keyboard.type('MATCH (p:Pe');
    await list.waitFor();
    expect(await list.locator('[aria-selected="true"] .completion-label').textContent()).toBe('Person');
    await page.keyboard.press('Enter');
    await page.keyboard.type(')-[:SA');
    await list.waitFor();
    expect(await list.locator('.completion-label').allTextContents()).toContain('SAID');
    await page.keyboard.press('Tab');
    await page.keyboard.type(']->(q) RETURN p.na');
    await list.waitFor();
    expect(await list.locator('.completion-label').allTextContents()).toEqual(['name']);
    await page.keyboard.press('Enter');
    expect(await editor().inputValue()).toBe('MATCH (p:Person)-[:SAID]->(q) RETURN p.name');
    await page.keyboard.type(' LIM');
    await list.waitFor();
    await page.keyboard.press('Escape');
    expect(await list.isHidden()).toBe(true);
    // undo still works after a completion (the editor is a plain textarea)
    await page.keyboard.press('ControlOrMeta+z');
    expect(await editor().inputValue()).not.toContain('LIM');
  });

  it('offers the API\'s example queries, and they run', async () => {
    const examples = await page.evaluate(async () => (await (await fetch('/api/examples')).json()) as { title: string; query: string }[]);
    expect(examples.length).toBeGreaterThan(0);
    await page.selectOption('#console-examples', { label: examples[1]!.title });
    expect(await editor().inputValue()).toBe(examples[1]!.query);
    await run();
    expect(await page.locator('#console-results tbody tr').count()).toBeGreaterThan(0);
    expect(await message().isHidden()).toBe(true);
  });

  it('shows the refusal of a write in the API\'s own words, and nothing is written', async () => {
    const before = await page.evaluate(async () => (await (await fetch('/api/health')).json()).counts);
    const write = "CREATE (p:Person {id: 'person:intruder', name: 'Intruder'}) RETURN p";
    await typeQuery(write);
    await run();
    const api = await ask(write);
    expect(api.status).toBe(400);
    expect(api.body.error!.code).toBe('QUERY_REFUSED');
    await expect.poll(() => message().getAttribute('class')).toContain('refusal');
    const said = await message().textContent();
    expect(said).toContain(api.body.error!.message.replace(/^refused:\s*/i, ''));
    expect(said).toMatch(/read-only/);
    expect(said, 'the reason is said once').not.toMatch(/refused\W+refused/i);
    expect(await page.locator('#console-results table').count()).toBe(0);
    const after = await page.evaluate(async () => (await (await fetch('/api/health')).json()).counts);
    expect(after).toEqual(before);
    await screenshot(page, 'console-refusal');
  });

  it('marks a database error where the database points', async () => {
    const broken = 'MATCH (p:Person)\nRETURN p.name ORDER p.name';
    await typeQuery(broken);
    await run();
    const api = await ask(broken);
    expect(api.body.error!.code).toBe('QUERY_ERROR');
    const position = api.body.error!.details!.position!;
    await expect.poll(() => message().textContent()).toContain(`Error at line ${position.line}, column ${position.column}`);
    const mark = page.locator('#console-editor mark.query-error');
    expect(await mark.count()).toBe(1);
    const lines = broken.split('\n');
    const offset = lines.slice(0, position.line - 1).reduce((n, l) => n + l.length + 1, 0) + position.column - 1;
    expect((await mark.textContent())!.startsWith(broken[offset]!)).toBe(true);
    // editing the text clears the mark
    await editor().press('End');
    await page.keyboard.type(' ');
    expect(await mark.count()).toBe(0);
  });

  it('says plainly when the row cap cut the result', async () => {
    await typeQuery('UNWIND range(1, 1500) AS x RETURN x');
    await run();
    const rows = await page.locator('#console-results tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(1500);
    await expect.poll(() => message().getAttribute('class')).toContain('warning');
    expect(await message().textContent()).toContain(`Showing the first ${rows} rows`);
  });

  it('reported no errors in the page other than the refused and broken queries', () => {
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
  });
});
