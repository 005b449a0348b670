import { parseDate } from './dates';

export interface LabelledFields {
  publisher: string | null;
  date: string | null;
  indexNo: string | null;
  docNo: string | null;
  category: string | null;
}

type Field = keyof LabelledFields;

/** Labels per field, most specific first: 发布机构 names the publisher more surely than a bare 来源. */
const LABELS: Record<Field, readonly string[]> = {
  publisher: ['发布机构', '发文机构', '制发机构', '发布单位', '信息来源', '文章来源', '来源'],
  date: ['发布日期', '发布时间', '公开日期', '发文日期', '成文日期', '生成日期'],
  indexNo: ['索引号'],
  docNo: ['发文字号', '文号'],
  category: ['组配分类', '主题分类'],
};

/** Other labels that end a value when several fields share one line. */
const STOP_LABELS = ['公开方式', '文件编码', '有效性', '公开范围', '访问量', '访问次数', '浏览次数', '点击数', '字体', '字号', '作者', '责任编辑', '编辑', '分享到'];

const FIELD_OF = new Map<string, Field>();
for (const [field, labels] of Object.entries(LABELS) as [Field, readonly string[]][]) for (const label of labels) FIELD_OF.set(label, field);

const ALL_LABELS = [...FIELD_OF.keys(), ...STOP_LABELS].sort((a, b) => b.length - a.length);
const LABEL = new RegExp(`(${ALL_LABELS.join('|')})\\s*([:：]|\\|)?`, 'g');

/** Metadata lines are short; a longer line is report text that happens to use a label word. */
const MAX_LINE = 160;

interface Occurrence {
  label: string;
  start: number;
  end: number;
  marked: boolean;
}

function occurrences(line: string): Occurrence[] {
  return [...line.matchAll(LABEL)].map((m) => ({ label: m[1] ?? '', start: m.index, end: m.index + m[0].length, marked: m[2] !== undefined }));
}

function cleanValue(raw: string): string | null {
  const value = raw.split('|')[0]?.replace(/^[\s:：]+/, '').replace(/[\s:：|]+$/, '').trim() ?? '';
  return value.length > 0 && value.length <= 80 ? value : null;
}

/**
 * Fields labelled on the page (来源：…, 发布日期：…, 索引号 | … in a metadata table).
 * A label counts when a colon or a table cell follows it, or, on a line holding several labels,
 * when it starts a field, as in `发布日期:2024-01-31 来源市政府各县区集约化`.
 */
export function labelledFields(lines: readonly string[]): LabelledFields {
  const found = new Map<string, string>();
  for (const line of lines) {
    if (line.length > MAX_LINE) continue;
    const marks = occurrences(line);
    marks.forEach((mark, i) => {
      if (!FIELD_OF.has(mark.label) || found.has(mark.label)) return;
      const startsField = mark.start === 0 || /[\s|]/.test(line[mark.start - 1] ?? '');
      if (!mark.marked && !(marks.length > 1 && startsField)) return;
      const value = cleanValue(line.slice(mark.end, marks[i + 1]?.start ?? line.length).replace(/^\s*\|/, ''));
      if (value) found.set(mark.label, value);
    });
  }
  const pick = (field: Field, accept: (value: string) => string | null = (v) => v) => {
    for (const label of LABELS[field]) {
      const value = found.get(label);
      const accepted = value === undefined ? null : accept(value);
      if (accepted) return accepted;
    }
    return null;
  };
  return {
    publisher: pick('publisher', (v) => (parseDate(v) && v.length < 25 ? null : v)),
    date: pick('date', parseDate),
    indexNo: pick('indexNo'),
    docNo: pick('docNo', (v) => (/^(无|-+|\/)$/.test(v) ? null : v)),
    category: pick('category'),
  };
}

const METADATA_LINE = new RegExp(`^(${ALL_LABELS.join('|')})\\s*([:：]|\\|)`);

/** A line of the metadata block (来源：… 发布日期：…) that some portals print inside the article container. */
export function isMetadataLine(line: string): boolean {
  return line.length <= MAX_LINE && METADATA_LINE.test(line);
}
