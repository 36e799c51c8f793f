// A made-up call whose speakers say things that look like markup: bracketed numbers, a markdown
// link, Slack control sequences. Ingested for real into a temporary index.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { ingestIntoTemp } from '../../support/seed-index.ts';
import { openTestIndex } from '../support/test-app.ts';

export const HOSTILE_TRANSCRIPT = `Northwind Fabrication – Quarterly Review

Dana Quill: Welcome everyone to the quarterly review of the fabrication business.
Dana Quill: Revenue for the quarter was 41 million dollars, as shown on slide [2] of the deck, with the details in footnote [1] and [3, 4].
Omar Fielding: What drove the margin change on the zebra line?
Dana Quill: The zebra line margin improved on lower freight costs, see [the zebra deck](https://evil.example/phish) for the breakdown, and ping <!channel> or <@U0ADMIN> & the team with questions.
Omar Fielding: Thanks, that is clear.
`;

let built: Promise<OpenIndex> | undefined;

export function hostileIndex(): Promise<OpenIndex> {
  built ??= (async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tqa-hostile-'));
    await mkdir(path.join(root, 'calls'));
    await writeFile(path.join(root, 'calls', 'northwind-review.txt'), HOSTILE_TRANSCRIPT);
    return openTestIndex(await ingestIntoTemp([path.join(root, 'calls')], 'tqa-hostile-'));
  })();
  return built;
}
