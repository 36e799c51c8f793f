// A seeded generator of hostile requests: valid shapes with mutated fields, wrong types, huge and
// odd strings, deep JSON, bad content types, bad percent-encoding, unknown methods, and raw bytes
// that are not HTTP at all. Same seed, same requests.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percent-encodes, lone surrogates included (as raw bytes no URL library would produce). */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

export type FuzzRequest =
  | { kind: 'http'; method: string; path: string; headers: Record<string, string>; body?: string }
  | { kind: 'raw'; bytes: string };

const QUESTIONS = [
  'What was revenue in Q1 fiscal 2024?',
  'and the CFO?',
  'What did analysts ask about guidance?',
  'slide [2] footnote [1]',
  'Who is <!channel> <@U123> [link](https://evil.example)?',
  'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  '\u0000\u0001\u202e\ud800',
  "'; DROP TABLE calls; --",
  '../../etc/passwd',
  '%00%2e%2e%2f',
];

export function createFuzzer(seed: number, callIds: readonly string[]) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => rnd() < p;

  function text(): string {
    switch (int(8)) {
      case 0:
        return '';
      case 1:
        return 'x'.repeat(pick([1999, 2000, 2001, 8001, 40_000]));
      case 2:
        return Array.from({ length: int(40) }, () => String.fromCharCode(int(0xffff))).join('');
      case 3:
        return `${pick(QUESTIONS)} ${pick(QUESTIONS)}`;
      default:
        return pick(QUESTIONS);
    }
  }

  function value(depth = 0): unknown {
    switch (int(depth > 3 ? 5 : 8)) {
      case 0:
        return null;
      case 1:
        return chance(0.5) ? int(1000) - 500 : rnd() * 1e308;
      case 2:
        return chance(0.5);
      case 3:
      case 4:
        return text();
      case 5:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['question', 'k', 'filters', 'messages', '__proto__', 'constructor', 'role', 'content', 'x']), value(depth + 1)]));
    }
  }

  const maybe = <T>(v: T, p = 0.8): T | unknown => (chance(p) ? v : value());

  function filters(): unknown {
    return maybe({
      callIds: maybe([pick(callIds), 'no-such-call', text()]),
      speakers: maybe([pick(['Tim Wan', 'Dana', text()])]),
      roles: maybe([pick(['management', 'analyst', 'operator', 'other', 'ceo'])]),
      sections: maybe([pick(['prepared', 'qa', 'intro'])]),
    });
  }

  function messages(): unknown {
    return Array.from({ length: pick([0, 1, 2, 5, 21, 60]) }, () => maybe({ role: pick(['user', 'assistant', 'system', 'tool', 'bogus']), content: maybe(text()) }));
  }

  function body(path: string): unknown {
    if (path === '/v1/search') return { query: maybe(text()), k: maybe(pick([1, 8, 50, 51, 0, -1, 2.5])), filters: filters() };
    if (path === '/v1/ask') return { question: maybe(text()), k: maybe(pick([1, 8, 50, 99])), filters: filters(), messages: maybe(messages(), 0.5), stream: maybe(chance(0.2), 0.9) };
    if (path === '/v1/chat/completions') {
      const msgs = messages() as unknown[];
      msgs.push(maybe({ role: 'user', content: maybe(chance(0.5) ? text() : [{ type: 'text', text: text() }, { type: 'image_url' }]) }));
      return { model: maybe('transcript-qa'), messages: maybe(msgs), stream: maybe(chance(0.2), 0.9), temperature: maybe(0.2) };
    }
    return value();
  }

  const deepJson = () => {
    const n = pick([31, 40, 5000]);
    return `${'['.repeat(n)}${']'.repeat(n)}`;
  };

  function rawBytes(): string {
    switch (int(9)) {
      case 0:
        return 'GARBAGE\r\n\r\n';
      case 1:
        return `FOO /v1/ask HTTP/1.1\r\nHost: x\r\n\r\n`;
      case 2:
        return `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`;
      case 3:
        return `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`;
      case 4:
        return `POST /v1/ask HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`;
      case 5:
        return `POST /v1/ask HTTP/1.1\r\nHost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`;
      case 6:
        return `GET /v1/calls/%${pick(['', 'G', 'E0%A4%A', 'zz'])}/lines HTTP/1.1\r\nHost: x\r\n\r\n`;
      case 7:
        return `GET /healthz HTTP/1.1\r\n\r\n`;
      default:
        return `POST /v1/search HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: -1\r\n\r\n`;
    }
  }

  const ID_PIECES = () => [pick(callIds), '%zz', '%E0%A4%A', 'a'.repeat(pick([99, 100, 101, 200, 201, 300])), '..%2F..%2Fetc', encode(text()).slice(0, 300), '%00'];

  return function next(): FuzzRequest {
    const roll = rnd();
    if (roll < 0.05) return { kind: 'raw', bytes: rawBytes() };
    if (roll < 0.3) {
      const path = pick([
        `/v1/calls/${pick(ID_PIECES())}/lines${pick(['', '?from=1&to=5', '?from=0', '?from=9&to=3', '?to=99999', `?from=${encode(text().slice(0, 20))}`, '?from=1&from=2'])}`,
        `/calls/${pick(ID_PIECES())}`,
        '/v1/calls',
        '/v1/models',
        '/healthz',
        '/readyz',
        `/${encode(text()).slice(0, 500)}`,
        '/docs/json',
        '/v1/../v1/calls',
        '//v1//calls',
      ]);
      return { kind: 'http', method: pick(['GET', 'GET', 'GET', 'HEAD', 'DELETE', 'PUT', 'OPTIONS', 'PATCH']), path, headers: chance(0.1) ? { authorization: 'Bearer nope' } : {} };
    }
    const path = pick(['/v1/search', '/v1/ask', '/v1/ask', '/v1/chat/completions', '/v1/chat/completions', '/slack/events', '/slack/commands', '/v1/calls', '/v1/nope']);
    const contentType = pick(['application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']);
    let payload: string;
    const shape = rnd();
    if (shape < 0.05) payload = deepJson();
    else if (shape < 0.1) payload = '{"question": ';
    else if (shape < 0.13) payload = '';
    else if (shape < 0.15) payload = JSON.stringify({ question: 'x', __proto__: { polluted: true } }).replace('"question"', '"__proto__":{"a":1},"question"');
    else payload = JSON.stringify(body(path)) ?? 'null';
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    if (chance(0.1)) headers.accept = 'text/event-stream';
    return { kind: 'http', method: chance(0.95) ? 'POST' : pick(['PUT', 'GET']), path, headers, body: payload };
  };
}
