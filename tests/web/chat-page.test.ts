// The chat page end to end: the real server on the seed index, driven in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait, launchChromium, skipBrowserSuite, CHROMIUM_PATH } from './support/browser.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';

const OUTPUT = path.resolve(import.meta.dirname, '../../test-output');
const PRICING = 'What did management say about AI pricing?';
const METAVERSE = 'What did management say about the metaverse?';
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

if (skipBrowserSuite) console.warn(`Skipping the browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`);

describe.skipIf(skipBrowserSuite)('chat page in Chromium', () => {
  let server: PageServer;
  let browser: Browser;
  const requested: string[] = [];
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    [server, browser] = await Promise.all([startPageServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.app.close();
  });

  async function openPage(url: string, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${url}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${url}: ${error.message}`));
    await page.goto(`${server.origin}${url}`);
    return page;
  }

  const highlighted = (page: Page) =>
    page.locator('#source-panel .line.is-cited').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.line)));

  it('streams an answer whose citations match the API, and a citation opens exactly its lines', async () => {
    const expected = await server.askJson({ question: PRICING });
    expect(expected.answered).toBe(true);
    const page = await openPage('/');
    await askAndWait(page, PRICING);

    const turn = page.locator('.turn-assistant').last();
    const chips = await turn.locator('.answer-text .cite').evaluateAll((els) =>
      els.map((el) => {
        const d = (el as HTMLElement).dataset;
        return { n: Number(d.n), callId: d.callId, startLine: Number(d.startLine), endLine: Number(d.endLine) };
      }),
    );
    const fromApi = expected.citations.map(({ n, callId, startLine, endLine }) => ({ n, callId, startLine, endLine }));
    expect(chips.length).toBeGreaterThan(0);
    expect(chips).toEqual(expect.arrayContaining(fromApi));
    expect(new Set(chips.map((c) => c.n)).size).toBe(fromApi.length);
    await expect(turn.locator('.answer-meta').innerText()).resolves.toMatch(/Quotes[\s\S]*Understood as: management/);
    await page.screenshot({ path: path.join(OUTPUT, 'desktop-answer.png') });

    const first = turn.locator('.answer-text .cite').first();
    const cited = { callId: (await first.getAttribute('data-call-id'))!, start: Number(await first.getAttribute('data-start-line')), end: Number(await first.getAttribute('data-end-line')) };
    const n = Number(await first.getAttribute('data-n'));
    const citation = expected.citations.find((c) => c.n === n)!;
    await first.click();
    await page.locator('#source-panel .line.is-cited').first().waitFor();

    expect(await highlighted(page)).toEqual(await server.lineNumbers(cited.callId, cited.start, cited.end));
    expect(cited).toEqual({ callId: citation.callId, start: citation.startLine, end: citation.endLine });
    await expect(page.locator('#source-title').innerText()).resolves.toBe(citation.callTitle);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/calls/${cited.callId}`);
    expect(url.hash).toBe(cited.start === cited.end ? `#L${cited.start}` : `#L${cited.start}-L${cited.end}`);
    // The passage is scrolled into view and the quote is marked inside it.
    const inView = await page.locator('#source-panel .line.is-cited').first().evaluate((row) => {
      const body = document.getElementById('source-body')!.getBoundingClientRect();
      const r = row.getBoundingClientRect();
      return r.top >= body.top && r.bottom <= body.bottom;
    });
    expect(inView).toBe(true);
    await expect(page.locator('#source-panel .is-cited mark').first().innerText()).resolves.toBe(citation.quote);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('source-title');
    await page.screenshot({ path: path.join(OUTPUT, 'desktop-source.png') });

    // Escape closes the panel and gives focus back to the chip.
    await page.keyboard.press('Escape');
    await expect(page.locator('#source-panel').isHidden()).resolves.toBe(true);
    await expect(page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.n)).resolves.toBe(String(citation.n));
  }, 60_000);

  it('sends the earlier turns with a follow-up question', async () => {
    const page = await openPage('/');
    await askAndWait(page, PRICING);
    const firstAnswer = (await server.askJson({ question: PRICING })).answer;
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/ask'));
    await askAndWait(page, 'And what did the CFO say about it?');
    const body = (await sent).postDataJSON() as { question: string; messages: { role: string; content: string }[] };
    expect(body.messages).toEqual([
      { role: 'user', content: PRICING },
      { role: 'assistant', content: firstAnswer },
    ]);
    await expect(page.locator('.turn-assistant').last().locator('.searched').count()).resolves.toBeLessThanOrEqual(1);
  }, 60_000);

  it('shows "not covered" with the see-also passages, which open like citations', async () => {
    const expected = await server.askJson({ question: METAVERSE });
    expect(expected.answered).toBe(false);
    const page = await openPage('/');
    await askAndWait(page, METAVERSE);
    const turn = page.locator('.turn-assistant').last();
    await expect(turn.getAttribute('data-answered')).resolves.toBe('false');
    await expect(turn.locator('.answer-text').innerText()).resolves.toBe(expected.answer);
    await page.screenshot({ path: path.join(OUTPUT, 'desktop-not-covered.png') });
    const seeAlso = turn.locator('.see-also .citation');
    await expect(seeAlso.count()).resolves.toBe(expected.seeAlso.length);
    await seeAlso.first().click();
    await page.locator('#source-panel .line.is-cited').first().waitFor();
    const s = expected.seeAlso[0];
    expect(await highlighted(page)).toEqual(await server.lineNumbers(s.callId, s.startLine, s.endLine));
  }, 60_000);

  it('filters by call: every citation comes from the selected call', async () => {
    const page = await openPage('/');
    const { calls } = (await (await fetch(`${server.origin}/v1/calls`)).json()) as { calls: { id: string; title: string }[] };
    const chosen = calls.find((c) => c.title.includes('Q4 FY2023'))!;
    await page.locator('#filters summary').click();
    await page.getByLabel(chosen.title).check();
    await page.locator('input[name=role][value=management]').check();
    await expect(page.locator('#filter-summary').innerText()).resolves.toContain(chosen.title);
    // Opening the filters lists the speakers of the chosen call for the speaker box.
    await page.locator('#speaker-names option').first().waitFor({ state: 'attached' });
    await page.screenshot({ path: path.join(OUTPUT, 'desktop-filters.png') });
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/ask'));
    await askAndWait(page, PRICING);
    expect((await sent).postDataJSON().filters).toEqual({ callIds: [chosen.id], roles: ['management'] });
    const callIds = await page.locator('.turn-assistant .cite').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.callId));
    expect(callIds.length).toBeGreaterThan(0);
    expect(new Set(callIds)).toEqual(new Set([chosen.id]));
  }, 60_000);

  it('opens a shared passage URL with those lines highlighted', async () => {
    const { calls } = (await (await fetch(`${server.origin}/v1/calls`)).json()) as { calls: { id: string; title: string }[] };
    const page = await openPage(`/calls/${calls[0].id}#L20-L22`);
    await page.locator('#source-panel .line.is-cited').first().waitFor();
    expect(await highlighted(page)).toEqual(await server.lineNumbers(calls[0].id, 20, 22));
    expect(await highlighted(page)).toEqual([20, 22]);
    await expect(page.locator('#source-title').innerText()).resolves.toBe(calls[0].title);
  }, 60_000);

  it('fits a phone screen: the transcript becomes a full-width overlay', async () => {
    const page = await openPage('/', PHONE);
    await askAndWait(page, PRICING);
    await page.screenshot({ path: path.join(OUTPUT, 'phone-answer.png') });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await page.locator('.turn-assistant .cite').first().click();
    await page.locator('#source-panel .line.is-cited').first().waitFor();
    const box = await page.locator('#source-panel').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    await page.screenshot({ path: path.join(OUTPUT, 'phone-source.png') });
    // The chat under the overlay is out of the tab order until the panel closes.
    await expect(page.locator('#chat').evaluate((el) => (el as HTMLElement).inert)).resolves.toBe(true);
    await page.locator('#close-source').click();
    await expect(page.locator('#source-panel').isHidden()).resolves.toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('#chat').evaluate((el) => (el as HTMLElement).inert)).resolves.toBe(false);
    await expect(page.evaluate(() => (document.activeElement as HTMLElement | null)?.classList.contains('cite'))).resolves.toBe(true);
  }, 60_000);

  it('made no request off the server and logged no errors (CSP violations included)', () => {
    expect(requested.length).toBeGreaterThan(10);
    const offOrigin = requested.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:'));
    expect(offOrigin).toEqual([]);
    expect(problems).toEqual([]);
  });
});
