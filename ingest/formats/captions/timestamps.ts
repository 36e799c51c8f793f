// Clock times as transcripts write them: `01:02:03.500` (VTT), `01:02:03,500` (SRT),
// `1:02:03`, `02:03` (speaker-colon exports). Returned in seconds.

const CLOCK = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

export function parseTimestamp(value: string): number | undefined {
  const m = CLOCK.exec(value.trim());
  if (!m) return undefined;
  const [, h, min, sec, frac] = m;
  const minutes = Number(min);
  const seconds = Number(sec);
  if (seconds >= 60 || (h !== undefined && minutes >= 60)) return undefined;
  // `.5` means half a second, `.500` too: scale the fraction by its own width.
  const fraction = frac ? Number(frac) / 10 ** frac.length : 0;
  return Number(h ?? 0) * 3600 + minutes * 60 + seconds + fraction;
}

/** A clock time somewhere inside a string (used for detection, not for parsing). */
export const CLOCK_IN_TEXT = /\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?/;
