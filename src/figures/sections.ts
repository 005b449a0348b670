/** Heading markers by depth: 一、 / (三) / 2. or 2、 */
const HEADING_MARKERS: readonly RegExp[] = [
  /^[一二三四五六七八九十]{1,3}[、.．]/,
  /^[(（][一二三四五六七八九十]{1,3}[)）]/,
  /^\d{1,2}(?:[.．、](?!\d)|[)）])/,
];

/** Headings longer than this are a paragraph that opens with a marker; its first clause is the heading. */
const HEADING_MAX = 40;

interface Heading {
  depth: number;
  text: string;
}

/** `(一)加强党的领导,持续争先创优。坚持…` → depth 1, text `(一)加强党的领导`. */
function headingOf(line: string): Heading | null {
  const depth = HEADING_MARKERS.findIndex((marker) => marker.test(line));
  if (depth < 0) return null;
  const firstSentence = line.split(/[。;；:：]/)[0] ?? line;
  const head = firstSentence.length <= HEADING_MAX ? firstSentence : firstSentence.split(/[,，]/)[0] ?? firstSentence;
  return { depth, text: head.slice(0, HEADING_MAX).trim() };
}

/** Tracks the heading path as lines go by. */
export class SectionTracker {
  private readonly path: (string | undefined)[] = [];

  /** Feeds one line; returns the line's heading, if it is one. */
  see(line: string): Heading | null {
    const heading = headingOf(line);
    if (heading) {
      this.path[heading.depth] = heading.text;
      this.path.length = heading.depth + 1;
    }
    return heading;
  }

  get section(): string {
    return this.path.filter((part): part is string => part !== undefined).join(' / ');
  }
}
