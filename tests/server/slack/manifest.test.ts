import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

// The manifest is what an operator pastes into Slack: it must ask for exactly the scopes the bot
// needs and point at the routes the server really has.
const manifest = await readFile(new URL('../../../server/slack/slack-app-manifest.yaml', import.meta.url), 'utf8');

describe('slack-app-manifest.yaml', () => {
  it('asks for the five bot scopes and nothing else', () => {
    const scopes = /bot:\n((?:\s+- [\w:.]+\n)+)/.exec(manifest)?.[1].match(/[\w:.]+(?=\n)/g);
    expect(scopes?.sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'im:history', 'reactions:write']);
  });

  it('points events, /ask and interactivity at the server routes, and subscribes to mentions and DMs', () => {
    expect(manifest).toMatch(/event_subscriptions:\n\s+request_url: https:\/\/[^\s]+\/slack\/events\n/);
    expect(manifest).toMatch(/command: \/ask\n\s+url: https:\/\/[^\s]+\/slack\/commands\n/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/[^\s]+\/slack\/interactivity\n/);
    expect(manifest).toMatch(/bot_events:\n\s+- app_mention\n\s+- message\.im\n/);
  });
});
