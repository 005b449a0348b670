import type { AnyNode, Element } from 'cheerio';

/** Tags whose content a reader never sees. */
const INVISIBLE = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'select',
  'option', 'button', 'input', 'textarea', 'head', 'map', 'audio', 'video', 'title', 'meta', 'link',
]);

const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section',
  'article', 'main', 'aside', 'header', 'footer', 'nav', 'blockquote', 'pre', 'hr', 'form', 'center',
  'address', 'figure', 'figcaption', 'table', 'caption', 'fieldset', 'body', 'html',
]);

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isHidden(element: Element): boolean {
  const style = element.attribs['style'];
  return element.attribs['hidden'] !== undefined || (style !== undefined && HIDDEN_STYLE.test(style));
}

function cellText(cell: Element): string {
  const parts: string[] = [];
  for (const child of cell.children) collect(child, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function spanOf(cell: Element, attribute: 'rowspan' | 'colspan'): number {
  const n = Number.parseInt(cell.attribs[attribute] ?? '1', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, 50) : 1;
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') rows.push(child);
      // A nested table is a layout table inside a cell; its rows belong to that cell.
      else if (child.name !== 'table') visit(child);
    }
  };
  visit(table);
  return rows;
}

/**
 * A table as lines of `cell | cell | …`, with row- and column-spans repeated into every
 * slot they cover, so that each line has the same columns as the header above it.
 */
function renderTable(table: Element, parts: string[]): void {
  const grid: string[][] = [];
  rowsOf(table).forEach((row, r) => {
    const line = (grid[r] ??= []);
    let c = 0;
    for (const cell of row.children) {
      if (!isElement(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
      while (line[c] !== undefined) c++;
      const text = cellText(cell);
      const rowspan = spanOf(cell, 'rowspan');
      const colspan = spanOf(cell, 'colspan');
      for (let dr = 0; dr < rowspan; dr++) {
        const target = (grid[r + dr] ??= []);
        for (let dc = 0; dc < colspan; dc++) target[c + dc] = text;
      }
      c += colspan;
    }
  });
  parts.push('\n');
  for (const line of grid) {
    const cells = Array.from(line, (cell) => cell ?? '');
    if (cells.some((cell) => cell !== '')) parts.push(cells.join(' | '), '\n');
  }
}

function collect(node: AnyNode, parts: string[]): void {
  if (node.type === 'text') {
    // Line breaks in the HTML source are layout, like spaces; only elements break lines.
    parts.push(node.data.replace(/[\r\n]+/g, ' '));
    return;
  }
  if (node.type === 'root') {
    for (const child of node.children) collect(child, parts);
    return;
  }
  if (!isElement(node) || INVISIBLE.has(node.name) || isHidden(node)) return;
  if (node.name === 'table') {
    renderTable(node, parts);
    return;
  }
  const block = BLOCK.has(node.name);
  if (block) parts.push('\n');
  for (const child of node.children) collect(child, parts);
  if (block) parts.push('\n');
}

/** What a reader sees in a node, as trimmed non-empty lines: blocks on their own lines, table rows as `a | b | c`. */
export function renderLines(node: AnyNode): string[] {
  const parts: string[] = [];
  collect(node, parts);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0\u2000-\u200b\u3000\ufeff]+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

/** Every element under a node in document order; one walk instead of a CSS engine pass per question. */
export function elementsUnder(node: AnyNode): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (isElement(current)) out.push(current);
    if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return out;
}
