import type { Figure } from '../core/types';
import { normalizeText } from '../extract/normalize';
import { figuresInLine } from './prose';
import { SectionTracker } from './sections';
import { cellPerLineFigures, isTableLine, tableFigures } from './tables';

/**
 * Every numeric fact in a report text: counts, money, percentages, areas, durations, in prose
 * (Arabic or Chinese numerals, 万/亿 applied, 余/多/约 marked approximate) and in tables (labelled
 * by row and column). Dates, years, document numbers, phone numbers, ordinals and names are left out.
 * Accepts display or normalised text, traditional or simplified: it is normalised first, so
 * labels read the same for every rendering.
 */
export function extractFigures(text: string): Figure[] {
  const lines = normalizeText(text).split('\n');
  const cellPerLine = cellPerLineFigures(lines);
  const rowsAt = new Map<number, Omit<(typeof cellPerLine.figures)[number], 'at'>[]>();
  for (const { at, ...figure } of cellPerLine.figures) rowsAt.set(at, [...(rowsAt.get(at) ?? []), figure]);
  const figures: Figure[] = [];
  const sections = new SectionTracker();
  let table: string[] = [];
  const flushTable = () => {
    for (const figure of tableFigures(table)) figures.push({ ...figure, approx: false, section: sections.section });
    table = [];
  };
  lines.forEach((line, index) => {
    if (isTableLine(line)) {
      table.push(line);
      return;
    }
    flushTable();
    for (const figure of rowsAt.get(index) ?? []) figures.push({ ...figure, approx: false, section: sections.section });
    if (cellPerLine.consumed.has(index)) return;
    sections.see(line);
    for (const figure of figuresInLine(line)) figures.push({ ...figure, section: sections.section });
  });
  flushTable();
  return figures;
}
