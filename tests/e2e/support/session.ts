import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LadybugStore } from '../../../server/store/ladybug/ladybug-store.js';
import { seededStore } from '../../support/seeded-store.js';
import { launchBrowser } from '../../../scripts/support/browser.js';
import { buildClient, serveExplorer } from '../../../scripts/support/explorer.js';
import { type FollowUp, writeFollowUpDocument } from './follow-up-document.js';

// One browser-test file's world: the sample corpus in a fresh embedded store (plus the
// follow-up document), the built client served on an ephemeral port, one Chromium.

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');

export interface Session {
  url: string;
  browser: Browser;
  store: LadybugStore;
  followUp: FollowUp;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const [clientDir, store] = await Promise.all([buildClient(), seededStore()]);
  const followUp = await writeFollowUpDocument(store);
  const server = await serveExplorer(store, clientDir);
  const browser = await launchBrowser();
  return {
    url: server.url,
    browser,
    store,
    followUp,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await store.close();
    },
  };
}

/** Waits until no load, request, layout or viewport animation is running in the page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__og?.ready === true);
  await page.evaluate(() => window.__og!.idle());
}

/** Opens the app (optionally at a view, e.g. '#focus=…') and waits for it to settle. */
export async function openApp(page: Page, url: string, hash = ''): Promise<void> {
  await page.goto(url + hash);
  await settle(page);
}

/** Where a node is on the screen (page coordinates), for real mouse clicks. */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((nodeId) => {
    const cy = window.__og!.cy;
    const node = cy.getElementById(nodeId);
    if (node.empty()) return null;
    const p = node.renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
  if (!point) throw new Error(`${id} is not on the canvas`);
  return point;
}

/** Brings a node into the middle of the canvas (without a click), so a pointer can reach it. */
export async function centreOn(page: Page, id: string): Promise<void> {
  await page.evaluate((nodeId) => {
    const cy = window.__og!.cy;
    cy.stop(true, true);
    cy.center(cy.getElementById(nodeId));
  }, id);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The API's answer for a path, fetched the way the page does (same origin). */
export async function apiGet<T>(page: Page, apiPath: string): Promise<T> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { headers: { accept: 'application/json' } });
    return response.json();
  }, apiPath) as Promise<T>;
}
