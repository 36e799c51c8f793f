// The conversation as people use it: the view follows each new answer, a failed question can be
// retried, the conversation survives a reload until New conversation, and an answer copies with
// its sources. The real server on the seed index, driven in Chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait, launchChromium, skipBrowserSuite } from './support/browser.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';

const PRICING = 'What did management say about AI pricing?';
const QUESTIONS = [PRICING, 'What guidance did the CFO give?', 'What did analysts ask about margins?'];

describe.skipIf(skipBrowserSuite)('chat page conversation', () => {
  let server: PageServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startPageServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.app.close();
  });

  async function openPage(viewport = { width: 1100, height: 700 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    return { context, page };
  }

  /**
   * The newest question is on screen and its answer can be read without scrolling: either the
   * whole answer is visible, or the question sits at the top with the answer filling the view.
   */
  const followed = (page: Page) =>
    page.evaluate(() => {
      const box = document.getElementById('conversation')!.getBoundingClientRect();
      const question = Array.from(document.querySelectorAll('.turn-user')).at(-1)!.getBoundingClientRect();
      const answer = Array.from(document.querySelectorAll('.turn-assistant')).at(-1)!.getBoundingClientRect();
      const questionShown = question.top >= box.top - 1 && question.bottom <= box.bottom + 1;
      return questionShown && (answer.bottom <= box.bottom + 1 || question.top < box.top + box.height / 3);
    });

  it('the view follows each new question and its answer', async () => {
    const { page } = await openPage({ width: 900, height: 600 });
    for (const q of QUESTIONS) {
      await askAndWait(page, q);
      await expect(followed(page), q).resolves.toBe(true);
    }
    // The conversation is taller than its box, so following it meant scrolling.
    await expect(page.locator('#conversation').evaluate((el) => el.scrollTop)).resolves.toBeGreaterThan(0);
  }, 90_000);

  it('a lost connection gives Retry, which asks the same question again', async () => {
    const { context, page } = await openPage();
    await context.setOffline(true);
    await page.locator('#question').fill(PRICING);
    await page.locator('#question').press('Enter');
    const failed = page.locator('.turn-assistant[data-state="error"]');
    await failed.waitFor();
    await expect(failed.locator('[role=alert]').innerText()).resolves.toBe('Could not reach the server. Check that it is running and try again.');
    await context.setOffline(false);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.turn-assistant[data-state="done"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('.turn-user').allInnerTexts()).resolves.toEqual([PRICING]);
  }, 60_000);

  it('keeps the conversation across a reload; follow-ups still carry it; New conversation clears it', async () => {
    const { page } = await openPage();
    await askAndWait(page, PRICING);
    const answer = await page.locator('.turn-assistant .answer-text').innerText();
    await page.reload();
    await page.locator('.turn-assistant[data-state="done"]').waitFor();
    await expect(page.locator('.turn-user').allInnerTexts()).resolves.toEqual([PRICING]);
    await expect(page.locator('.turn-assistant .answer-text').innerText()).resolves.toBe(answer);
    await expect(page.locator('#empty-state').isHidden()).resolves.toBe(true);
    // Citations of a restored answer still open their lines.
    await page.locator('.turn-assistant .cite').first().click();
    await page.locator('#source-panel .line.is-cited').first().waitFor();
    await page.keyboard.press('Escape');

    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/ask'));
    await askAndWait(page, 'And what did the CFO say about it?');
    const messages = (await sent).postDataJSON().messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[0].content).toBe(PRICING);

    await page.getByRole('button', { name: 'New conversation' }).click();
    await expect(page.locator('.turn-user').count()).resolves.toBe(0);
    await page.reload();
    await page.locator('#examples .example').first().waitFor();
    await expect(page.locator('.turn-user').count()).resolves.toBe(0);
    await expect(page.locator('#empty-state').isVisible()).resolves.toBe(true);
  }, 90_000);

  it('copies an answer with its sources: call titles, lines and links', async () => {
    const { context, page } = await openPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await askAndWait(page, PRICING);
    const expected = await server.askJson({ question: PRICING });
    await page.locator('.turn-assistant').getByRole('button', { name: 'Copy answer' }).click();
    // The label changes once the clipboard write resolves (and goes back after 2 s): wait for it.
    await page.locator('.copy-answer', { hasText: 'Copied' }).waitFor({ timeout: 5_000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${expected.answer}\n\nSources:\n`)).toBe(true);
    const first = expected.citations[0];
    expect(copied).toContain(`[1] `);
    expect(copied).toContain(`${first.callTitle}, `);
    expect(copied).toContain(`${server.origin}/calls/${first.callId}#L${first.startLine}`);
    // Titles, never the hashed file names.
    expect(copied).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    await expect(page.locator('.turn-assistant .citation-where').first().innerText()).resolves.toContain(first.callTitle);
  }, 60_000);

  it('offers example questions about the library’s own calls, and the Management/Analysts filter for earnings calls', async () => {
    const { page } = await openPage();
    const examples = page.locator('#examples .example');
    await examples.first().waitFor();
    const texts = await examples.allInnerTexts();
    expect(texts).toHaveLength(3);
    // The seeds are one company's earnings calls: the examples name it and its latest quarter.
    expect(texts[0]).toMatch(/^What revenue did Asana report for Q1 fiscal 2024\?$/);
    await page.locator('#filters summary').click();
    await expect(page.locator('#filter-roles').isVisible()).resolves.toBe(true);
  }, 60_000);
});
