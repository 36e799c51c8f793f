// The page on a server with API_KEYS: readable 401s, then a key entered once is sent as Bearer.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserSuite } from './support/browser.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';

const KEY = 'page-test-key-1';

describe.skipIf(skipBrowserSuite)('chat page with API keys', () => {
  let server: PageServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startPageServer({ API_KEYS: KEY }), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  it('explains the missing key, then works with the key saved in the settings dialog', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);

    await page.locator('#filters summary').click();
    await expect(page.locator('#call-options .error').innerText()).resolves.toBe('Unauthorized: Missing API key: send Authorization: Bearer <key>');
    await page.locator('#question').fill('What did management say about AI pricing?');
    await page.keyboard.press('Enter');
    const failed = page.locator('.turn-assistant[data-state="error"]');
    await failed.waitFor();
    await expect(failed.locator('[role=alert]').innerText()).resolves.toContain('Missing API key');

    await failed.getByRole('button', { name: 'Set the API key' }).click();
    await expect(page.locator('#settings').evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    await page.locator('#api-key').fill(KEY);
    await page.locator('#api-key').press('Enter');
    await page.getByLabel('Asana Q1 FY2024 Earnings Call').waitFor();
    await expect(page.evaluate(() => localStorage.getItem('transcript-qa.apiKey'))).resolves.toBe(KEY);

    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/ask'));
    await page.locator('#question').fill('What did management say about AI pricing?');
    await page.keyboard.press('Enter');
    expect((await sent).headers().authorization).toBe(`Bearer ${KEY}`);
    await page.locator('.turn-assistant[data-state="done"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('.turn-assistant[data-state="done"] .cite').count()).resolves.toBeGreaterThan(0);
    await page.close();
  }, 60_000);
});
