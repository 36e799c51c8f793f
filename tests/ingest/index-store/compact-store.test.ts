import { mkdtemp, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callLines } from '../../../ingest/call-document.ts';
import { chunkMeta } from '../../../ingest/chunk-fields.ts';
import { FILES } from '../../../ingest/index-store/generations/layout.ts';
import { callBlock } from '../../../ingest/index-store/chunk-store/call-block.ts';
import { openStore, readStore } from '../../../ingest/index-store/chunk-store/store-reader.ts';
import { StoreWriter } from '../../../ingest/index-store/chunk-store/store-writer.ts';
import type { IndexData } from '../../../ingest/index-store/types.ts';
import { plainCall, plainChunk, syntheticIndexData } from './synthetic-index.ts';

async function write(dir: string, data: Pick<IndexData, 'calls' | 'chunks'>): Promise<void> {
  const store = await StoreWriter.begin(dir, { keepDocs: true });
  for (const doc of data.calls) await store.addCall(doc);
  for (const chunk of data.chunks) await store.addChunk(chunk);
  await store.finish();
}

/** Each call followed by its chunks, as an ingest writes them (parts-writer.ts); `copy(i)` copies call i instead, when given. */
async function writeByCall(dir: string, data: Pick<IndexData, 'calls' | 'chunks'>, copy?: (store: StoreWriter, i: number) => Promise<boolean>): Promise<void> {
  const store = await StoreWriter.begin(dir);
  for (const [i, doc] of data.calls.entries()) {
    if (await copy?.(store, i)) continue;
    await store.addCall(doc);
    for (const chunk of data.chunks) if (chunk.callId === doc.call.id) await store.addChunk(chunk);
  }
  await store.finish();
}

const storeFiles = (dir: string) => Promise.all([FILES.store, FILES.storeDirectory, FILES.text].map((f) => readFile(join(dir, f))));

