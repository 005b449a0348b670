import type { AnyNode, CheerioAPI, Element } from 'cheerio';
import { countCjk } from './cjk';
import { elementsUnder, isElement } from './dom-text';
import { looksLikeFurniture } from './noise';

/** Classes and ids of the containers TRS, 开普云 (UCAP), 大汉 and similar CMSs put the article body in. */
const KNOWN_BODY_CLASSES = new Set([
  'TRS_Editor', 'TRS_UEDITOR', 'trs_editor_view', 'zoom', 'article-content', 'article_content', 'articleContent',
  'pages_content', 'article_con', 'con_text', 'wzy_content', 'xxgk_content', 'news_content', 'detail-content', 'content_text', 'content',
]);
const KNOWN_BODY_IDS = new Set(['zoom', 'Zoom', 'UCAP-CONTENT', 'fontzoom', 'content']);

function isKnownBody(element: Element): boolean {
  if (element.name === 'article') return true;
  const id = element.attribs['id'];
  if (id !== undefined && KNOWN_BODY_IDS.has(id)) return true;
  const classes = element.attribs['class'];
  return classes !== undefined && classes.split(/\s+/).some((name) => KNOWN_BODY_CLASSES.has(name));
}

/** A container must hold at least this many ideographs to count as a report body. */
export const MIN_BODY_CJK = 50;

/** Paragraph text that proves an element is content, however its class reads. */
const CONTENT_PARAGRAPH_CJK = 60;

function holdsContentParagraph(node: AnyNode): boolean {
  if (node.type === 'text') return countCjk(node.data) >= CONTENT_PARAGRAPH_CJK;
  return isElement(node) && node.children.some(holdsContentParagraph);
}

/** Removes navigation, share widgets, related lists and footers, unless one of them wraps the report itself. */
export function removeFurniture($: CheerioAPI): void {
  for (const element of elementsUnder($.root()[0]!)) {
    if (element.parent && looksLikeFurniture(element) && !holdsContentParagraph(element)) $(element).remove();
  }
}

function isInsideLink(node: AnyNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent.type === 'tag' && parent.name === 'a') return true;
  return false;
}

const INLINE = new Set(['span', 'font', 'b', 'strong', 'em', 'i', 'u', 'a', 'sup', 'sub', 'label', 'small', 'big']);

function blockAncestor(node: AnyNode): Element | null {
  let parent = node.parent;
  while (parent && parent.type === 'tag' && INLINE.has(parent.name)) parent = parent.parent;
  return parent && parent.type === 'tag' ? parent : null;
}

/**
 * Readability-style fallback for pages without a known container: each paragraph of prose
 * scores for its block and half for the block around it, so the element holding most
 * paragraphs wins over one long paragraph and over the page wrapper.
 */
function densestBlock($: CheerioAPI): Element | null {
  const scores = new Map<Element, number>();
  const visit = (node: AnyNode) => {
    if (node.type === 'text') {
      const n = countCjk(node.data);
      if (n < 8 || isInsideLink(node)) return;
      const block = blockAncestor(node);
      if (!block) return;
      scores.set(block, (scores.get(block) ?? 0) + n);
      const outer = block.parent && block.parent.type === 'tag' ? block.parent : null;
      if (outer) scores.set(outer, (scores.get(outer) ?? 0) + n / 2);
      return;
    }
    if (isElement(node) || node.type === 'root') for (const child of node.children) visit(child);
  };
  visit($.root()[0] as AnyNode);
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  return best;
}

function contains(outer: Element, inner: Element): boolean {
  for (let node: AnyNode | null = inner.parent; node; node = node.parent) if (node === outer) return true;
  return false;
}

/**
 * The element holding the report body: the known CMS container with the most text (the
 * innermost one when containers nest and hold nearly the same text), else the densest block.
 */
export function findBodyContainer($: CheerioAPI): Element | null {
  const known = elementsUnder($.root()[0]!)
    .filter(isKnownBody)
    .map((element) => ({ element, cjk: countCjk($(element).text()) }))
    .filter((candidate) => candidate.cjk >= MIN_BODY_CJK);
  if (known.length === 0) return densestBlock($);
  const most = Math.max(...known.map((candidate) => candidate.cjk));
  const strong = known.filter((candidate) => candidate.cjk >= most * 0.9);
  const innermost = strong.filter((candidate) => !strong.some((other) => other !== candidate && contains(candidate.element, other.element)));
  return innermost[0]?.element ?? null;
}
