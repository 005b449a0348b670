import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/** A run of text on one baseline, in PDF units (origin bottom left). */
interface Line {
  text: string;
  /** Baseline. */
  y: number;
  left: number;
  right: number;
  size: number;
}

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/**
 * Chinese PDFs often use fonts that are not embedded (STSong-Light with UniGB-UCS2-H); pdf.js needs
 * the predefined CMaps to turn their codes into characters, and the standard font data for widths.
 * In Node these are read from disk, so plain paths (with the trailing separator pdf.js insists on) do.
 */
const CMAP_DIR = join(packageDir, 'cmaps') + sep;
const STANDARD_FONT_DIR = join(packageDir, 'standard_fonts') + sep;

const CJK_CHAR = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’、。《》〈〉【】—…·]/u;

/** Page numbers as Chinese government documents and office software print them. */
const PAGE_NUMBER = [
  /^[-—–－─\s]*\d{1,4}[-—–－─\s]*$/,
  /^第\s*\d+\s*页\s*(?:[,，/、]?\s*共\s*\d+\s*页)?$/,
  /^共\s*\d+\s*页\s*[,，/、]?\s*第\s*\d+\s*页$/,
  /^\d+\s*\/\s*\d+$/,
  /^page\s*\d+(?:\s*(?:of|\/)\s*\d+)?$/i,
];

/** Lines this close to either edge of the page text are where running headers, footers and page numbers sit. */
const EDGE_LINES = 2;

function isTextItem(item: object): item is TextItem {
  return 'str' in item;
}

/** Text items of one page grouped into lines, top to bottom. */
function linesOf(items: readonly TextItem[]): Line[] {
  const runs = items
    .filter((item) => item.str.trim() !== '')
    .map((item) => {
      const [a = 1, b = 0, c = 0, d = 1, x = 0, y = 0] = item.transform as number[];
      // The font size is the length of the text matrix's vertical axis; `height` is 0 for some fonts.
      const size = Math.hypot(c, d) || item.height || 1;
      const upright = a > 0 && d > 0 && Math.abs(b) < size * 0.01 && Math.abs(c) < size * 0.01;
      return { str: item.str, x, y, width: item.width, size, upright };
    })
    // Report text is set upright; turned text is a diagonal watermark (仅供查阅, the publisher's name) or a margin note.
    .filter((run) => run.upright)
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: (typeof runs)[] = [];
  for (const run of runs) {
    const group = groups.at(-1);
    // Half a character of vertical drift still reads as one line: sub- and superscripts, mixed fonts.
    if (group && Math.abs(group[0]!.y - run.y) < Math.min(group[0]!.size, run.size) / 2) group.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => {
    group.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    let previous: (typeof runs)[number] | null = null;
    for (const run of group) {
      // Some PDF writers fake bold by printing a run twice a fraction of a point apart (重影 titles).
      if (previous && previous.str === run.str && Math.abs(previous.x - run.x) < run.size * 0.2) continue;
      previous = run;
      const gap = run.x - end;
      const joinsCjk = CJK_CHAR.test(text.at(-1) ?? '') || CJK_CHAR.test(run.str[0] ?? '');
      // Words set as separate items need the space back; ideographs are never spaced.
      if (text && gap > run.size * 0.25 && !joinsCjk && !/\s$/.test(text) && !/^\s/.test(run.str)) text += ' ';
      text += run.str;
      end = run.x + run.width;
    }
    const size = Math.max(...group.map((run) => run.size));
    return { text: text.replace(/\s+/g, ' ').trim(), y: group[0]!.y, left: group[0]!.x, right: end, size };
  });
}

/** A header or footer line with its page-specific digits (第 3 页, 2024-03-01) blotted out. */
function furnitureKey(line: Line): string {
  return line.text.replace(/\s+/g, '').replace(/\d+/g, '#');
}

function edgeLines(page: readonly Line[]): Line[] {
  return page.length <= EDGE_LINES * 2 ? [...page] : [...page.slice(0, EDGE_LINES), ...page.slice(-EDGE_LINES)];
}

/**
 * Drops running headers and footers (a line at a page edge that recurs at the edge of at least half
 * the pages, and of two at least) and page numbers at page edges. Body lines are safe: repeating the
 * same sentence at the top of every other page is not something a report does.
 */
