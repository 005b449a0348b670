import type { FigureChange, TextDiff } from '../../core/types';
import type { DigestInput, DigestItem } from '../compose';
import { STRINGS, type Locale, type Strings } from './strings';

/**
 * What a digest says, already capped, ordered and worded, so the text and HTML renderers
 * cannot drift apart in content: they only decide how it looks.
 */
export interface DigestView {
  locale: Locale;
  subject: string;
  heading: string;
  /** Shown instead of sections when the period brought no report. */
  empty: string | null;
  sections: SectionView[];
  alerts: { heading: string; lines: string[] } | null;
  sentTo: string;
  manage: { label: string; line: string; href: string | null } | null;
}

export interface SectionView {
  heading: string;
  reports: ReportView[];
}

export interface ReportView {
  title: string;
  url: string;
  /** Null unless the URL is http(s): a link taken from a portal page must not become `javascript:`. */
  href: string | null;
  meta: string;
  detail: DetailView | null;
}

export type DetailView =
  | { kind: 'figures'; heading: string; lines: string[]; more: string | null }
  | { kind: 'text'; heading: string; lines: DiffLine[]; more: string | null }
  | { kind: 'none'; note: string };

export interface DiffLine {
  sign: '+' | '-';
  text: string;
}

/** A reader scans figures; past this many a report was rewritten and the page itself is the better read. */
export const MAX_FIGURE_LINES = 20;
export const MAX_DIFF_LINES = 10;
/** Report paragraphs run to hundreds of characters; an excerpt only has to show where the change is. */
export const MAX_DIFF_LINE_CHARS = 120;
const MAX_ERROR_CHARS = 300;

export function buildView(input: DigestInput, locale: Locale): DigestView {
  const s = STRINGS[locale];
  const byTime = input.items.toSorted((a, b) => a.detectedAt.getTime() - b.detectedAt.getTime());
  const added = byTime.filter((item) => item.kind === 'new');
  const revised = byTime.filter((item) => item.kind === 'revised');
  const failing = input.failingPortals ?? [];
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });

  const sections: SectionView[] = [];
  if (added.length > 0) sections.push({ heading: s.newSection(added.length), reports: added.map((item) => reportView(item, s, number, false)) });
  if (revised.length > 0) sections.push({ heading: s.revisedSection(revised.length), reports: revised.map((item) => reportView(item, s, number, true)) });

  return {
    locale,
    subject: s.subject({ newCount: added.length, revisedCount: revised.length, failingCount: failing.length }, input.periodLabel),
    heading: s.heading(input.periodLabel),
    empty: sections.length === 0 ? s.nothingNew : null,
    sections,
    alerts:
      failing.length === 0
        ? null
        : {
            heading: s.failingSection(failing.length),
            lines: failing.map((p) => s.failing(p.portalName, p.consecutiveFailures, truncate(oneLine(p.lastError), MAX_ERROR_CHARS))),
          },
    sentTo: s.sentTo(input.subscriberEmail),
    manage: input.manageUrl ? { label: s.manage, line: s.field(s.manage, input.manageUrl), href: webHref(input.manageUrl) } : null,
  };
}

function reportView(item: DigestItem, s: Strings, number: Intl.NumberFormat, revised: boolean): ReportView {
  const { report } = item;
  const meta: Array<[string, string | number | null]> = [
    [s.portal, report.portalName],
    [s.publisher, report.publisher],
    [s.date, report.date],
    [s.type, report.typeName],
    [s.year, report.year],
  ];
  return {
    title: oneLine(report.title),
    url: oneLine(report.url),
    href: webHref(report.url),
    meta: meta
      .filter(([, value]) => value !== null && value !== '')
      .map(([label, value]) => s.field(label, oneLine(String(value))))
      .join(s.metaSeparator),
    detail: revised ? detailView(item, s, number) : null,
  };
}

function detailView(item: DigestItem, s: Strings, number: Intl.NumberFormat): DetailView {
  const figures = item.figureChanges ?? [];
  if (figures.length > 0) {
    const shown = figures.slice(0, MAX_FIGURE_LINES);
    return {
      kind: 'figures',
      heading: s.figureChanges(figures.length),
      lines: shown.map((change) => figureLine(change, figures, s, number)),
      more: figures.length > shown.length ? s.moreFigures(figures.length - shown.length) : null,
    };
  }
  const changed = item.textDiff ? changedLines(item.textDiff) : [];
  if (item.textDiff && changed.length > 0) {
    return {
      kind: 'text',
      heading: s.textChanges(item.textDiff.added, item.textDiff.removed),
      lines: changed.slice(0, MAX_DIFF_LINES).map((line) => ({ ...line, text: truncate(line.text, MAX_DIFF_LINE_CHARS) })),
      more: changed.length > MAX_DIFF_LINES ? s.moreLines(changed.length - MAX_DIFF_LINES) : null,
    };
  }
  return { kind: 'none', note: s.noDetail };
}

function figureLine(change: FigureChange, all: FigureChange[], s: Strings, number: Intl.NumberFormat): string {
  // The same label can stand in two sections (自然人 under 新收申请 and under 办理结果); only then is the section worth its space.
  const ambiguous = all.some((other) => other !== change && other.label === change.label && other.section !== change.section);
  const label = ambiguous && change.section ? s.qualified(change.label, change.section) : change.label;
  const value = (n: number | null) => (n === null ? '—' : `${number.format(n)}${change.unit}`);
  switch (change.change) {
    case 'added':
      return s.figureAdded(label, value(change.newValue));
    case 'removed':
      return s.figureRemoved(label, value(change.oldValue));
    case 'changed':
      return `${label} ${value(change.oldValue)} → ${value(change.newValue)}`;
  }
}

/** Changed lines of every hunk; blank ones are paragraph breaks and tell a reader nothing. */
function changedLines(diff: TextDiff): DiffLine[] {
  return diff.hunks
    .flatMap((hunk) => hunk.split('\n'))
    .filter((line) => (line.startsWith('+') || line.startsWith('-')) && line.slice(1).trim() !== '')
    .map((line) => ({ sign: line[0] as '+' | '-', text: line.slice(1).trim() }));
}

function webHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Values come from web pages; a line break in one would forge a line of the plain-text mail. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Counts code points, so a cut never splits a surrogate pair. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
