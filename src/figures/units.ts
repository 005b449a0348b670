import type { FigureKind } from '../core/types';

/**
 * Units a report counts in. A number followed by anything else (年, 月, 号, 届, 版 …) is a date,
 * a document number, an ordinal or a name, not a figure.
 */
const UNITS_BY_KIND: Record<Exclude<FigureKind, 'ratio' | 'other' | 'percent' | 'percentage-point'>, readonly string[]> = {
  count: [
    '人次', '户次', '家次', '场次', '批次', '件次', '车次', '架次', '个', '件', '宗', '起', '项', '名', '人', '位', '家', '户',
    '所', '场', '期', '份', '条', '处', '篇', '部', '台', '辆', '套', '张', '本', '册', '种', '类', '批', '支', '队', '轮',
    '座', '栋', '间', '瓶', '块', '面', '封', '盏', '例', '笔', '次', '遍', '节', '课时', '团', '组', '份次', '期次',
  ],
  money: ['元'],
  area: ['平方公里', '平方米', '亩', '公顷'],
  duration: ['个工作日', '工作日', '个小时', '小时', '分钟', '个月', '天', '年'],
};

const OTHER_UNITS = ['公里', '千米', '米', '吨', '千克', '公斤'];

const KIND_OF = new Map<string, FigureKind>();
for (const [kind, units] of Object.entries(UNITS_BY_KIND) as [FigureKind, readonly string[]][]) for (const unit of units) KIND_OF.set(unit, kind);
for (const unit of OTHER_UNITS) if (!KIND_OF.has(unit)) KIND_OF.set(unit, 'other');
KIND_OF.set('%', 'percent');
KIND_OF.set('个百分点', 'percentage-point');
KIND_OF.set('倍', 'ratio');

/** Longest first, so 人次 wins over 人 and 个工作日 over 个. */
export const UNIT_PATTERN = [...KIND_OF.keys()].sort((a, b) => b.length - a.length).join('|');

export function kindOf(unit: string): FigureKind {
  return KIND_OF.get(unit) ?? 'other';
}
