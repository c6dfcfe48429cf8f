import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Curator } from '../../server/curation/curator.js';
import { Uploads } from '../../server/curation/uploads.js';
import { LadybugStore } from '../../server/store/ladybug/ladybug-store.js';
import { seedCorpus } from '../../seed/pipeline.js';
import { loadOverrides } from '../../seed/resolve/overrides.js';
import { browserSkipReason, launchBrowser, openPage } from '../../scripts/support/browser.js';
import { buildClient, type RunningExplorer, serveExplorer } from '../../scripts/support/explorer.js';
import { curationFolders } from '../support/seeded-store.js';
import { tempDir } from '../support/stores.js';
import { apiGet, openApp, screenshot } from './support/session.js';

// The curator's tab in Debian's Chromium, against a server that wants the curator token: add a
// document by the file picker, mark one attribution unattributed and give another to a
// candidate by the keyboard, and undo a correction from the audit list.

const skip = browserSkipReason();
const TOKEN = 'e2e-curator-token-0123456789';

// biome-ignore lint/suspicious/noExplicitAny: answers read back from the API
type Body = Record<string, any>;

describe.skipIf(skip !== null)('review and curation in a real browser', () => {
  let store: LadybugStore;
  let server: RunningExplorer;
  let browser: Browser;
  let overridesFile: string;
  let docsDir: string;

  beforeAll(async () => {
    const folders = curationFolders('e2e-cur');
    const corpus = folders.corpus;
    overridesFile = folders.overridesFile;
    docsDir = path.join(tempDir('e2e-cur-docs'), 'documents');
    const [clientDir, opened] = await Promise.all([buildClient(), LadybugStore.open({ dataDir: tempDir('e2e-cur-store') })]);
    store = opened;
    await seedCorpus({ store, dir: corpus, overridesFile });
    const curator = new Curator({ store, overridesFile, folders: [corpus, docsDir] });
    server = await serveExplorer(store, clientDir, {
      curator, uploads: new Uploads({ store, curator, dir: docsDir, overridesFile }), writeAccess: { token: TOKEN, boundToLoopback: true },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    await store?.close();
  });

  const toast = (page: Page) => page.locator('#toast');

  it('asks for the token once, loads a chosen document, offers it on the canvas, and Y confirms its speaker', async () => {
    const { page } = await openPage(browser);
    await openApp(page, server.url);
    await page.click('#tab-review');
    await page.locator('#review-item').waitFor();
    await page.setInputFiles('#upload-files', {
      name: 'exampleshire-review.txt', mimeType: 'text/plain',
      buffer: Buffer.from('Exampleshire review published\n\n"We accept every recommendation," said Chief Constable Harriet Quenby.\n'),
    });
    // the server wants the token: the tab asks for it, then sends the upload again
    await page.locator('dialog.curator-dialog[open]').waitFor();
    expect(await page.locator('#curator-why').textContent()).toMatch(/curator token/);
    await page.fill('#curator-token', TOKEN);
    await page.fill('#curator-name', 'Robin Reviewer');
    await page.click('.curator-access button[type="submit"]');
    await page.locator('dialog.curator-dialog[open]').waitFor({ state: 'detached' });
    await page.locator('.job-show').waitFor();
    expect(await page.locator('.job-state').first().textContent()).toBe('Loaded 1 of 1');
    expect(fs.existsSync(path.join(docsDir, 'exampleshire-review.txt'))).toBe(true);
    await page.click('.job-show');
    await page.waitForFunction(() => window.__og!.cy.getElementById('doc:exampleshire-review.txt').nonempty());
    const hits = await apiGet<Body>(page, '/api/search?q=Harriet%20Quenby');
    expect(hits.hits[0].node.name).toBe('Harriet Quenby');
    await screenshot(page, 'review-upload');

    // the new speaker is quoted nowhere else, so the queue offers the quote: Y confirms it
    await page.selectOption('#review-reason', 'speaker-quoted-once');
    await page.locator('#review-item').filter({ hasText: 'We accept every recommendation' }).waitFor();
    await page.fill('#review-note', 'checked against the force statement');
    await page.focus('#review-item');
    await page.keyboard.press('y');
    await toast(page).filter({ hasText: 'Attributed to Harriet Quenby' }).waitFor();
    const quotes = await apiGet<Body>(page, `/api/quotes?speaker=${encodeURIComponent(hits.hits[0].node.id)}`);
    expect(quotes.quotes[0].sources[0].attribution).toMatchObject({ confidence: 1, resolvedBy: 'curator' });
    expect(loadOverrides(overridesFile).attributions.at(-1)).toMatchObject({ speaker: 'Harriet Quenby', note: 'checked against the force statement', by: 'Robin Reviewer' });
    await page.close();
  });

  it('works through the queue by keyboard: U marks unattributed, O gives it to someone else, Undo puts it back', async () => {
    const { page } = await openPage(browser);
    await openApp(page, server.url);
    // the token is kept for the browser session, so this page is asked again: it is a new tab
    await page.evaluate((token) => { sessionStorage.setItem('og-curator-token', token); sessionStorage.setItem('og-curator-name', 'Robin Reviewer'); }, TOKEN);
    await page.click('#tab-review');
    await page.locator('#review-item .review-actions').waitFor();
    const queue = await apiGet<Body>(page, '/api/review?limit=200');
    const first = queue.items[0].quote;
    // the quote is shown in its surroundings, marked
    await page.locator('#review-item mark.hl-quote').waitFor();
    expect((await page.locator('#review-item mark.hl-quote').textContent())!.replace(/\s+/g, ' ')).toContain(first.text.slice(0, 30).replace(/\s+/g, ' '));

    await page.focus('#review-item');
    await page.keyboard.press('u');
    await toast(page).filter({ hasText: 'Marked unattributed' }).waitFor();
    const withdrawn = await apiGet<Body>(page, `/api/quotes/${first.id}/trace`);
    expect(withdrawn.quote.speaker).toBeNull();
    expect(withdrawn.quote.sources[0].attribution).toMatchObject({ confidence: 1, resolvedBy: 'curator' });
    expect(loadOverrides(overridesFile).attributions.at(-1)).toMatchObject({ quoteId: first.id, speaker: null, by: 'Robin Reviewer' });
    await page.locator('#corrections-list .correction').first().filter({ hasText: 'marked unattributed' }).waitFor();

    // the next item to someone else: O opens a search of people and bodies, Enter picks the match
    const shown = (await apiGet<Body>(page, '/api/review?limit=200')).items[0].quote;
    await page.locator('#review-item').filter({ hasText: shown.text.slice(0, 30) }).waitFor();
    await page.focus('#review-item');
    await page.keyboard.press('o');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('review-other');
    await page.keyboard.type('billingham');
    await page.locator('#review-other-list li').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await toast(page).filter({ hasText: 'Attributed to Zoë Billingham' }).waitFor();
    const given = await apiGet<Body>(page, `/api/quotes/${shown.id}/trace`);
    expect(given.quote.speaker).toMatchObject({ id: 'person:zoe-billingham' });

    // undo the first correction from the audit list: its quote goes back to what the extraction said
    const row = page.locator('#corrections-list .correction').filter({ hasText: first.id });
    await row.locator('.correction-undo').click();
    await toast(page).filter({ hasText: 'Correction undone' }).waitFor();
    await page.locator('#corrections-list .correction.undone').filter({ hasText: first.id }).waitFor();
    const restored = await apiGet<Body>(page, `/api/quotes/${first.id}/trace`);
    expect(restored.quote.speaker?.id ?? null).toBe(first.speaker?.id ?? null);
    expect(restored.quote.sources[0].attribution.resolvedBy).not.toBe('curator');
    await screenshot(page, 'review-queue');
    await page.close();
  });

  it('corrects from the details panel: a role added and taken off, one person merged into another', async () => {
    const { page } = await openPage(browser);
    await openApp(page, server.url);
    await page.evaluate((token) => { sessionStorage.setItem('og-curator-token', token); }, TOKEN);
    const person = 'person:matthew-scott';
    await page.evaluate((id) => window.__og!.app.select(id), person);
    await page.locator('#details-title').filter({ hasText: 'Matthew Scott' }).waitFor();
    await page.locator('#panel-details .curate summary').click();
    await page.fill('#curate-role-title', 'Interim Commissioner');
    await page.fill('#curate-role-org', 'Kent Police');
    await page.locator('#curate-role-org-list li').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.click('.curate-role button[type="submit"]');
    await toast(page).filter({ hasText: '“Interim Commissioner” added' }).waitFor();
    const roles = async () => (await apiGet<Body>(page, `/api/nodes/${person}`)).roles as Body[];
    expect(await roles()).toContainEqual(expect.objectContaining({ title: 'Interim Commissioner', organizationId: 'org:kent-police' }));
    // the panel is read again with the role, and "Not right" takes it off in every document
    const line = page.locator('#panel-details .roles li').filter({ hasText: 'Interim Commissioner' });
    await line.locator('.role-remove').click();
    await toast(page).filter({ hasText: '“Interim Commissioner” taken off Matthew Scott' }).waitFor();
    expect((await roles()).filter((r) => r.title === 'Interim Commissioner')).toEqual([]);
    await line.waitFor({ state: 'detached' });

    // merge: the details panel of one person, "The same as" another
    const other = 'person:mike-cunningham';
    await page.evaluate((id) => window.__og!.app.select(id), other);
    await page.locator('#details-title').filter({ hasText: 'Mike Cunningham' }).waitFor();
    await page.locator('#panel-details .curate summary').click();
    page.once('dialog', (d) => void d.accept());
    await page.fill('#curate-same', 'Matthew Scott');
    await page.locator('#curate-same-list li').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await toast(page).filter({ hasText: 'Mike Cunningham merged into Matthew Scott' }).waitFor();
    expect((await page.evaluate(async (id) => (await fetch(`/api/nodes/${encodeURIComponent(id)}`)).status, other))).toBe(404);
    expect(await page.evaluate((id) => window.__og!.cy.getElementById(id).empty(), other)).toBe(true);
    await page.locator('#details-title').filter({ hasText: 'Matthew Scott' }).waitFor();
    expect((await apiGet<Body>(page, `/api/nodes/${person}`)).node.properties.aliases).toContain('Mike Cunningham');
    await screenshot(page, 'review-details');
    await page.close();
  });
});
