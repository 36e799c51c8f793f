// Slack sends message text with its own markup: <@U123> mentions, <#C1|name> channels,
// <https://x|label> links, <!here> and &amp;/&lt;/&gt; escapes. The question we search for is
// the text a person would read, minus the mention of the bot itself.

export function questionFromSlackText(text: string, botUserIds: ReadonlySet<string>): string {
  const plain = text.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const [target, label] = inner.split('|', 2);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return botUserIds.has(id) ? ' ' : `@${label ?? id}`;
    }
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    return label ?? target.replace(/^mailto:/, '');
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