async function roundTrip(data: Pick<IndexData, 'calls' | 'chunks'>, recentTextChars?: number) {
  const dir = await mkdtemp(join(tmpdir(), 'compact-store-'));
  try {
    await write(dir, data);
    return await readStore(dir, undefined, recentTextChars);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('compact store', () => {
  it('rebuilds chunks and calls exactly from columns and text', async () => {
    const data = syntheticIndexData({ calls: 3, chunksPerCall: 5, dim: 4 });
    const read = await roundTrip(data);
    expect(read.chunks.map(plainChunk)).toEqual(data.chunks);
    expect(read.calls.map(plainCall)).toEqual(data.calls);
  });

  it('keeps fields that do not follow the rules as they are', async () => {
    const data = syntheticIndexData({ calls: 1, chunksPerCall: 6, dim: 4 });
    const c = data.chunks;
    c[0] = { ...c[0], text: 'Edited text.', embedText: 'Header\nEdited text.' };
    c[1] = { ...c[1], embedText: 'An embed text that does not end with the chunk text' };
    c[2] = { ...c[2], lines: [999], id: 'custom-id', turnId: 'custom-turn' };
    c[3] = { ...c[3], turns: [{ turnId: 'x:t1', from: 0, speaker: 'Ann', role: 'analyst', firm: 'Acme' }], title: 'CFO', firm: 'Acme' };
    c[4] = { ...c[4], startTime: 1.5, endTime: 3, times: [{ startTime: 1.5, endTime: 3 }] };
    const turn = data.calls[0].turns[5];
    data.calls[0].turns[5] = { ...turn, id: 'odd-id', paragraphs: [{ ...turn.paragraphs[0], startTime: 7, endTime: 9 }], firm: 'Acme', answersTurnId: 'call_000:t4' };
    const read = await roundTrip(data);
    expect(read.chunks.map(plainChunk)).toEqual(data.chunks);
    expect(read.calls.map(plainCall)).toEqual(data.calls);
  });

  it("keeps a chunk's fields as getters, which chunkMeta copies and a spread does not", async () => {
    const data = syntheticIndexData({ calls: 1, chunksPerCall: 3, dim: 4 });
    data.chunks[1] = { ...data.chunks[1], title: 'CFO', startTime: 2 };
    const read = await roundTrip(data);
    expect(Object.keys(read.chunks[1])).toEqual([]);
    const { text: _, embedText: __, ...meta } = data.chunks[1];
    expect(chunkMeta(read.chunks[1])).toEqual(meta);
  });

  it('reads texts longer than its scratch buffer, and non-ASCII text, exactly', async () => {
    const data = syntheticIndexData({ calls: 1, chunksPerCall: 2, dim: 4 });
    const turn = data.calls[0].turns[1];
    const long = `Über ${'naïve café — '.repeat(8_000)}end.`;
    const turns = data.calls[0].turns.map((t) => (t === turn ? { ...turn, paragraphs: [{ ...turn.paragraphs[0], text: long }] } : t));
    data.calls[0] = { ...data.calls[0], turns, lines: callLines(turns) };
    data.chunks[1] = { ...data.chunks[1], text: long, embedText: `Header\n\n${long}` };
    const read = await roundTrip(data);
    expect(read.chunks[1].text).toBe(long);
    expect(read.chunks[1].embedText).toBe(`Header\n\n${long}`);
    expect(read.calls[0].lines.find((l) => l.n === turn.paragraphs[0].line)?.text).toBe(long);
  });

  it('gives the same chunk texts read again, kept or dropped from the recent ones', async () => {
    const data = syntheticIndexData({ calls: 3, chunksPerCall: 5, dim: 4 });
    const texts = data.chunks.map((c) => c.text);
    for (const budget of [0, 60, 400, 1_000_000]) {
      const read = await roundTrip(data, budget);
      const order = [...texts.keys(), ...[...texts.keys()].reverse(), 3, 3, 7, 0, 14, 3];
      expect(order.map((o) => read.chunks[o].text)).toEqual(order.map((o) => texts[o]));
    }
  });

  it('refuses a text file that does not hold the text its store refers to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compact-store-'));
    try {
      await write(dir, syntheticIndexData({ calls: 1, chunksPerCall: 2, dim: 4 }));
      await truncate(join(dir, FILES.text), 10);
      await expect(readStore(dir)).rejects.toMatchObject({ code: 'corrupt' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('copies a call of another store as it lies: the same files as writing it again, overrides and all', async () => {
    const data = syntheticIndexData({ calls: 4, chunksPerCall: 5, dim: 4 });
    const c = data.chunks;
    c[6] = { ...c[6], text: 'Edited text.', embedText: 'Header\nEdited text.' };
    c[7] = { ...c[7], embedText: 'An embed text that does not end with the chunk text' };
    c[8] = { ...c[8], lines: [999], title: 'CFO', firm: 'Acme', startTime: 3 };
    const turn = data.calls[1].turns[2];
    data.calls[1].turns[2] = { ...turn, id: 'odd-id', firm: 'Acme', answersTurnId: 'call_001:t1' };
    const [from, copied, written] = await Promise.all([0, 1, 2].map(() => mkdtemp(join(tmpdir(), 'compact-store-'))));
    try {
      await writeByCall(from, data);
      const store = await openStore(from);
      const firstTurns = [0, 5, 10, 15];
      // Calls 0, 1 and 3 copied, call 2 written field by field between them.
      await writeByCall(copied, data, async (writer, i) => {
        if (i === 2) return false;
        const block = callBlock(store, i, firstTurns[i], 5 * i);
        expect(block, `call ${i}`).toBeDefined();
        await writer.copyCall(store, block!);
        return true;
      });
      await writeByCall(written, data);
      const [a, b] = await Promise.all([storeFiles(copied), storeFiles(written)]);
      a.forEach((bytes, i) => expect(bytes.equals(b[i]), [FILES.store, FILES.storeDirectory, FILES.text][i]).toBe(true));
      const read = await readStore(copied);
      expect(read.chunks.map(plainChunk)).toEqual(data.chunks);
      expect(read.calls.map(plainCall)).toEqual(data.calls);
    } finally {
      await Promise.all([from, copied, written].map((d) => rm(d, { recursive: true, force: true })));
    }
  });

  it('copies no call of a store written with every call before every chunk (its text is not one block)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compact-store-'));
    try {
      await write(dir, syntheticIndexData({ calls: 3, chunksPerCall: 4, dim: 4 }));
      const store = await openStore(dir);
      expect([0, 1, 2].map((i) => callBlock(store, i, 4 * i, 4 * i))).toEqual([undefined, undefined, undefined]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
