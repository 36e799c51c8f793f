// Call ids come from the file's relative path so re-ingesting the same tree gives the same ids.

/** The longest call id: well inside the server's path parameter limit. */
export const MAX_CALL_ID_LENGTH = 100;

/** '000_4ea6a2434226ac97.txt' → '000_4ea6a2434226ac97'; 'sub/dir/My Call.vtt' → 'sub-dir-my-call'. */
export function callIdFromPath(relativePath: string): string {
  const withoutExt = relativePath.replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const slug = withoutExt
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // é → e
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (!slug) return `call-${fnv1a(relativePath)}`;
  // Ids go into URLs (/v1/calls/:id/lines, /calls/:id): a deep path is cut and keeps a hash of
  // the whole path, so it stays distinct and stable and every id fits the router's limit.
  if (slug.length <= MAX_CALL_ID_LENGTH) return slug;
  return `${slug.slice(0, MAX_CALL_ID_LENGTH - 9).replace(/[-_]+$/, '')}-${fnv1a(relativePath)}`;
}

// A path with no usable characters (e.g. all CJK) still needs a stable, distinct id.
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
