import type { FigureKind } from '../core/types';
import { stripOrdinal } from './label';

export interface CellFigure {
  label: string;
  value: number;
  unit: string;
  kind: FigureKind;
  sentence: string;
}

const NUMERIC_CELL = /^-?\d+(?:,\d{3})*(?:\.\d+)?%?$/;
/** A unit named in a header, e.g. 金额（万元） or 数量(件). */
const HEADER_UNIT = /[(（](万元|元|件|人次|人|个|项|%)[)）]\s*$/;

/** Rows are rendered `a | b | c`; normalisation may have dropped the spaces next to CJK cells. */
const CELL_SEPARATOR = /\s*\|\s*/;

export function isTableLine(line: string): boolean {
  return line.includes('|');
}

function cellsOf(line: string): string[] {
  return line.split(CELL_SEPARATOR);
}

function parseCell(cell: string): { value: number; percent: boolean } | null {
  if (!NUMERIC_CELL.test(cell)) return null;
  return { value: Number(cell.replace(/[,%]/g, '')), percent: cell.endsWith('%') };
}

function distinctInOrder(parts: readonly string[]): string[] {
  const out: string[] = [];
  for (const part of parts) if (part && out[out.length - 1] !== part && !out.includes(part)) out.push(part);
  return out;
}

/**
 * Figures of a table given as `cell | cell | …` rows (spans already repeated into every slot).
 * Rows before the first numeric row are the header; each number is labelled by its row's text
 * cells and its column's header cells, e.g. 本年新收政府信息公开申请数量/自然人, so the label
 * survives rows or columns being added or moved.
 */
export function tableFigures(lines: readonly string[]): CellFigure[] {
  const rows = lines.map(cellsOf);
  const firstData = rows.findIndex((row) => row.some((cell) => parseCell(cell) !== null));
  if (firstData < 0) return [];
  const header = rows.slice(0, firstData);
  const numericColumns = new Set<number>();
  for (const row of rows.slice(firstData)) row.forEach((cell, c) => parseCell(cell) !== null && numericColumns.add(c));
  // A header cell over every numeric column (申请人情况) says nothing about any one of them.
  const spansAll = (text: string, r: number) => numericColumns.size > 1 && [...numericColumns].every((c) => header[r]![c] === text);
  const columnLabel = (c: number) =>
    distinctInOrder(header.map((row, r) => (row[c] && !spansAll(row[c]!, r) ? stripOrdinal(row[c]!) : ''))).join('/');
  const figures: CellFigure[] = [];
  for (const row of rows.slice(firstData)) {
    const rowLabel = distinctInOrder(row.filter((cell) => parseCell(cell) === null).map(stripOrdinal)).join('/');
    row.forEach((cell, c) => {
      const parsed = parseCell(cell);
      if (!parsed) return;
      const column = columnLabel(c);
      const label = [rowLabel, column].filter(Boolean).join('/');
      if (!label) return;
      const headerUnit = HEADER_UNIT.exec(column)?.[1] ?? HEADER_UNIT.exec(rowLabel)?.[1];
      const unit = parsed.percent ? '%' : headerUnit ?? '';
      figures.push({ label, value: parsed.value, unit, kind: unit === '%' ? 'percent' : unit.endsWith('元') ? 'money' : 'count', sentence: row.join(' | ') });
    });
  }
  return figures;
}

/** 自然人 … 总计: the columns of the national template for 政府信息公开工作年度报告, table 3. */
const APPLICANT_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

const BARE_NUMBER = /^-?\d+(?:\.\d+)?%?$/;

/**
 * The same table exported one cell per line, as some portals' text views print it: runs of
 * bare numbers are rows, the lines before a run are its row labels (kept as a path by their
 * ordinals, 三、 › (三) › 1.), and the header is the applicant columns when present, else the
 * short lines before the first row.
 */
export function cellPerLineFigures(lines: readonly string[]): { figures: (CellFigure & { at: number })[]; consumed: Set<number> } {
  const figures: (CellFigure & { at: number })[] = [];
  const consumed = new Set<number>();
  let i = 0;
  let header: string[] | null = null;
  const labelPath: string[] = [];
  let pending: number[] = [];
  while (i < lines.length) {
    if (!BARE_NUMBER.test(lines[i]!)) {
      pending.push(i);
      i++;
      continue;
    }
    const run: number[] = [];
    while (i < lines.length && BARE_NUMBER.test(lines[i]!)) run.push(i++);
    if (run.length < 2) {
      pending = [];
      continue;
    }
    const pendingLines = pending.map((p) => lines[p]!);
    if (!header) {
      const applicant = APPLICANT_COLUMNS.every((column) => pendingLines.includes(column));
      header = applicant && run.length === APPLICANT_COLUMNS.length ? APPLICANT_COLUMNS : null;
      if (!header) {
        pending = [];
        continue;
      }
      const lastHeader = pending.findIndex((p) => lines[p] === '总计');
      pending = pending.slice(lastHeader + 1);
    } else if (run.length !== header.length) {
      pending = [];
      continue;
    }
    for (const p of pending) {
      const text = lines[p]!;
      const depth = /^[一二三四五六七八九十]{1,3}、/.test(text) ? 0 : /^[(（]/.test(text) ? 1 : /^\d/.test(text) ? 2 : Math.max(labelPath.length - 1, 0);
      labelPath.length = depth;
      labelPath.push(stripOrdinal(text));
      consumed.add(p);
    }
    const rowLabel = labelPath.join('/');
    run.forEach((index, c) => {
      const parsed = lines[index]!;
      consumed.add(index);
      figures.push({ at: run[0]!, label: `${rowLabel}/${header![c]}`, value: Number(parsed.replace('%', '')), unit: parsed.endsWith('%') ? '%' : '', kind: parsed.endsWith('%') ? 'percent' : 'count', sentence: `${rowLabel} ${run.map((r) => lines[r]).join(' ')}` });
    });
    pending = [];
  }
  return { figures, consumed };
}
