import type cytoscape from 'cytoscape';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, openPage } from '../../scripts/support/browser.js';
import { FOLLOW_UP_CLAIM_ID, FOLLOW_UP_ID } from './support/follow-up-document.js';
import { asElements, generateNeighbourhood } from '../../scripts/support/generated-neighbourhood.js';
import { type Session, apiGet, centreOn, nodePoint, openApp, screenshot, settle, startSession } from './support/session.js';

// The explorer driven in Debian's Chromium against the real API on the seeded embedded store:
// search, browse, expand, trace a quote to its source, paths, claims, export.

const skip = browserSkipReason();
const ZOE = 'person:zoe-billingham';

describe.skipIf(skip !== null)('exploring the graph in a real browser', () => {
  let session: Session;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await startSession();
    ({ page, errors } = await openPage(session.browser));
  });
  afterAll(async () => session?.close());

  const visibleIds = () => page.evaluate(() => window.__og!.cy.nodes(':visible').map((n) => n.id()).sort());
  const positions = () => page.evaluate(() => Object.fromEntries(window.__og!.cy.nodes().map((n) => [n.id(), { ...n.position() }])));

  it('starts on an overview of the most connected entities, not a blank canvas', async () => {
    await openApp(page, session.url);
    const view = await page.evaluate(() => ({
      nodes: window.__og!.cy.nodes(':visible').length,
      people: window.__og!.cy.nodes('[kind = "Person"]').length,
      mode: document.getElementById('graph-mode')!.textContent,
      loading: (document.getElementById('loading') as HTMLElement).hidden,
      banner: (document.getElementById('banner') as HTMLElement).hidden,
    }));
    expect(view.nodes).toBeGreaterThan(20);
    expect(view.people).toBeGreaterThan(0);
    expect(view.mode).toMatch(/^Overview/);
    expect(view.loading, 'the loading indicator is hidden when nothing is loading').toBe(true);
    expect(view.banner, 'the API banner is hidden while the API answers').toBe(true);
    await screenshot(page, 'overview');
  });

  it('suggests as you type (kind icon, name, role) and choosing one centres the graph on it with its neighbourhood', async () => {
    await page.fill('#search-input', 'zoe bill');
    const option = page.locator('#search-list [role="option"]').first();
    await option.waitFor();
    expect(await option.locator('.suggestion-name').textContent()).toBe('Zoë Billingham');
    expect(await option.locator('.suggestion-role').textContent()).toMatch(/^Person · inspector/);
    expect(await option.locator('svg.swatch').count(), 'a kind icon').toBe(1);
    await screenshot(page, 'search');

    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await settle(page);

    const view = await page.evaluate((id) => {
      const cy = window.__og!.cy;
      const node = cy.getElementById(id);
      const p = node.renderedPosition();
      return { focus: window.__og!.app.state.focus, selected: node.selected(), x: p.x / cy.width(), y: p.y / cy.height(), hash: location.hash };
    }, ZOE);
    expect(view.focus).toBe(ZOE);
    expect(view.selected).toBe(true);
    expect(view.x, 'centred horizontally').toBeCloseTo(0.5, 1);
    expect(view.y, 'centred vertically').toBeCloseTo(0.5, 1);
    expect(view.hash).toContain('focus=person%3Azoe-billingham');

    const api = await apiGet<{ elements: { group: string; data: { id: string } }[] }>(page, `/api/neighbourhood?ids=${ZOE}&perNode=25`);
    const wanted = api.elements.filter((e) => e.group === 'nodes').map((e) => e.data.id).sort();
    expect(await visibleIds()).toEqual(wanted);
    await expect.poll(() => page.locator('#details-title').textContent()).toBe('Zoë Billingham');
    expect(await page.locator('#panel-details .roles li').count(), 'her roles, with the documents that state them').toBeGreaterThan(0);
    expect(await page.locator('#panel-details .roles .stated-in button').count()).toBeGreaterThan(0);
    for (const line of await page.locator('#panel-details .quote-meta .role').allTextContents()) {
      const roles = line.split('; ');
      expect(new Set(roles).size, `each role once: ${line}`).toBe(roles.length);
    }
    expect(await page.evaluate(() => window.__og!.cy.zoom()), 'a small graph is not blown up past a readable size').toBeLessThanOrEqual(1.25);
    await screenshot(page, 'focus');
  });

  it('finds a person by a role: "chief executive" suggests the chief executives, with their bodies', async () => {
    await openApp(page, session.url);
    await page.fill('#search-input', 'chief executive');
    const role = page.locator('#search-list [role="option"]').filter({ hasText: 'Sandra Horley' });
    await role.waitFor();
    expect(await role.locator('.suggestion-role').textContent()).toMatch(/chief executive, Refuge$/);
    await page.keyboard.press('Escape');
  });

  it('counts the matches of each kind above the suggestions, and keeps to one kind on a click or Alt+arrow', async () => {
    await page.fill('#search-input', 'police');
    const facets = page.locator('.suggestion-facets .facet');
    await facets.first().waitFor();
    const api = await apiGet<{ facets: { kind: string; count: number }[] }>(page, '/api/search?q=police&facets=true');
    const kinds = await facets.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds).toEqual(['all', ...api.facets.map((f) => f.kind)]);
    const quotes = api.facets.find((f) => f.kind === 'Quote');
    expect(quotes, 'quotes mention the police').toBeDefined();
    await page.locator('.facet[data-kind="Quote"]').dispatchEvent('mousedown');
    await expect.poll(() => page.locator('.facet[data-kind="Quote"]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => [...new Set(await page.locator('#search-list [role="option"] .suggestion-role').allTextContents())].every((t) => t.startsWith('Quote'))).toBe(true);
    // the input keeps the focus; Alt+Right moves to the next kind, round to "All"
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    for (let i = 0; i < kinds.length; i++) await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => page.locator('.facet[aria-pressed="true"]').getAttribute('data-kind')).toBe('Quote');
    await page.locator('.facet[data-kind="all"]').dispatchEvent('mousedown');
    await page.keyboard.press('Escape');
  });

  it('suggests a name typed with one slip, and a document by its title', async () => {
    const first = page.locator('#search-list [role="option"]').first();
    await page.fill('#search-input', 'billingam');
    await expect.poll(() => first.locator('.suggestion-name').textContent()).toBe('Zoë Billingham');
    await page.fill('#search-input', 'nearly 20 police');
    await expect.poll(() => first.locator('.suggestion-name').textContent()).toBe('Nearly 20 police leave over sex misconduct');
    expect(await first.locator('.suggestion-role').textContent()).toMatch(/^Document/);
    expect(await page.locator('.suggestion-hint > span').textContent()).toBe('Enter adds it to the graph · Shift+Enter makes it the focus · Alt+←/→ a kind');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+Enter');
    await settle(page);
    expect(await page.evaluate(() => window.__og!.app.state.focus)).toMatch(/^doc:002_/);
    // Enter keeps what is on the canvas and adds the result to it, as one step Ctrl+Z takes back
    const kept = await visibleIds();
    await page.fill('#search-input', 'matthew scott');
    await expect.poll(() => first.locator('.suggestion-name').textContent()).toBe('Matthew Scott');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await settle(page);
    const state = await page.evaluate(() => ({ focus: window.__og!.app.state.focus, expanded: window.__og!.app.state.expanded }));
    expect(state.focus).toMatch(/^doc:002_/);
    expect(state.expanded).toContain('person:matthew-scott');
    const now = await visibleIds();
    expect(now).toEqual(expect.arrayContaining([...kept, 'person:matthew-scott']));
    await page.locator('#cy').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await settle(page);
    expect(await visibleIds()).toEqual(kept);
    // back to the view the tests below start from
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
  });

  it('the cursor says what a click will do', async () => {
    await centreOn(page, 'org:hmicfrs');
    const cursor = () => page.evaluate(() => getComputedStyle(document.getElementById('cy')!).cursor);
    const p = await nodePoint(page, 'org:hmicfrs');
    await page.mouse.move(p.x, p.y);
    await expect.poll(cursor).toBe('pointer');
    expect(await page.locator('#graph-hint').textContent()).toMatch(/double-click: expand/);
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.move(box.x + 4, box.y + box.height - 4);
    await expect.poll(cursor).toBe('grab');
  });

  it('double-clicking a node adds its neighbours without moving anything already laid out', async () => {
    const before = await positions();
    const p = await nodePoint(page, 'org:hmicfrs');
    await page.mouse.dblclick(p.x, p.y);
    await settle(page);
    const after = await positions();
    const added = Object.keys(after).filter((id) => !(id in before));
    expect(added.length, 'new neighbours').toBeGreaterThan(0);
    const moved = Object.entries(before).filter(([id, q]) => Math.hypot(after[id]!.x - q.x, after[id]!.y - q.y) > 0.5).map(([id]) => id);
    expect(moved, 'nodes that moved').toEqual([]);
    expect(await page.evaluate(() => location.hash)).toContain('expanded=org%3Ahmicfrs');
    expect(await page.evaluate(() => window.__og!.cy.getElementById('org:hmicfrs').hasClass('expanded'))).toBe(true);
  });

  it('a quote opens in the reader with exactly its characters highlighted, scrolled into view, and every other document carrying it listed', async () => {
    const { repeatedQuote } = session.followUp;
    await page.click('#tab-details');
    const zoe = await nodePoint(page, ZOE).catch(() => null);
    if (zoe) await page.mouse.click(zoe.x, zoe.y);
    await expect.poll(() => page.locator('#details-title').textContent()).toBe('Zoë Billingham');
    const card = page.locator(`#panel-details .quote-text[data-quote-id="${repeatedQuote.id}"]`);
    await card.scrollIntoViewIfNeeded();
    await card.click();
    await page.locator('#reader-focus').waitFor();
    await settle(page);

    const trace = await apiGet<{ quote: { text: string }; sources: { documentId: string; title: string }[] }>(page, `/api/quotes/${repeatedQuote.id}/trace`);
    const reader = await page.evaluate(() => {
      const mark = document.getElementById('reader-focus')!;
      const box = mark.getBoundingClientRect();
      const panel = document.getElementById('panel-reader')!.getBoundingClientRect();
      return {
        text: mark.textContent,
        marks: document.querySelectorAll('#panel-reader .doc-text mark.hl-focus').length,
        inView: box.top >= panel.top && box.bottom <= panel.bottom && box.height > 0,
        hash: location.hash,
        tab: document.querySelector('[role="tab"][aria-selected="true"]')!.id,
        others: [...document.querySelectorAll('#panel-reader .trace-list li')].map((li) => li.textContent ?? ''),
        otherQuotes: document.querySelectorAll('#panel-reader .doc-text mark.hl-quote').length,
        mentions: document.querySelectorAll('#panel-reader .doc-text mark.hl-mention').length,
        speaker: [...document.querySelectorAll('#panel-reader .doc-text mark.hl-speaker')].map((m) => m.textContent),
        evidence: document.querySelector('#panel-reader .evidence')?.textContent ?? null,
      };
    });
    expect(reader.text, 'the highlight holds exactly the quote').toBe(trace.quote.text);
    expect(reader.marks).toBe(1);
    expect(reader.inView, 'the highlight is scrolled into view').toBe(true);
    expect(reader.tab).toBe('tab-reader');
    expect(reader.hash).toContain(`quote=${encodeURIComponent(repeatedQuote.id)}`);
    expect(trace.sources.length, 'the quote is carried by two documents').toBe(2);
    expect(reader.others).toHaveLength(2);
    for (const source of trace.sources) expect(reader.others.some((li) => li.includes(source.title))).toBe(true);
    expect(reader.otherQuotes, 'the other quotes of the document are marked').toBeGreaterThan(0);
    expect(reader.mentions, 'entity mentions are marked').toBeGreaterThan(0);
    // the evidence: where the text names the speaker, and how sure the attribution is
    expect(reader.speaker).toHaveLength(1);
    expect(reader.speaker[0]).toMatch(/^(Zoë Billingham|Billingham|Ms Billingham|She|she)$/);
    expect(reader.evidence).toMatch(/^How it was attributed: [\w-]+, resolved by [\w-]+ · \d+% sure/);
    await screenshot(page, 'reader');

    // follow the quote into the other document that carries it
    const current = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('doc'));
    const other = trace.sources.find((s) => s.documentId !== current)!;
    await page.locator('#panel-reader .trace-list button', { hasText: other.title }).click();
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('doc'))).toBe(other.documentId);
    await settle(page);
    expect(await page.locator('#reader-focus').textContent()).toBe(trace.quote.text);
    // the follow-up is a two-page scan: the page of the quote, and a warning that OCR read it
    expect(await page.locator('#panel-reader .trace-list li.here').textContent()).toMatch(/p\. 2/);
    expect(await page.locator('#panel-reader .ocr-note').textContent()).toBe('The text of pages 1–2 was read by OCR from a scan: check a quote against the original before you use it.');
    expect(await page.locator('#reader-title + p').textContent()).toMatch(/scanned PDF \(OCR\) · 2 pages/);
  });

  it('a node with many neighbours shows the first 25 and a "+N more" node that adds the rest on demand', async () => {
    const docId = 'doc:001_bff380fe690245c5.txt';
    await openApp(page, session.url, `#focus=${encodeURIComponent(docId)}`);
    const all = await apiGet<{ elements: { group: string }[]; truncated: unknown[] }>(page, `/api/neighbourhood?ids=${docId}&perNode=500`);
    const total = all.elements.filter((e) => e.group === 'nodes').length - 1;
    expect(total, 'this document has more than 25 neighbours').toBeGreaterThan(25);
    const moreId = `more:${docId}`;
    const more = await page.evaluate((id) => {
      const node = window.__og!.cy.getElementById(id);
      return { label: node.data('label'), hidden: node.data('hidden'), shown: window.__og!.cy.getElementById(node.data('anchor')).neighborhood().nodes().length - 1 };
    }, moreId);
    expect(more.shown).toBe(25);
    expect(more.hidden).toBe(total - 25);
    expect(more.label).toBe(`+${total - 25} more`);

    await centreOn(page, moreId);
    const p = await nodePoint(page, moreId);
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.getElementById('cy')!).cursor)).toBe('copy');
    await page.mouse.click(p.x, p.y);
    await settle(page);
    const after = await page.evaluate(([id, anchor]) => ({
      more: window.__og!.cy.getElementById(id!).nonempty(),
      shown: window.__og!.cy.getElementById(anchor!).neighborhood().nodes().length,
      hash: location.hash,
    }), [moreId, docId]);
    expect(after.more, 'the "+N more" node is gone once everything is shown').toBe(false);
    expect(after.shown).toBe(total);
    expect(after.hash).toContain(encodeURIComponent(moreId));
  });

  it('draws several relationships between the same two nodes apart, never on top of each other', async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent('doc:001_bff380fe690245c5.txt')}`);
    const pairs = await page.evaluate(() => {
      const groups = new Map<string, cytoscape.EdgeSingular[]>();
      window.__og!.cy.edges(':visible').forEach((e) => {
        const key = [e.source().id(), e.target().id()].sort().join('|');
        groups.set(key, [...(groups.get(key) ?? []), e]);
      });
      return [...groups.values()].filter((g) => g.length > 1).map((g) => g.map((e) => ({ kind: e.data('kind'), mid: e.midpoint() })));
    });
    expect(pairs.length, 'the document has parallel relationships (COVERS and MENTIONS a report)').toBeGreaterThan(0);
    for (const group of pairs) {
      for (let i = 1; i < group.length; i++) {
        const a = group[0]!.mid;
        const b = group[i]!.mid;
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${group[0]!.kind} and ${group[i]!.kind} drawn apart`).toBeGreaterThan(8);
      }
    }
  });

  it('undoes and redoes canvas work: Ctrl+Z after an expand restores the elements and positions before it', async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    const canvas = () => page.evaluate(() => ({
      ids: window.__og!.cy.elements(':visible').map((e) => e.id()).sort(),
      at: Object.fromEntries(window.__og!.cy.nodes().map((n) => [n.id(), { x: Math.round(n.position().x), y: Math.round(n.position().y) }])),
      hash: location.hash,
    }));
    const before = await canvas();
    await page.evaluate(() => window.__og!.app.select('org:hmicfrs'));
    await settle(page);
    await page.click('#panel-details [data-action="expand"]');
    await settle(page);
    const expanded = await canvas();
    expect(expanded.ids.length, 'the expansion added nodes').toBeGreaterThan(before.ids.length);
    expect(await page.getAttribute('#tool-undo', 'title')).toBe('Undo expand (Ctrl+Z)');

    // the shortcut works after a click on the canvas, where the keyboard focus then is
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.click(box.x + 5, box.y + 5);
    await page.keyboard.press('Control+z');
    await settle(page);
    expect(await canvas()).toEqual(before);

    await page.keyboard.press('Control+Shift+z');
    await settle(page);
    expect(await canvas()).toEqual(expanded);

    // hiding is a step too, undone by the toolbar button; a new step clears what could be redone
    await page.evaluate(() => window.__og!.app.hide('org:hmicfrs'));
    await expect.poll(async () => (await canvas()).ids).not.toContain('org:hmicfrs');
    await page.click('#tool-undo');
    await expect.poll(canvas).toEqual(expanded);
    await page.click('#tool-undo');
    await expect.poll(canvas).toEqual(before);
    await page.evaluate(() => window.__og!.app.pin(window.__og!.cy.nodes().first().id()));
    expect(await page.isDisabled('#tool-redo')).toBe(true);
  });

  it("shows a body under all its names: HMICFRS's panel lists HMIC, and what was said under that name", async () => {
    await openApp(page, session.url);
    await page.evaluate(() => window.__og!.app.select('org:hmicfrs'));
    await settle(page);
    const lineage = page.locator('#panel-details .lineage li');
    await lineage.first().waitFor();
    expect(await lineage.first().textContent()).toBe('HM Inspectorate of Constabulary — its name to 2017');
    const hmicSaid = (await apiGet<{ quotes: unknown[] }>(page, '/api/quotes?speaker=org:hmic')).quotes.length;
    const heading = page.locator('#panel-details h3').filter({ hasText: 'Said as HM Inspectorate of Constabulary' });
    expect(await heading.count()).toBe(hmicSaid ? 1 : 0);
    await lineage.first().locator('button').click();
    await page.locator('#details-title').filter({ hasText: 'HM Inspectorate of Constabulary' }).waitFor();
    expect(await page.locator('#panel-details .lineage li').first().textContent()).toMatch(/^HM Inspectorate of Constabulary and Fire & Rescue Services — its name from 2017/);
  });

  it('offers a node\'s actions on a right click and from the keyboard, and acts on several selected nodes at once', async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    await centreOn(page, 'org:hmicfrs');
    const p = await nodePoint(page, 'org:hmicfrs');
    await page.mouse.click(p.x, p.y, { button: 'right' });
    const menu = page.locator('#node-menu');
    await menu.waitFor();
    expect(await menu.locator('[role="menuitem"]').allTextContents()).toEqual(expect.arrayContaining(['Details', 'Expand', 'Focus', 'Pin', 'Hide', 'Path from here']));
    // the first item has the focus; arrows move, Escape closes
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('Details');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('Expand');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await menu.locator('[data-action="Pin"]').click();
    expect(await page.evaluate(() => window.__og!.cy.getElementById('org:hmicfrs').hasClass('pinned'))).toBe(true);

    // from the keyboard: the selected node's menu with Shift+F10
    await page.evaluate(() => window.__og!.app.select('org:hmicfrs'));
    await page.locator('#cy').focus();
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    expect(await menu.getAttribute('aria-label')).toMatch(/HM Inspectorate of Constabulary and Fire/);
    await page.keyboard.press('Escape');

    // Shift-click a second node: a bar for both, whose Hide hides both
    const quotes = await page.evaluate(() => window.__og!.cy.nodes('[kind = "Quote"]:visible').map((n) => n.id()).slice(0, 2));
    await page.evaluate((ids) => { const cy = window.__og!.cy; cy.nodes().unselect(); cy.getElementById(ids[0]!).select(); }, quotes);
    await centreOn(page, quotes[1]!);
    const q = await nodePoint(page, quotes[1]!);
    await page.keyboard.down('Shift');
    await page.mouse.click(q.x, q.y);
    await page.keyboard.up('Shift');
    const bar = page.locator('#selection-bar');
    await bar.waitFor();
    expect(await bar.locator('.selection-count').textContent()).toBe('2 selected');
    await bar.locator('[data-action="Hide"]').click();
    await expect.poll(() => page.evaluate((ids) => ids.map((id) => window.__og!.cy.getElementById(id).visible()), quotes)).toEqual([false, false]);
    expect(await page.evaluate(() => window.__og!.app.state.hidden)).toEqual(expect.arrayContaining(quotes));
    await bar.waitFor({ state: 'hidden' });
  });

  it("Back and Forward step through the canvas's own history: an expand and a hide undone and redone", async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    const start = await visibleIds();
    await page.evaluate(() => window.__og!.app.expand('org:hmicfrs'));
    await settle(page);
    const expanded = await visibleIds();
    expect(expanded.length).toBeGreaterThan(start.length);
    const quote = expanded.find((id) => !start.includes(id) && !id.startsWith('more:'))!;
    await page.evaluate((id) => window.__og!.app.hide(id), quote);
    await settle(page);
    expect(await visibleIds()).not.toContain(quote);

    await page.goBack();
    await settle(page);
    await expect.poll(visibleIds).toEqual(expanded);
    await page.goBack();
    await settle(page);
    await expect.poll(visibleIds).toEqual(start);
    expect(await page.evaluate(() => location.hash)).not.toContain('expanded=');
    await page.goForward();
    await settle(page);
    await expect.poll(visibleIds).toEqual(expanded);
    expect(await page.evaluate(() => location.hash)).toContain('expanded=org%3Ahmicfrs');
    await page.goForward();
    await settle(page);
    await expect.poll(visibleIds).not.toContain(quote);
  });

  it('collapses, hides and pins from the details panel', async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}&expanded=org%3Ahmicfrs`);
    await page.evaluate(() => window.__og!.app.select('org:hmicfrs'));
    await settle(page);
    const count = () => page.evaluate(() => window.__og!.cy.nodes(':visible').length);
    const expandedCount = await count();
    await page.click('#panel-details [data-action="collapse"]');
    await settle(page);
    expect(await count(), 'what the expansion added is taken back').toBeLessThan(expandedCount);
    expect(await page.evaluate(() => location.hash)).not.toContain('expanded=');

    await page.click('#panel-details [data-action="pin"]');
    const pinned = await page.evaluate(() => {
      const n = window.__og!.cy.getElementById('org:hmicfrs');
      return { pinned: n.hasClass('pinned'), locked: n.locked(), at: { ...n.position() } };
    });
    expect(pinned.pinned && pinned.locked).toBe(true);
    await page.click('#tool-layout');
    await settle(page);
    const at = await page.evaluate(() => ({ ...window.__og!.cy.getElementById('org:hmicfrs').position() }));
    expect(Math.hypot(at.x - pinned.at.x, at.y - pinned.at.y), 'a pinned node stays put through a re-layout').toBeLessThan(1);

    const shown = () => page.evaluate(() => window.__og!.cy.getElementById('org:hmicfrs').visible());
    await page.click('#panel-details [data-action="hide"]');
    await expect.poll(shown).toBe(false);
    expect(await page.evaluate(() => location.hash)).toContain('hide=org%3Ahmicfrs');
    await page.click('#tool-show-hidden');
    await expect.poll(shown).toBe(true);
    expect(await page.evaluate(() => location.hash)).not.toContain('hide=');

    // Focus makes it the centre of a new view, in place of the old one
    await page.evaluate(() => window.__og!.app.select('org:hmicfrs'));
    await page.click('#panel-details [data-action="focus"]');
    await settle(page);
    const focused = await page.evaluate(() => ({ focus: window.__og!.app.state.focus, zoe: window.__og!.cy.getElementById('person:zoe-billingham').nonempty(), hash: location.hash }));
    expect(focused.focus).toBe('org:hmicfrs');
    expect(focused.hash).toContain('focus=org%3Ahmicfrs');
    expect(await page.locator('#panel-details [data-action="collapse"]').count(), 'the focus cannot be collapsed').toBe(0);
  });

  it('keeps the canvas and the quote lists to a stretch of time, from the timeline or the date fields', async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}&expanded=org%3Ahmicfrs`);
    await page.click('#tool-legend');
    const bars = page.locator('#timeline rect');
    await bars.first().waitFor();
    const docs = await page.evaluate(() => window.__og!.cy.nodes('[kind = "Document"]').map((n) => ({ id: n.id(), at: (n.data('publishedAt') as string | null) ?? null })));
    const dated = docs.filter((d) => d.at);
    expect(dated.some((d) => !d.at!.startsWith('2016')), `a dated document outside 2016 on the canvas: ${JSON.stringify(dated)}`).toBe(true);
    await page.fill('#filter-since', '2016-01-01');
    await page.fill('#filter-until', '2016-12-31');
    await page.locator('#filter-until').dispatchEvent('change');
    await settle(page);
    expect(await page.evaluate(() => location.hash)).toMatch(/since=2016-01-01&until=2016-12-31/);
    const shown = await page.evaluate(() => window.__og!.cy.nodes('[kind = "Document"]').filter((n) => n.visible()).map((n) => n.id()));
    for (const d of docs) expect(shown.includes(d.id), `${d.id} (${d.at})`).toBe(!d.at || d.at.startsWith('2016'));
    // a quote stays when one of its documents on the canvas does
    const quotesOk = await page.evaluate(() => window.__og!.cy.nodes('[kind = "Quote"]').toArray().every((q) => {
      const ds = q.connectedEdges('[kind = "QUOTED_IN"]').connectedNodes('[kind = "Document"]');
      return ds.empty() || q.visible() === ds.toArray().some((d) => d.visible());
    }));
    expect(quotesOk).toBe(true);
    // the details panel's quotes keep to it too: the API's own answer for the range
    await page.evaluate((id) => window.__og!.app.select(id), ZOE);
    await settle(page);
    const inRange = await apiGet<{ total: number }>(page, `/api/quotes?speaker=${encodeURIComponent(ZOE)}&from=2016-01-01&to=2016-12-31&limit=20`);
    await expect.poll(() => page.locator('#panel-details .quotes .quote-card').count()).toBe(Math.min(20, inRange.total));
    // "Any time" brings everything back
    await page.click('#filter-dates-clear');
    await settle(page);
    expect(await page.evaluate(() => window.__og!.cy.nodes('[kind = "Document"]').filter((n) => n.visible()).length)).toBe(docs.length);
    expect(await page.evaluate(() => location.hash)).not.toContain('since=');
    // a drag across the strip keeps the months it covers
    const box = (await page.locator('#timeline svg').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
    await page.mouse.up();
    await settle(page);
    expect(await page.inputValue('#filter-since')).toMatch(/^\d{4}-\d{2}-01$/);
    expect(await page.inputValue('#filter-until')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.click('#filter-dates-clear');
    await page.click('#tool-legend');
  });

  it('switches node kinds and relationship types off and on', async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    const quotes = () => page.evaluate(() => window.__og!.cy.nodes('[kind = "Quote"]:visible').length);
    const before = await quotes();
    expect(before).toBeGreaterThan(0);
    await page.click('#tool-legend');
    expect(await page.locator('#legend .legend-list > li').count(), 'a legend entry per kind and one for "+N more"').toBe(7);
    await page.uncheck('#filter-kind-Quote');
    await settle(page);
    expect(await quotes()).toBe(0);
    expect(await page.evaluate(() => location.hash)).toContain('hideKinds=Quote');
    await page.uncheck('#filter-rel-HOLDS_ROLE');
    await settle(page);
    expect(await page.evaluate(() => window.__og!.cy.edges('[kind = "HOLDS_ROLE"]:visible').length)).toBe(0);
    await page.check('#filter-kind-Quote');
    await page.check('#filter-rel-HOLDS_ROLE');
    await settle(page);
    expect(await quotes()).toBe(before);
    expect(await page.evaluate(() => window.__og!.cy.edges('[kind = "HOLDS_ROLE"]:visible').length)).toBeGreaterThan(0);
    await page.click('#tool-legend');
  });

  it('finds how two nodes are connected and highlights the path', async () => {
    await page.click('#tab-paths');
    await page.fill('#path-from', 'matthew sc');
    await page.locator('#path-from-list [role="option"]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.fill('#path-to', 'unison');
    await page.locator('#path-to-list [role="option"]', { hasText: 'union' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.click('#path-find');
    await settle(page);
    const path = await page.evaluate(() => ({
      ends: ['person:matthew-scott', 'org:unison'].map((id) => window.__og!.cy.getElementById(id).hasClass('path')),
      edges: window.__og!.cy.edges('.path').length,
      steps: document.querySelectorAll('#panel-paths .path-steps li').length,
      hash: location.hash,
    }));
    expect(path.ends).toEqual([true, true]);
    expect(path.edges).toBeGreaterThan(0);
    expect(path.steps, 'nodes and relationships listed step by step').toBeGreaterThanOrEqual(3);
    expect(path.hash).toContain('from=person%3Amatthew-scott');
    expect(path.hash).toContain('to=org%3Aunison');
    await screenshot(page, 'paths');
  });

  it('shows every document that states a figure and flags a document that gives another value', async () => {
    const { contradicted } = session.followUp;
    await page.click('#tab-details');
    await page.evaluate((id) => window.__og!.app.select(id, { center: true }), contradicted.id);
    await settle(page);
    const section = page.locator('#claim-sources');
    await section.waitFor();
    expect(await section.locator('.sources li').count()).toBeGreaterThan(0);
    const note = section.locator('.disagreement');
    expect(await note.textContent()).toContain(`Sources disagree on “${contradicted.measure}”`);
    expect(await note.locator('li').count()).toBe(2);
    expect(await note.textContent()).toContain('Watchdog verdict repeated <i>word for word</i>');
    // the figure in the other document opens in the reader, marked
    await note.locator('button', { hasText: 'Watchdog verdict repeated' }).click();
    await page.locator('#reader-focus').waitFor();
    const claims = await apiGet<{ claims: { id: string; text: string }[] }>(page, `/api/claims?document=${FOLLOW_UP_ID}`);
    expect(await page.locator('#reader-focus').textContent()).toBe(claims.claims.find((c) => c.id === FOLLOW_UP_CLAIM_ID)!.text);

    // a figure without a named measure is compared with nothing, and lists only its own documents
    const all = await apiGet<{ claims: { id: string; measure: string; sources: unknown[] }[] }>(page, '/api/claims?limit=500');
    const unnamed = all.claims.find((c) => !c.measure.trim());
    if (unnamed) {
      await page.click('#tab-details');
      await page.evaluate((id) => window.__og!.app.select(id, { center: true }), unnamed.id);
      await settle(page);
      expect(await page.locator('#claim-sources .sources li').count()).toBe(unnamed.sources.length);
      expect(await page.locator('#claim-sources .disagreement').count()).toBe(0);
    }
  });

  it('exports the canvas as a PNG picture, the elements as JSON and CSV, and its quotes as a quote sheet', async () => {
    await openApp(page, session.url, `#focus=${encodeURIComponent(ZOE)}`);
    const visible = await page.evaluate(() => window.__og!.cy.nodes(':visible').length);
    const save = async (button: string) => {
      await page.click('#export-menu summary');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return { name: download.suggestedFilename(), body: Buffer.concat(chunks) };
    };
    const png = await save('#export-png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
    // the picture has its caption band above and its legend band below the graph
    const canvasPicture = await page.evaluate(() => {
      const img = window.__og!.cy.png({ full: true, scale: 2, output: 'base64uri', maxWidth: 8000, maxHeight: 8000 }) as unknown as string;
      return new Promise<{ w: number; h: number }>((resolve) => { const i = new Image(); i.onload = () => resolve({ w: i.width, h: i.height }); i.src = img; });
    });
    expect(png.body.readUInt32BE(20), 'caption and legend bands').toBe(canvasPicture.h + 2 * 56);
    expect(png.body.readUInt32BE(16)).toBeGreaterThanOrEqual(Math.max(canvasPicture.w, 1800));
    // the view itself as GraphML and GEXF: every node shown, none left out
    const graphml = (await save('#export-graphml')).body.toString();
    expect(graphml.match(/<node id=/g)).toHaveLength(visible);
    expect(graphml).toContain('<data key="n_label">Zoë Billingham</data>');
    const gexf = (await save('#export-gexf')).body.toString();
    expect(gexf).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(gexf.match(/<node id=/g)).toHaveLength(visible);
    expect(gexf).toMatch(/<viz:position x="-?\d+\.\d" y="-?\d+\.\d" z="0"\/>/);
    const json = await save('#export-json');
    const parsed = JSON.parse(json.body.toString()) as { nodes: { id: string }[]; edges: unknown[] };
    expect(parsed.nodes).toHaveLength(visible);
    expect(parsed.edges.length).toBeGreaterThan(0);
    const csv = await save('#export-csv');
    const lines = csv.body.toString().trim().split(/\r\n/);
    expect(lines[0]).toBe('group,id,kind,subkind,label,source,target,docId');
    expect(lines.filter((l) => l.startsWith('node,'))).toHaveLength(visible);
    // the quote sheet: the quotes the canvas shows, in full, with who said them and where
    const quoteIds = await page.evaluate(() => window.__og!.cy.nodes('[kind = "Quote"]').filter((n) => n.visible()).map((n) => n.id()).sort());
    expect(quoteIds.length).toBeGreaterThan(0);
    const sheet = await save('#export-quotes-csv');
    expect(sheet.name).toBe('quotes.csv');
    const sheetText = sheet.body.toString();
    expect(sheetText.split('\n')[0]).toBe('quote,speaker,speaker kind,role,organisation,document,publisher,published,url,start,end,page,confidence,evidence,quote id,document id');
    const sheetIds = [...new Set([...sheetText.matchAll(/,(quote:[\w-]+),doc:/g)].map((m) => m[1]))].sort();
    expect(sheetIds).toEqual(quoteIds);
    expect(sheetText).toContain('Zoë Billingham');
    const excel = await save('#export-quotes-xlsx');
    expect(excel.name).toBe('quotes.xlsx');
    expect(excel.body.subarray(0, 2).toString()).toBe('PK');
  });

  it('lays out a few thousand elements readably: every node shown, none lying on another', async () => {
    const graph = generateNeighbourhood(3000);
    await openApp(page, session.url);
    await page.evaluate(async (defs) => {
      window.__og!.cy.elements().remove();
      await window.__og!.app.addElements(defs, { layout: 'all' });
    }, asElements(graph));
    await settle(page);
    const laid = await page.evaluate(() => {
      const nodes = window.__og!.cy.nodes(':visible').map((n) => ({ ...n.position(), r: Math.max(n.width(), n.height()) / 2 }));
      let overlapping = 0;
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i]!;
          const b = nodes[j]!;
          if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r) overlapping++;
        }
      }
      return { shown: nodes.length, overlapping };
    });
    expect(laid.shown).toBe(graph.nodes.length);
    expect(laid.overlapping, 'pairs of nodes drawn on top of each other').toBe(0);
  });

  it('draws a view of thousands with straight lines, by WebGL where a GPU draws it or it is asked for, still answering a click, and by the 2D canvas again when it shrinks', async () => {
    const graph = generateNeighbourhood(6000);
    await openApp(page, session.url);
    const drawing = () => page.evaluate(() => {
      const container = window.__og!.cy.container()!;
      const webgl = (window.__og!.cy as unknown as { renderer(): { webgl?: boolean } }).renderer().webgl === true;
      return { renderer: container.dataset.renderer, webgl, crowd: window.__og!.cy.edges('.crowd').length, edges: window.__og!.cy.edges().length };
    });
    expect(await drawing()).toMatchObject({ renderer: 'canvas', webgl: false, crowd: 0 });
    await page.evaluate(async (defs) => {
      window.__og!.cy.elements().remove();
      await window.__og!.app.addElements(defs, { layout: 'all' });
    }, asElements(graph));
    await settle(page);
    // straight lines on the frame after the elements arrive; but this machine's WebGL is software, slower than the 2D canvas
    await page.waitForFunction(() => window.__og!.cy.container()!.dataset.crowded === 'true');
    expect(await drawing()).toMatchObject({ renderer: 'canvas', webgl: false, crowd: graph.edges.length });
    // asked for, WebGL draws from the next change on
    await page.evaluate(() => {
      localStorage.setItem('og.renderer', 'webgl');
      window.__og!.cy.edges().last().remove();
    });
    await page.waitForFunction(() => window.__og!.cy.container()!.dataset.renderer === 'webgl');
    const big = await drawing();
    // Cytoscape's own renderer in WebGL mode, and every relationship drawn straight
    expect(big).toMatchObject({ renderer: 'webgl', webgl: true, crowd: big.edges });
    const person = await page.evaluate(() => window.__og!.cy.nodes('[kind = "Person"]').first().id());
    await page.evaluate((id) => { window.__og!.cy.zoom(1); window.__og!.cy.center(window.__og!.cy.getElementById(id)); }, person);
    const at = await nodePoint(page, person);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction((id) => window.__og!.cy.getElementById(id).selected(), person);
    // names are drawn only on the nodes chosen, pointed at or followed: thousands would be measured each frame
    const labels = await page.evaluate((id) => {
      const cy = window.__og!.cy;
      const other = cy.nodes('[kind = "Person"]').not(cy.getElementById(id)).first();
      return { chosen: cy.getElementById(id).style('label'), short: cy.getElementById(id).data('short'), other: other.style('label') };
    }, person);
    expect(labels).toEqual({ chosen: labels.short, short: expect.stringMatching(/\w/), other: '' });
    await page.evaluate(() => window.__og!.app.showOverview());
    await settle(page);
    await page.waitForFunction(() => window.__og!.cy.container()!.dataset.renderer === 'canvas');
    expect(await drawing()).toMatchObject({ renderer: 'canvas', webgl: false, crowd: 0 });
    await page.evaluate(() => localStorage.removeItem('og.renderer'));
  });

  it('reported no errors in the page', () => {
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
