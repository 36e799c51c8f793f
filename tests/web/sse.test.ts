import { describe, expect, it } from 'vitest';
import { readSse, SseParser } from '../../server/web/src/answers/sse.ts';

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

async function collect(stream: ReadableStream<Uint8Array>) {
  const events = [];
  for await (const event of readSse(stream)) events.push(event);
  return events;
}

describe('readSse', () => {
  it('reads named events with JSON data, split anywhere across chunks', async () => {
    const body = 'event: token\ndata: {"text":"Hel"}\n\nevent: token\ndata: {"text":"lo"}\n\nevent: done\ndata: {"answer":"Hello"}\n\n';
    const chunks = body.match(/.{1,7}/gs)!;
    expect(await collect(streamOf(...chunks))).toEqual([
      { event: 'token', data: '{"text":"Hel"}' },
      { event: 'token', data: '{"text":"lo"}' },
      { event: 'done', data: '{"answer":"Hello"}' },
    ]);
  });

  it('keeps multi-byte characters whole when a chunk ends inside one', async () => {
    const bytes = new TextEncoder().encode('data: café — ✓\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(Uint8Array.of(b));
        c.close();
      },
    });
    expect(await collect(stream)).toEqual([{ event: 'message', data: 'café — ✓' }]);
  });

  it('delivers a last event the server did not terminate with a blank line', async () => {
    expect(await collect(streamOf('event: done\ndata: {}'))).toEqual([{ event: 'done', data: '{}' }]);
  });
});

describe('SseParser', () => {
  it('joins data lines, skips comments and fields it does not know, accepts CRLF and CR', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\r\nid: 7\r\nevent: citations\r\ndata: a\r\ndata:b\r\n\r\n')).toEqual([{ event: 'citations', data: 'a\nb' }]);
    expect(parser.push('data: x\r\rdata: y\n\n')).toEqual([
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('does not end an event at a CR that may be the first half of a CRLF', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([{ event: 'message', data: 'a' }]);
  });

  it('ignores events without data (an event name alone dispatches nothing)', () => {
    expect(new SseParser().push('event: ping\n\n')).toEqual([]);
  });
});
