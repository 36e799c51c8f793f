import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, as .ci/run installs it; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Skip only on a developer machine without Chromium; in CI (CI set) a missing browser must fail
 * the run, not hide the suite.
 */
export const skipBrowserSuite = !existsSync(CHROMIUM_PATH) && !process.env.CI;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Asks on the chat page as a person does (type, Enter) and waits for this question's answer. */
export async function askAndWait(page: Page, question: string): Promise<void> {
  const before = await page.locator('.turn-assistant').count();
  await page.locator('#question').fill(question);
  await page.locator('#question').press('Enter');
  await page.locator('.turn-assistant').nth(before).and(page.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
}