function withoutFurniture(pages: readonly Line[][]): Line[][] {
  const pagesWithText = pages.filter((page) => page.length > 0).length;
  const recurrence = new Map<string, number>();
  for (const page of pages) {
    for (const key of new Set(edgeLines(page).map(furnitureKey))) recurrence.set(key, (recurrence.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pagesWithText / 2));
  return pages.map((page) => {
    const edges = new Set(edgeLines(page));
    return page.filter((line) => {
      if (!edges.has(line)) return true;
      if ((recurrence.get(furnitureKey(line)) ?? 0) >= threshold) return false;
      return !PAGE_NUMBER.some((pattern) => pattern.test(line.text));
    });
  });
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** The value most lines share, to one unit: the text block's margin, not a centred heading's. */
function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(Math.round(value), (counts.get(Math.round(value)) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [value, count] of counts) if (count > bestCount) [best, bestCount] = [value, count];
  return best;
}

const HAN = /\p{Script=Han}/u;

/**
 * How wide, in ems, the start of a line is up to its first break opportunity: a Latin word or a
 * number with the ideograph and quotes glued to it (获“2021-2022, 个“关), or a single ideograph.
 * Line breakers push such a run to the next line whole, leaving the line above it short.
 */
function leadingRunEm(text: string): number {
  const chars = [...text];
  let em = 0;
  for (const [i, char] of chars.entries()) {
    if (char === ' ') break;
    em += CJK_CHAR.test(char) ? 1 : 0.55;
    const next = chars[i + 1] ?? '';
    // Between two ideographs a line may break; anything else sticks to its neighbour.
    if (HAN.test(char) && (HAN.test(next) || next === '' || next === ' ')) break;
  }
  return em;
}

/** Within a paragraph, a line break is only layout: ideographs join directly, Latin words with a space. */
function joinLines(previous: string, next: string): string {
  const needsSpace = !CJK_CHAR.test(previous.at(-1) ?? '') && !CJK_CHAR.test(next[0] ?? '');
  return previous + (needsSpace ? ' ' : '') + next;
}

/**
 * Lines → paragraphs. A PDF has no paragraphs, only positioned lines; a new one starts where a
 * reader sees it: a larger vertical gap, a first-line indent (or a centred heading), a change of
 * font size, or after a line that stops short of the right margin by more than the next line's
 * first word. A paragraph that runs over a page break is joined again, since page furniture has
 * been removed by then.
 */
function paragraphsOf(pages: readonly Line[][]): string[] {
  const lines = pages.flat();
  if (lines.length === 0) return [];
  const left = mode(lines.map((line) => line.left));
  // Not the widest line: one overlong URL or table row must not make every full line look short.
  const right = percentile(lines.map((line) => line.right), 0.9);
  const lineGap = median(pages.flatMap((page) => page.slice(1).map((line, i) => page[i]!.y - line.y)));
  const paragraphs: string[] = [];
  let current = '';
  let last: Line | null = null;
  for (const page of pages) {
    for (const [i, line] of page.entries()) {
      // Only lines on one page have a gap between them; across a page break the other signs decide.
      const gap = i > 0 ? page[i - 1]!.y - line.y : 0;
      const em = line.size;
      const breaks =
        last === null ||
        gap > lineGap * 1.4 ||
        line.left > left + em * 0.9 ||
        // Short only if the next line's first word would have fitted: else the line breaker wrapped it.
        right - last.right > (leadingRunEm(line.text) + 0.5) * em ||
        Math.abs(last.size - line.size) > 0.5;
      if (breaks) {
        if (current) paragraphs.push(current);
        current = line.text;
      } else {
        current = joinLines(current, line.text);
      }
      last = line;
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

/**
 * The text layer of a PDF as paragraphs separated by blank lines, without running headers,
 * footers and page numbers. Throws what pdf.js throws (password, broken file); the caller maps it.
 */
export async function pdfText(body: Buffer): Promise<string> {
  // Loaded on first use: pdf.js is large, and most processes that import extraction never read a PDF.
  // The legacy build runs in Node; there pdf.js sets up no Worker but imports its worker module
  // (pdf.worker.mjs, beside pdf.mjs) into this thread, so no workerSrc is configured.
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    // pdf.js refuses a Buffer and takes ownership of the array it is given (transferring it to its
    // worker): a copy keeps the caller's bytes intact.
    data: new Uint8Array(body),
    cMapUrl: CMAP_DIR,
    standardFontDataUrl: STANDARD_FONT_DIR,
    // Text only: no fonts are installed into a document, and no code is generated from the PDF's functions.
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    // Broken files are reported by the caller as a coded error; pdf.js's own console warnings add nothing.
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const pages: Line[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items.filter(isTextItem)));
      page.cleanup();
    }
    return paragraphsOf(withoutFurniture(pages)).join('\n\n');
  } finally {
    await task.destroy();
  }
}
