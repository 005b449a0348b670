import { describe, expect, it } from 'vitest';
import type { Figure, FigureChange } from '../../src/core/types';
import { compareFigures } from '../../src/diff';
import { extractPage } from '../../src/extract';
import { extractFigures } from '../../src/figures';
import { seedExpectation, seedHtml } from '../fixtures/extract/seeds';

function figuresOf(seed: string, revise?: (html: string) => string): Figure[] {
  const expected = seedExpectation(seed);
  const body = revise ? revise(seedHtml(seed).toString('utf8')) : seedHtml(seed);
  return extractFigures(extractPage({ body, url: expected.url, contentType: expected.contentType }).text);
}

function replaceOnce(html: string, from: string, to: string): string {
  expect(html.split(from)).toHaveLength(2);
  return html.replace(from, to);
}

function summary(changes: FigureChange[]): string[] {
  return changes.map((c) => `${c.change} ${c.label} ${c.oldValue ?? '-'}→${c.newValue ?? '-'}${c.unit}`);
}

function figure(label: string, value: number, sentence: string, section = '一、基本情况'): Figure {
  return { label, value, unit: '件', approx: false, section, sentence, kind: 'count' };
}

describe('compareFigures on revised seeds', () => {
  it('reports exactly the figures planted in seed 003: Arabic, 万, a new paragraph', () => {
    const before = figuresOf('seed-003');
    const after = figuresOf('seed-003', (html) => {
      let revised = replaceOnce(html, '全年共调处矛盾纠纷2.37万件', '全年共调处矛盾纠纷2.41万件');
      revised = replaceOnce(revised, '复议调撤率62.1%', '复议调撤率63.5%');
      // A new paragraph at the top of section (二) must not shift the figures after it.
      return replaceOnce(revised, '<p style="text-indent:2em;">践行“法治是最好的营商环境”理念', '<p>全年共办理人大代表建议12件、政协委员提案31件。</p>\n<p style="text-indent:2em;">践行“法治是最好的营商环境”理念');
    });
    const changes = compareFigures(before, after);
    expect(summary(changes)).toEqual([
      'added 办理人大代表建议 -→12件',
      'added 政协委员提案 -→31件',
      'changed 复议调撤率 62.1→63.5%',
      'changed 调处矛盾纠纷 23700→24100件',
    ]);
    const changed = changes.find((c) => c.label === '调处矛盾纠纷')!;
    expect(changed.oldSentence).toContain('2.37万件');
    expect(changed.newSentence).toContain('2.41万件');
    expect(changed.section).toContain('(六)夯实基层依法治理根基');
  });

  it('reports figures written in Chinese numerals in seed 004 (traditional characters)', () => {
    const before = figuresOf('seed-004');
    const after = figuresOf('seed-004', (html) => {
      let revised = replaceOnce(html, '舉辦各類培訓(xùn)班十多場次', '舉辦各類培訓(xùn)班二十多場次');
      revised = replaceOnce(revised, '四名律師', '五名律師');
      return replaceOnce(revised, '收到調(diào)解申請582宗', '收到調(diào)解申請590宗');
    });
    expect(summary(compareFigures(before, after))).toEqual([
      'changed 举办各类培训班 10→20场次',
      'changed 收到调解申请 582→590宗',
      'changed 聘请广东汉铎律师事务所律师 4→5名',
    ]);
  });

  it('reports nothing when a section moves and nothing else changes (seed 003)', () => {
    const html = seedHtml('seed-003').toString('utf8');
    const start = html.indexOf('<p style="text-indent:2em;">(七)全面推进生态法治建设');
    const middle = html.indexOf('<p style="text-indent:2em;">(八)继续深化数字法治建设');
    const end = html.indexOf('<p style="text-indent:2em;">二、2023年法治政府建设存在问题');
    expect(start).toBeGreaterThan(0);
    expect(middle).toBeGreaterThan(start);
    expect(end).toBeGreaterThan(middle);
    const swapped = html.slice(0, start) + html.slice(middle, end) + html.slice(start, middle) + html.slice(end);
    const before = figuresOf('seed-003');
    const after = figuresOf('seed-003', () => swapped);
    expect(after.length).toBe(before.length);
    expect(compareFigures(before, after)).toEqual([]);
  });

  it('reports a removed figure with its old sentence (seed 001)', () => {
    const before = figuresOf('seed-001');
    const after = figuresOf('seed-001');
    expect(after).toEqual(before);
    const without = after.filter((f) => !(f.label === '收到行政复议申请' && f.value === 41));
    expect(compareFigures(before, without)).toEqual([
      expect.objectContaining({ change: 'removed', label: '收到行政复议申请', oldValue: 41, newValue: null, newSentence: null }),
    ]);
  });
});

describe('compareFigures on hand-made figures', () => {
  it('pairs repeated labels by sentence, not by position', () => {
    const oldFigures = [
      figure('维持', 2, '复议案件6起(其中驳回复议申请2件,维持2件)'),
      figure('维持', 2, '2022年同期为7件(其中维持2件,经调解后终止5件)'),
    ];
    const newFigures = [
      figure('维持', 2, '2022年同期为7件(其中维持2件,经调解后终止5件)'),
      figure('维持', 3, '复议案件6起(其中驳回复议申请2件,维持3件)'),
    ];
    expect(compareFigures(oldFigures, newFigures)).toEqual([
      {
        change: 'changed', label: '维持', unit: '件', section: '一、基本情况', oldValue: 2, newValue: 3,
        oldSentence: '复议案件6起(其中驳回复议申请2件,维持2件)', newSentence: '复议案件6起(其中驳回复议申请2件,维持3件)',
      },
    ]);
  });

  it('follows a figure into a renumbered section', () => {
    const oldFigures = [figure('收到行政复议申请', 41, '收到行政复议申请41件', '一、基本情况 / (三)行政复议')];
    const newFigures = [figure('收到行政复议申请', 43, '收到行政复议申请43件', '一、基本情况 / (四)行政复议')];
    expect(summary(compareFigures(oldFigures, newFigures))).toEqual(['changed 收到行政复议申请 41→43件']);
  });

  it('keeps unrelated figures with the same unit apart', () => {
    const oldFigures = [figure('受理', 34, '受理34件')];
    const newFigures = [figure('审结行政复议案件', 39, '共审结行政复议案件39件(其中2022年结转7件)')];
    expect(summary(compareFigures(oldFigures, newFigures))).toEqual(['added 审结行政复议案件 -→39件', 'removed 受理 34→-件']);
  });
});
