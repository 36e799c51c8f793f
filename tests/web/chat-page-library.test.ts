// The page on a library of meetings and support calls (captions and plain transcripts), not
// earnings calls: examples about its own calls, no Management/Analysts filter, cue times shown.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestIndex } from '../server/support/test-app.ts';
import { ingestIntoTemp } from '../support/seed-index.ts';
import { askAndWait, launchChromium, skipBrowserSuite } from './support/browser.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/transcripts');
const FILES = ['zoom-name-prefix.vtt', 'teams-voice-tags.vtt', 'support-call.srt', 'meeting-no-operator.txt'];

describe.skipIf(skipBrowserSuite)('chat page on a library of meetings', () => {
  let server: PageServer;
  let browser: Browser;

  beforeAll(async () => {
    const index = await openTestIndex(await ingestIntoTemp(FILES.map((f) => path.join(FIXTURES, f)), 'tqa-meetings-'));
    [server, browser] = await Promise.all([startPageServer({}, index), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  it('offers examples about its own calls and no Management/Analysts filter', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    const examples = page.locator('#examples .example');
    await examples.first().waitFor();
    const texts = await examples.allInnerTexts();
    const { calls } = (await (await fetch(`${server.origin}/v1/calls`)).json()) as { calls: { title: string }[] };
    expect(texts).toHaveLength(3);
    for (const text of texts) {
      expect(calls.some((c) => text.includes(`“${c.title}”`))).toBe(true);
      expect(text).not.toMatch(/analyst|guidance|revenue|management/i);
    }
    await page.locator('#filters summary').click();
    await expect(page.locator('#filter-roles').isHidden()).resolves.toBe(true);
    await expect(page.locator('#filter-summary').innerText()).resolves.not.toContain('management');
    // An example asks as typed.
    await examples.first().click();
    await page.locator('.turn-assistant[data-state="done"]').waitFor({ timeout: 30_000 });
    await page.close();
  }, 60_000);

  it('shows the cue times of a caption passage beside its lines', async () => {
    const question = 'When does the contract end?';
    const expected = await server.askJson({ question });
    const timed = (expected.citations as { startTime?: number }[]).find((c) => c.startTime !== undefined);
    expect(timed).toBeDefined();
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await askAndWait(page, question);
    const where = await page.locator('.turn-assistant .citation-where').allInnerTexts();
    expect(where.some((w) => /lines? \d+(–\d+)? · \d+:\d\d(–\d+:\d\d)?$/.test(w))).toBe(true);
    await expect(page.locator('.turn-assistant .cite').first().getAttribute('title')).resolves.toMatch(/· \d+:\d\d/);
    // The transcript shows each cue's time beside its first line.
    await page.locator('.turn-assistant .cite').first().click();
    await page.locator('#source-panel .line.is-cited').first().waitFor();
    await expect(page.locator('#source-panel .line.is-cited .line-time').first().innerText()).resolves.toMatch(/^\d+:\d\d$/);
    await page.screenshot({ path: path.resolve(import.meta.dirname, '../../test-output/meetings-cue-times.png') });
    await page.close();
  }, 60_000);
});
