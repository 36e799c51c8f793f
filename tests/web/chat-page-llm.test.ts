// The page against the LLM answer path: streamed tokens are a preview that the verified answer
// replaces, and the answer's mode (LLM, or extractive because the LLM failed) is shown.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai-server.ts';
import { launchChromium, skipBrowserSuite } from './support/browser.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';

const QUESTION = 'What did management say about AI pricing?';
// [7] points at no source: the server removes it, so the final text differs from the stream.
const LLM_REPLY = 'Management said pricing follows the value delivered to customers [1]. They expect change [7].';

describe.skipIf(skipBrowserSuite)('chat page with an LLM', () => {
  let fake: FakeOpenAI;
  let server: PageServer;
  let browser: Browser;
  let reply = LLM_REPLY;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ onChat: () => reply, streamChunkChars: 5 });
    [server, browser] = await Promise.all([
      startPageServer({ OPENAI_BASE_URL: fake.url, OPENAI_CHAT_MODEL: 'fake-chat', LLM_TIMEOUT_MS: '5000' }),
      launchChromium(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await fake?.close();
  });

  async function askOnPage(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    // Every text the answer showed while streaming, to see the preview and its replacement.
    await page.evaluate(() => {
      (window as unknown as { seen: string[] }).seen = [];
      new MutationObserver(() => {
        const text = document.querySelector('.turn-assistant .answer-text')?.textContent;
        if (text) (window as unknown as { seen: string[] }).seen.push(text);
      }).observe(document.getElementById('conversation')!, { subtree: true, childList: true, characterData: true });
    });
    await page.locator('#question').fill(QUESTION);
    await page.locator('#send').click();
    await page.locator('.turn-assistant[data-state="done"]').waitFor({ timeout: 30_000 });
    return page;
  }

  it('replaces the streamed preview with the verified answer and labels it LLM', async () => {
    const expected = await server.askJson({ question: QUESTION });
    expect(expected.mode).toBe('llm');
    const page = await askOnPage();
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((text) => text.includes('[7]'))).toBe(true);
    const final = await page.locator('.turn-assistant .answer-text').innerText();
    // Chips read as their number (the brackets are drawn by CSS).
    expect(final).toBe(expected.answer.replace(/\[(\d+)\]/g, '$1'));
    expect(final).not.toContain('7');
    await expect(page.locator('.turn-assistant .answer-text .cite').count()).resolves.toBe(expected.citations.length);
    await expect(page.locator('.turn-assistant .badge').innerText()).resolves.toBe('LLM');
    await page.close();
  }, 60_000);

  it('says in plain words why it shows quotes when the LLM failed, never an internal code', async () => {
    fake.failNext('chat', { status: 503 });
    const page = await askOnPage();
    await expect(page.locator('.turn-assistant .badge').innerText()).resolves.toBe('Quotes (LLM unavailable)');
    await expect(page.locator('.turn-assistant .notice').innerText()).resolves.toBe(
      'The language model could not be reached — showing quotes from the transcripts instead.',
    );
    await expect(page.locator('.turn-assistant .answer-text .cite').count()).resolves.toBeGreaterThan(0);
    await page.close();

    reply = 'Management talked about pricing in general terms.';
    try {
      const uncited = await askOnPage();
      await expect(uncited.locator('.turn-assistant .notice').innerText()).resolves.toBe(
        'The language model’s answer did not point to the transcripts — showing quotes from the transcripts instead.',
      );
      await expect(uncited.locator('body').innerText()).resolves.not.toMatch(/llm_|no_valid_citations/);
      await uncited.close();
    } finally {
      reply = LLM_REPLY;
    }
  }, 60_000);

  it('Stop ends only the answer in flight: the typed text stays, and the question can be asked again', async () => {
    // A slow model: 5 characters every 250 ms.
    fake.failNext('chat', { dripMs: 250 });
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.locator('#question').fill(QUESTION);
    await page.locator('#question').press('Enter');
    await page.locator('.turn-assistant .answer-text .streaming').waitFor();
    // The next question typed while the answer streams: Enter does not send it yet.
    await page.locator('#question').fill('And what about margins?');
    await page.locator('#question').press('Enter');
    await expect(page.locator('#send').isDisabled()).resolves.toBe(true);
    await page.locator('#stop').click();
    const stopped = page.locator('.turn-assistant[data-state="stopped"]');
    await stopped.waitFor();
    await expect(stopped.locator('.answer-text').innerText()).resolves.toMatch(/^Manag[\s\S]*\nStopped\.$/);
    await expect(page.locator('#question').inputValue()).resolves.toBe('And what about margins?');
    await expect(page.locator('.turn-assistant').count()).resolves.toBe(1);
    await expect(page.locator('#stop').isHidden()).resolves.toBe(true);
    await expect(page.locator('#send').isEnabled()).resolves.toBe(true);
    // The stopped question was not answered: no follow-up history is sent for it.
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/ask'));
    await stopped.getByRole('button', { name: 'Ask again' }).click();
    expect((await sent).postDataJSON().messages).toBeUndefined();
    await page.locator('.turn-assistant[data-state="done"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('.turn-assistant').count()).resolves.toBe(1);
    await page.close();
  }, 60_000);
});
