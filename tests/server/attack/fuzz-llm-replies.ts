// Seeded misbehaving model replies for the fuzz suite's LLM half: real quotes of the sources
// mixed with inventions, markers that point nowhere or are malformed, markup, huge or empty text.
import { INVENTED_REPLY } from '../../support/fake-openai-server.ts';
import { mulberry32 } from './fuzz-requests.ts';

/** Words no seed transcript holds: none of them may ever reach an answer. */
export const INVENTED_WORDS = ['Moon', 'Zorblax', '9876.5'];

export function createReplyFuzzer(seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

  /** A sentence of source n as the prompt shows it, when there is one. */
  const sourceSentence = (prompt: string, n: number) => {
    const block = prompt.split(/\n\n(?=\[\d+\] )/).find((b) => b.startsWith(`[${n}] `));
    const sentences = block?.split('\n').slice(1).join(' ').match(/[^.!?]{20,200}[.!?]/g) ?? [];
    return sentences.length ? pick(sentences).trim() : undefined;
  };

  return function reply(body: any): string {
    const prompt: string = body?.messages?.map((m: { content: string }) => m.content).join('\n') ?? '';
    const real = sourceSentence(prompt, 1);
    const parts = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () =>
      pick([
        real ? `The speaker said "${real}" [1].` : 'Nothing here [1].',
        real ? `${real} [1][2]` : '[1]',
        INVENTED_REPLY,
        'Revenue was $9876.5 million [1].',
        'Zorblax Moon Holdings agreed [2, 99].',
        'See [0] and [99] and [Source 3] and 【1】 and [^1].',
        'As shown on slide [2], see [the deck](https://evil.example) <!channel> <@U1> &amp;',
        'NOT_COVERED',
        '',
        '   ',
        `${'lorem ipsum '.repeat(2_000)} [1].`,
        '\u202e\ud800 [1]',
        '1. First [1]\n2. Second [3]\n- third [2].',
      ]),
    );
    return parts.join(' ');
  };
}
