/** Paragraphs at least this long are never repeated on purpose in a report. */
const DISTINCT_LENGTH = 30;

/** Both printings come from one page, so they differ at most in whitespace. */
function key(paragraph: string): string {
  return paragraph.replace(/\s+/g, '');
}

/**
 * Drops a second printing of the body (portals that render the article twice, once for
 * screen and once for print or a 专题 column): a long paragraph seen before, or a short one
 * that sits among such repeats, such as the section headings of the second copy.
 */
export function dropRepeatedParagraphs(paragraphs: readonly string[]): string[] {
  const seen = new Set<string>();
  const keys = paragraphs.map(key);
  const repeated = keys.map((k) => {
    const again = k.length > 0 && seen.has(k);
    seen.add(k);
    return again;
  });
  const longRepeat = repeated.map((again, i) => again && keys[i]!.length >= DISTINCT_LENGTH);
  const nearLongRepeat = (i: number) => {
    for (let j = i - 1; j >= 0 && repeated[j]; j--) if (longRepeat[j]) return true;
    for (let j = i + 1; j < paragraphs.length && repeated[j]; j++) if (longRepeat[j]) return true;
    return false;
  };
  return paragraphs.filter((_, i) => !repeated[i] || (!longRepeat[i] && !nearLongRepeat(i)));
}
