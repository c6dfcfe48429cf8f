import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, openPage } from '../../scripts/support/browser.js';
import { buildClient, serveExplorer } from '../../scripts/support/explorer.js';
import { HOSTILE_ORG_ID, HOSTILE_ORG_NAME, HOSTILE_QUOTE_ID, HOSTILE_QUOTE_TEXT } from './support/follow-up-document.js';
import { type Session, apiGet, openApp, screenshot, settle, startSession } from './support/session.js';

// Sharing a view, an API that stops answering or answers slowly, text that looks like HTML,
// the keyboard, and the two window sizes the page must work at — in Debian's Chromium.

const skip = browserSkipReason();
const ZOE = 'person:zoe-billingham';

describe.skipIf(skip !== null)('sharing, resilience, safety and access in a real browser', () => {
  let session: Session;

  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => session?.close());

  /** What a view shows, read from the page. */
  const snapshot = (page: Page) => page.evaluate(() => {
    const og = window.__og!;
    return {
      nodes: og.cy.nodes(':visible').map((n) => n.id()).sort(),
      focus: og.app.state.focus,
      expanded: og.app.state.expanded,
      hidden: og.app.state.hidden,
      selected: og.cy.nodes(':selected').map((n) => n.id()),
      switchedOff: [...document.querySelectorAll<HTMLInputElement>('#filters input')].filter((i) => !i.checked).map((i) => i.id).sort(),
      query: document.querySelector<HTMLTextAreaElement>('#console-editor textarea')?.value ?? null,
      tab: document.querySelector('[role="tab"][aria-selected="true"]')!.id,
      rows: document.querySelectorAll('#console-results tbody tr').length,
    };
  });

  it('skip links reach search, the graph, details and the reader, opening the panel they go to', async () => {
    const { page } = await openPage(session.browser);
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    const hash = await page.evaluate(() => location.hash);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to search');
    for (const [text, focused, tab] of [['Skip to the graph', 'cy', null], ['Skip to the reader', 'panel-reader', 'tab-reader'], ['Skip to details', 'panel-details', 'tab-details'], ['Skip to search', 'search-input', null]] as const) {
      await page.locator('.skip-link', { hasText: text }).focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id), text).toBe(focused);
      if (tab) expect(await page.locator(`#${tab}`).getAttribute('aria-selected')).toBe('true');
    }
    // the view's address is left as it was
    expect(await page.evaluate(() => location.hash.replace(/&tab=\w+/, ''))).toBe(hash);
    await page.close();
  });

  it('a copied link keeps where every node stood and which were pinned, and lays out afresh when the graph has changed', async () => {
    const a = await openPage(session.browser);
    await openApp(a.page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    await a.page.evaluate(() => {
      const { cy, app } = window.__og!;
      // an arrangement no layout would make: every node on one diagonal
      cy.nodes(':visible').forEach((n, i) => { n.position({ x: i * 37, y: i * 23 }); });
      app.pin('org:hmicfrs');
    });
    const link = await a.page.evaluate(() => window.__og!.link());
    expect(link).toMatch(/[#&]pins=org%3Ahmicfrs/);
    expect(link).toMatch(/[#&]at=[0-9a-f]{8}\./);
    const sent = await a.page.evaluate(() => Object.fromEntries(window.__og!.cy.nodes(':visible').map((n) => [n.id(), { x: Math.round(n.position('x')), y: Math.round(n.position('y')) }])));

    const b = await openPage(session.browser);
    await b.page.goto(link);
    await settle(b.page);
    const got = await b.page.evaluate(() => ({
      at: Object.fromEntries(window.__og!.cy.nodes(':visible').map((n) => [n.id(), { x: Math.round(n.position('x')), y: Math.round(n.position('y')) }])),
      pinned: window.__og!.cy.getElementById('org:hmicfrs').hasClass('pinned') && window.__og!.cy.getElementById('org:hmicfrs').locked(),
    }));
    expect(got.at).toEqual(sent);
    expect(got.pinned).toBe(true);

    // the same link over a graph with one node fewer on the canvas: positions are not forced on it
    const other = link.replace(/([#&]hide=)?/, '').replace('#', `#hide=${encodeURIComponent(Object.keys(sent).find((id) => id !== ZOE && id !== 'org:hmicfrs')!)}&`);
    const c = await openPage(session.browser);
    await c.page.goto(other);
    await settle(c.page);
    await c.page.locator('#toast').filter({ hasText: 'laid out afresh' }).waitFor();
    await Promise.all([a.page.close(), b.page.close(), c.page.close()]);
  });

  it('a copied link reopens the same view: focus, expansions, "+N more", hidden nodes, filters and the console query', async () => {
    const a = await openPage(session.browser);
    const doc = 'doc:001_bff380fe690245c5.txt';
    await openApp(a.page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    await a.page.evaluate(async (id) => {
      const app = window.__og!.app;
      await app.expand('org:hmicfrs');
      await app.expand(id);
      await app.expand(`more:${id}`);
    }, doc);
    await a.page.evaluate(() => {
      const quote = window.__og!.cy.nodes('[kind = "Quote"]').first().id();
      window.__og!.app.hide(quote);
    });
    await a.page.click('#tool-legend');
    await a.page.uncheck('#filter-kind-Claim');
    await a.page.uncheck('#filter-rel-MENTIONS');
    await settle(a.page);
    await a.page.click('#tab-console');
    const editor = a.page.locator('#console-editor textarea');
    await editor.fill('MATCH (o:Organization) RETURN o.name AS organisation ORDER BY organisation LIMIT 5');
    await editor.press('ControlOrMeta+Enter');
    await a.page.locator('#console-results tbody tr').first().waitFor();
    await settle(a.page);
    const sent = await snapshot(a.page);
    const link = a.page.url();
    expect(sent.expanded).toEqual(['org:hmicfrs', doc, `more:${doc}`]);
    expect(sent.hidden).toHaveLength(1);

    const b = await openPage(session.browser);
    await b.page.goto(link);
    await settle(b.page);
    await b.page.locator('#console-results tbody tr').first().waitFor();
    const received = await snapshot(b.page);
    expect(received).toEqual(sent);
    expect(b.errors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('a copied link reopens the reader on the same quote, highlighted', async () => {
    const { repeatedQuote } = session.followUp;
    const a = await openPage(session.browser);
    await openApp(a.page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    await a.page.locator(`#panel-details .quote-text[data-quote-id="${repeatedQuote.id}"]`).click();
    await a.page.locator('#reader-focus').waitFor();
    const b = await openPage(session.browser);
    await b.page.goto(a.page.url());
    await settle(b.page);
    await b.page.locator('#reader-focus').waitFor();
    expect(await b.page.locator('#reader-focus').textContent()).toBe(repeatedQuote.text);
    expect(await b.page.locator('#tab-reader').getAttribute('aria-selected')).toBe('true');
    await a.context.close();
    await b.context.close();
  });

  it('renders names, titles, quotes and document text as text, never as HTML', async () => {
    const { page, errors, context } = await openPage(session.browser);
    await openApp(page, session.url);
    await page.fill('#search-input', 'campaign safety');
    const option = page.locator(`#search-list [data-id="${HOSTILE_ORG_ID}"]`);
    await option.waitFor();
    expect(await option.locator('.suggestion-name').textContent()).toBe(HOSTILE_ORG_NAME);
    await option.click();
    await settle(page);
    await expect.poll(() => page.locator('#details-title').textContent()).toBe(HOSTILE_ORG_NAME);
    const card = page.locator(`#panel-details .quote-text[data-quote-id="${HOSTILE_QUOTE_ID}"]`);
    expect(await card.textContent()).toBe(`“${HOSTILE_QUOTE_TEXT}”`);
    await card.click();
    await page.locator('#reader-focus').waitFor();
    await settle(page);
    expect(await page.locator('#reader-focus').textContent()).toBe(HOSTILE_QUOTE_TEXT);
    expect(await page.locator('#reader-title').textContent()).toBe('Watchdog verdict repeated <i>word for word</i>');
    const dom = await page.evaluate(() => ({
      injected: (window as unknown as { __injected?: unknown }).__injected ?? null,
      images: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      bold: document.querySelectorAll('main b, main i, #search-list b').length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
    }));
    expect(dom).toEqual({ injected: null, images: 0, scripts: 1, bold: 0, javascriptLinks: 0 });
    await screenshot(page, 'text-as-text');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says clearly when the API cannot be reached, and recovers by itself when it answers again', async () => {
    const { page, context } = await openPage(session.browser);
    let down = true;
    await page.route('**/api/**', (route) => (down ? route.abort('connectionrefused') : route.continue()));
    await page.goto(session.url);
    const banner = page.locator('#banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/The graph API is not answering/);
    expect(await page.locator('#graph-mode').textContent()).toMatch(/until the API answers/);
    expect(await page.evaluate(() => window.__og!.cy.nodes().length)).toBe(0);
    await screenshot(page, 'api-unreachable');
    down = false;
    await page.click('#banner-retry');
    await banner.waitFor({ state: 'hidden' });
    await settle(page);
    expect(await page.evaluate(() => window.__og!.cy.nodes().length)).toBeGreaterThan(20);

    // it stops answering in the middle of work: the same message, not a broken page
    down = true;
    await page.fill('#search-input', 'unison');
    await banner.waitFor();
    down = false;
    await context.close();
  });

  it('shows the loading indicator for slow work, and not for quick answers', async () => {
    const { page, context } = await openPage(session.browser);
    await openApp(page, session.url);
    await page.evaluate(() => {
      const w = window as unknown as { __loadingSeen: boolean };
      w.__loadingSeen = false;
      new MutationObserver(() => {
        if (!document.getElementById('loading')!.hidden) w.__loadingSeen = true;
      }).observe(document.getElementById('loading')!, { attributes: true });
    });
    await page.evaluate((id) => window.__og!.app.focus(id), ZOE);
    await settle(page);
    expect(await page.evaluate(() => (window as unknown as { __loadingSeen: boolean }).__loadingSeen), 'no indicator for a quick answer').toBe(false);

    await page.route('**/api/neighbourhood**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    });
    const started = Date.now();
    void page.evaluate(() => window.__og!.app.focus('org:hmicfrs'));
    await page.locator('#loading').waitFor({ state: 'visible' });
    const shownAfter = Date.now() - started;
    expect(shownAfter).toBeGreaterThanOrEqual(250);
    expect(shownAfter).toBeLessThan(1200);
    expect(await page.locator('#loading').textContent()).toContain('Loading');
    await page.locator('#loading').waitFor({ state: 'hidden' });
    await settle(page);
    expect(await page.evaluate(() => window.__og!.app.state.focus)).toBe('org:hmicfrs');
    await context.close();
  });

  it('works from the keyboard: search suggestions, the panel tabs, the reader and the graph', async () => {
    const { page, errors, context } = await openPage(session.browser);
    await openApp(page, session.url);
    const input = page.locator('#search-input');
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('hampshire');
    const options = page.locator('#search-list [role="option"]');
    await options.first().waitFor();
    const count = await options.count();
    expect(count).toBeGreaterThan(1);
    const active = async () => {
      const id = await input.getAttribute('aria-activedescendant');
      return id ? page.locator(`#${id}`).getAttribute('aria-selected').then((selected) => (selected === 'true' ? id : `${id} (not selected)`)) : null;
    };
    const ids = await options.evaluateAll((els) => els.map((e) => e.id));
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe(ids[0]);
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe(ids[1]);
    await page.keyboard.press('ArrowUp');
    expect(await active()).toBe(ids[0]);
    await page.keyboard.press('End');
    expect(await active()).toBe(ids[count - 1]);
    await page.keyboard.press('Home');
    expect(await active()).toBe(ids[0]);
    await page.keyboard.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const chosen = await options.first().getAttribute('data-id');
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await page.evaluate(() => window.__og!.app.state.focus)).toBe(chosen);

    // the panel tabs: arrows, Home and End move between them and show their panel
    await page.locator('#tab-details').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-reader');
    expect(await page.locator('#panel-reader').isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.locator('#tab-review').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    expect(await page.locator('#tab-details').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-review');
    await page.keyboard.press('Home');

    // the reader: N and P move between the quotes, Enter follows one
    const doc = 'doc:002_b1b80323db0306e8.txt';
    await openApp(page, session.url, `#tab=reader&doc=${encodeURIComponent(doc)}`);
    await page.locator('#panel-reader .doc-text').focus();
    await page.keyboard.press('n');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    expect(first).toMatch(/^quote:/);
    await page.keyboard.press('n');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    expect(second).toMatch(/^quote:/);
    expect(second).not.toBe(first);
    await page.keyboard.press('p');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(first);
    await page.keyboard.press('Enter');
    await page.locator('#reader-focus').waitFor();
    await settle(page);
    const trace = await apiGet<{ quote: { text: string } }>(page, `/api/quotes/${first}/trace`);
    expect(await page.locator('#reader-focus').textContent()).toBe(trace.quote.text);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reader-focus');
    // M moves to the people and bodies the document mentions; Enter shows one in the graph and its details
    await page.keyboard.press('m');
    const mention = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    expect(mention).toMatch(/^(person|org|report):/);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await page.evaluate(() => window.__og!.cy.nodes(':selected').map((n) => n.id()))).toEqual([mention]);

    // the graph: arrow keys select nodes, Enter expands the selection
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    await page.locator('#cy').focus();
    await page.keyboard.press('ArrowRight');
    await settle(page);
    const selected = await page.evaluate(() => window.__og!.cy.nodes(':selected').map((n) => n.id()));
    expect(selected).toHaveLength(1);
    expect(selected[0]).not.toBe(ZOE);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await page.evaluate(() => window.__og!.app.state.expanded)).toEqual(selected);
    expect(errors).toEqual([]);
    await context.close();
  });

  /** Controls that are displayed but cannot be reached: off the sides of the window, or covered by something else. */
  const unreachableControls = (page: Page) => page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('header input, .toolbar button, .toolbar summary, [role="tab"], .side-wide, #panel-details .actions button');
    for (const el of controls) {
      if (!el.checkVisibility()) continue;
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = el.getBoundingClientRect();
      const name = el.id || el.textContent?.trim() || el.tagName;
      if (box.left < 0 || box.right > window.innerWidth + 0.5) { out.push(`${name}: off the side`); continue; }
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !(el === hit || el.contains(hit))) out.push(`${name}: covered by ${hit?.id || hit?.className || hit?.tagName}`);
    }
    return out;
  });

  it('is readable at 1280×800: one toolbar row, the graph and the side panel side by side, every control reachable', async () => {
    const { page, context } = await openPage(session.browser, { width: 1280, height: 800 });
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    const layout = await page.evaluate(() => {
      const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
        toolbar: box('.toolbar').height,
        canvas: { w: box('#cy').width, h: box('#cy').height },
        side: { left: box('.side').left, w: box('.side').width },
        canvasRight: box('#cy').right,
        zoom: window.__og!.cy.zoom(),
      };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(1280);
    expect(layout.scrollHeight, 'the page itself does not scroll').toBeLessThanOrEqual(800);
    expect(layout.toolbar, 'the toolbar fits on one row').toBeLessThan(50);
    expect(layout.canvas.w).toBeGreaterThan(700);
    expect(layout.canvas.h).toBeGreaterThan(600);
    expect(layout.side.w).toBeGreaterThanOrEqual(400);
    expect(layout.canvasRight).toBeLessThanOrEqual(layout.side.left + 1);
    expect(layout.zoom, 'labels at a readable size').toBeGreaterThanOrEqual(0.6);
    expect(await unreachableControls(page)).toEqual([]);
    await screenshot(page, 'layout-1280x800');

    // zoom and fit from the toolbar
    const zoom = () => page.evaluate(() => window.__og!.cy.zoom());
    const before = await zoom();
    await page.click('#tool-zoom-in');
    expect(await zoom()).toBeGreaterThan(before);
    await page.click('#tool-zoom-out');
    await page.click('#tool-zoom-out');
    expect(await zoom()).toBeLessThan(before);
    await page.evaluate(() => { window.__og!.cy.panBy({ x: 2000, y: 0 }); });
    await page.click('#tool-fit');
    await settle(page);
    const inside = await page.evaluate(() => {
      const cy = window.__og!.cy;
      const bb = cy.nodes(':visible').renderedBoundingBox();
      return bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= cy.width() && bb.y2 <= cy.height();
    });
    expect(inside, 'Fit brings every node into view').toBe(true);
    await context.close();
  });

  it('is usable 480 px wide: nothing off the sides, every control reachable, search and reading work', async () => {
    const { page, errors, context } = await openPage(session.browser, { width: 480, height: 800 });
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      canvas: document.getElementById('cy')!.getBoundingClientRect().toJSON() as DOMRect,
      side: document.querySelector('.side')!.getBoundingClientRect().toJSON() as DOMRect,
    }));
    expect(layout.scrollWidth, 'no sideways scrolling').toBeLessThanOrEqual(480);
    expect(layout.canvas.width).toBeGreaterThan(440);
    expect(layout.canvas.height).toBeGreaterThan(220);
    expect(layout.side.top, 'the panel comes below the graph').toBeGreaterThanOrEqual(layout.canvas.bottom - 1);
    expect(await unreachableControls(page)).toEqual([]);
    await screenshot(page, 'narrow-480');

    await page.fill('#search-input', 'unison');
    await page.locator('#search-list [role="option"]').first().waitFor();
    const box = (await page.locator('#search-list').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(480);
    await page.keyboard.press('Shift+Enter');
    await settle(page);
    expect(await page.evaluate(() => window.__og!.app.state.focus)).toMatch(/^(org|report):unison/);

    const { repeatedQuote } = session.followUp;
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    await page.locator(`#panel-details .quote-text[data-quote-id="${repeatedQuote.id}"]`).click();
    await page.locator('#reader-focus').waitFor();
    const mark = (await page.locator('#reader-focus').boundingBox())!;
    expect(mark.x).toBeGreaterThanOrEqual(0);
    expect(mark.x + mark.width).toBeLessThanOrEqual(480);
    await screenshot(page, 'narrow-480-reader');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('opens for a team at a plain-HTTP name other than localhost, compressed, with nothing blocked', async () => {
    // a team's set-up: the server reached by a name of its own over plain HTTP (ALLOWED_HOSTS=og.test)
    const server = await serveExplorer(session.store, await buildClient(), { allowedHosts: ['og.test'] });
    const browser = await launchBrowser(['--host-resolver-rules=MAP og.test 127.0.0.1']);
    try {
      const { page, errors } = await openPage(browser);
      const failed: string[] = [];
      const served: { url: string; encoding: string | undefined; bytes: number }[] = [];
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      page.on('requestfinished', async (r) => {
        const response = await r.response();
        served.push({ url: r.url(), encoding: response?.headers()['content-encoding'], bytes: (await r.sizes()).responseBodySize });
      });
      const url = server.url.replace('127.0.0.1', 'og.test');
      await openApp(page, url, `#focus=${encodeURIComponent(ZOE)}`);
      expect(await page.evaluate(() => window.__og!.cy.nodes(':visible').length)).toBeGreaterThan(3);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
      expect(served.every((r) => r.url.startsWith('http://og.test:')), JSON.stringify(served.map((r) => r.url))).toBe(true);
      const script = served.find((r) => /\/assets\/index-[\w-]+\.js$/.test(r.url));
      // Chromium offers brotli only to secure origins, so a plain-HTTP team address gets the .gz
      expect(script?.encoding).toBe('gzip');
      const total = served.reduce((sum, r) => sum + r.bytes, 0);
      expect(total, 'bytes over the wire for a cold load').toBeLessThan(300 * 1024);
      await page.context().close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
