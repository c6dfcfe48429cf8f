import fs from 'node:fs';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

// Debian's Chromium, driven by playwright-core; never a downloaded browser (CHROMIUM_PATH
// names another binary). Outside CI a missing browser skips the browser tests with a printed
// reason; with CI=true it fails them.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or null when they can. Throws in CI. */
export function browserSkipReason(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const reason = `no Chromium at ${CHROMIUM_PATH}: the browser tests need Debian's chromium (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true, so a missing browser is a failure`);
  console.warn(`skipping the browser tests: ${reason}`);
  return reason;
}

/** `extraArgs`, e.g. `--host-resolver-rules=MAP og.test 127.0.0.1` to reach the server by a team's name. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...ARGS, ...extraArgs], timeout: 30_000 });
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught exceptions the page reported */
  errors: string[];
}

/** A fresh context (no shared storage) and one page, with its errors collected. */
export async function openPage(browser: Browser, options: { width?: number; height?: number } = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.setDefaultTimeout(10_000);
  return { context, page, errors };
}
