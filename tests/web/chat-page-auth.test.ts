// The page on a server with API_KEYS: refusals in readers' words, a wrong key said so in the
// dialog, then a key entered once is sent as Bearer; a shared link works once the key is in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkSigner } from '../../server/auth/link-signature.ts';
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
    await expect(page.locator('#call-options .error').innerText()).resolves.toBe('This server needs an access key. Enter it with “Access key” (top right).');
    await page.locator('#question').fill('What did management say about AI pricing?');
    await page.keyboard.press('Enter');
    const failed = page.locator('.turn-assistant[data-state="error"]');
    await failed.waitFor();
    await expect(failed.locator('[role=alert]').innerText()).resolves.toBe('This server needs an access key. Enter it with “Access key” (top right).');

    await failed.getByRole('button', { name: 'Enter the access key' }).click();
    await expect(page.locator('#settings').evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    // A wrong key is refused in the dialog, which stays open, and is not kept.
    await page.locator('#api-key').fill('not-the-key');
    await page.locator('#api-key').press('Enter');
    await page.locator('#settings-error').waitFor();
    await expect(page.locator('#settings-error').innerText()).resolves.toBe(
      'This key was not accepted. Check that it was copied whole, or ask whoever runs this server for a new one.',
    );
    await expect(page.locator('#settings').evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    await expect(page.evaluate(() => localStorage.getItem('transcript-qa.apiKey'))).resolves.toBeNull();
    await page.locator('#api-key').fill(KEY);
    await page.locator('#api-key').press('Enter');
    await page.getByLabel('Asana Q1 FY2024 Earnings Call').waitFor();
    await expect(page.evaluate(() => localStorage.getItem('transcript-qa.apiKey'))).resolves.toBe(KEY);
    await expect(page.locator('#settings').evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(false);

    // Retry asks the failed question again, now with the key.
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/ask'));
    await failed.getByRole('button', { name: 'Retry' }).click();
    expect((await sent).headers().authorization).toBe(`Bearer ${KEY}`);
    await page.locator('.turn-assistant[data-state="done"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('.turn-assistant').count()).resolves.toBe(1);
    await expect(page.locator('.turn-assistant[data-state="done"] .cite').count()).resolves.toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('a shared link opened without the key asks for it, then shows the cited lines', async () => {
    const { calls } = (await (await fetch(`${server.origin}/v1/calls`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { calls: { id: string; title: string }[] };
    const page = await browser.newPage();
    await page.goto(`${server.origin}/calls/${calls[0].id}#L20-L22`);
    await page.locator('#settings[open]').waitFor();
    await expect(page.locator('#settings-error').innerText()).resolves.toContain('This server needs an access key');
    await page.locator('#api-key').fill(KEY);
    await page.locator('#api-key').press('Enter');
    await page.locator('#source-panel .line.is-cited').first().waitFor();
    const cited = await page.locator('#source-panel .line.is-cited').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.line)));
    expect(cited).toEqual([20, 22]);
    await expect(page.locator('#source-title').innerText()).resolves.toBe(calls[0].title);
    await page.close();
  }, 60_000);

  it('a signed source link (as Slack posts it) opens its lines with no key, named by the call title', async () => {
    const { calls } = (await (await fetch(`${server.origin}/v1/calls`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { calls: { id: string; title: string }[] };
    const signature = createLinkSigner([KEY])!.sign(calls[1].id);
    const page = await browser.newPage();
    await page.goto(`${server.origin}/calls/${calls[1].id}?s=${signature}#L30-L31`);
    await page.locator('#source-panel .line.is-cited').first().waitFor();
    const cited = await page.locator('#source-panel .line.is-cited').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.line)));
    expect(cited.length).toBeGreaterThan(0);
    await expect(page.locator('#source-title').innerText()).resolves.toBe(calls[1].title);
    await expect(page.locator('#settings').evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(false);
    await page.close();
  }, 60_000);
});
