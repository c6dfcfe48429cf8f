import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, openPage } from '../../scripts/support/browser.js';
import { type Session, openApp, settle, startSession } from './support/session.js';

// Every panel of the page checked by axe-core against WCAG 2 A and AA, in Debian's Chromium:
// no serious or critical violation in any view a user reaches.

const skip = browserSkipReason();

describe.skipIf(skip !== null)('accessibility (axe-core, WCAG 2 A and AA)', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    page = (await openPage(session.browser)).page;
  });
  afterAll(async () => session?.close());

  async function violations(): Promise<string[]> {
    const result = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  }

  it.each([
    ['the overview', ''],
    ["a person's details", `#focus=${encodeURIComponent('person:zoe-billingham')}`],
    ["a body's details", `#focus=${encodeURIComponent('org:hmicfrs')}`],
    ['the reader on a quote', `#tab=reader&doc=${encodeURIComponent('doc:002_b1b80323db0306e8.txt')}`],
    ['the paths panel', '#tab=paths'],
    ['the console', '#tab=console'],
    ['the review tab', '#tab=review'],
  ])('%s', async (_name, hash) => {
    await openApp(page, session.url, hash);
    if (hash.includes('focus=')) {
      await page.evaluate((id) => window.__og!.app.select(id), decodeURIComponent(hash.split('=')[1]!));
      await settle(page);
    }
    if (hash.includes('tab=review')) await page.locator('#review-item').waitFor();
    if (hash.includes('tab=console')) await page.locator('#console-editor').waitFor();
    expect(await violations()).toEqual([]);
  });
});
