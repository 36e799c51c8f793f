import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../ingest/config.ts';
import { loadServerConfig } from '../../server/config.ts';

describe('server config', () => {
  it('has safe defaults for an empty environment', () => {
    const c = loadServerConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      LLM_PROVIDER: 'none',
      OPENAI_CHAT_MODEL: 'gpt-4o-mini',
      LLM_TIMEOUT_MS: 20_000,
      REQUEST_TIMEOUT_MS: 30_000,
      BODY_LIMIT_BYTES: 1_048_576,
      RATE_LIMIT_PER_MIN: 120,
      API_KEYS: [],
      SLACK_API_URL: 'https://slack.com/api/',
      TRUST_PROXY: false,
      // the shared ingest keys come along
      INDEX_DIR: 'data/index',
      EMBEDDER: 'local',
    });
  });

  it('derives LLM_PROVIDER=openai from an API key or a base URL, unless told otherwise', () => {
    expect(loadServerConfig({ OPENAI_API_KEY: 'sk-x' }).LLM_PROVIDER).toBe('openai');
    expect(loadServerConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' }).LLM_PROVIDER).toBe('openai');
    expect(loadServerConfig({ OPENAI_API_KEY: 'sk-x', LLM_PROVIDER: 'none' }).LLM_PROVIDER).toBe('none');
  });

  it('splits API_KEYS on commas and drops blanks', () => {
    expect(loadServerConfig({ API_KEYS: ' a , b,, ' }).API_KEYS).toEqual(['a', 'b']);
  });

  it('treats blank numbers as unset rather than zero', () => {
    expect(loadServerConfig({ RATE_LIMIT_PER_MIN: '', PORT: ' ' })).toMatchObject({ RATE_LIMIT_PER_MIN: 120, PORT: 3000 });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['RATE_LIMIT_PER_MIN', '-1'],
    ['BODY_LIMIT_BYTES', '1.5'],
    ['LOG_LEVEL', 'loud'],
    ['LLM_PROVIDER', 'anthropic'],
    ['SLACK_API_URL', 'not a url'],
    ['PUBLIC_BASE_URL', 'example'],
    ['TRUST_PROXY', 'yes'],
    ['CHUNK_MAX_TOKENS', '5'],
  ])('stops on a bad %s and names it', (name, value) => {
    expect(() => loadServerConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadServerConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: .*${JSON.stringify(value)}`));
  });

  it('refuses LLM_PROVIDER=openai with neither a key nor a base URL', () => {
    expect(() => loadServerConfig({ LLM_PROVIDER: 'openai' })).toThrow(/LLM_PROVIDER: openai needs OPENAI_API_KEY/);
  });
});
