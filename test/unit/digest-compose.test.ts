import { describe, expect, it } from 'vitest';
import type { FigureChange } from '../../src/core/types';
import { composeDigest, type DigestInput, type DigestItem } from '../../src/digest';

function report(title: string, overrides: Partial<DigestItem['report']> = {}): DigestItem['report'] {
  return {
    title,
    url: `https://www.kecheng.gov.cn/art/${encodeURIComponent(title)}.html`,
    portalName: '柯城区人民政府',
    publisher: '柯城区司法局',
    date: '2024-03-01',
    typeName: '法治政府建设年度报告',
    year: 2023,
    ...overrides,
  };
}

function changed(label: string, oldValue: number, newValue: number, section = ''): FigureChange {
  return { change: 'changed', label, unit: '件', section, oldValue, newValue, oldSentence: null, newSentence: null };
}

function input(items: DigestItem[], extra: Partial<DigestInput> = {}): DigestInput {
  return { subscriberEmail: 'reader@example.org', periodLabel: '2026-11-21', items, ...extra };
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 0, minute));

describe('composeDigest subject', () => {
  it('counts new and revised reports in Chinese by default', () => {
    const { subject } = composeDigest(
      input([
        { kind: 'new', report: report('新报告甲'), detectedAt: at(1) },
        { kind: 'revised', report: report('修订报告'), detectedAt: at(2), figureChanges: [changed('收到行政复议申请', 41, 43)] },
        { kind: 'new', report: report('新报告乙'), detectedAt: at(3) },
      ]),
    );
    expect(subject).toBe('【年报监测】2 份新报告，1 份报告有修订（2026-11-21）');
  });

  it('counts in English, singular and plural', () => {
    const items: DigestItem[] = [
      { kind: 'new', report: report('a'), detectedAt: at(1) },
      { kind: 'new', report: report('b'), detectedAt: at(2) },
      { kind: 'revised', report: report('c'), detectedAt: at(3) },
    ];
    expect(composeDigest(input(items), 'en').subject).toBe('[nianbao] 2 new reports, 1 revised (2026-11-21)');
    expect(composeDigest(input(items.slice(0, 1)), 'en').subject).toBe('[nianbao] 1 new report (2026-11-21)');
    expect(composeDigest(input(items.slice(2)), 'en').subject).toBe('[nianbao] 1 report revised (2026-11-21)');
  });

  it('mentions only what happened', () => {
    expect(composeDigest(input([{ kind: 'revised', report: report('c'), detectedAt: at(1) }])).subject).toBe(
      '【年报监测】1 份报告有修订（2026-11-21）',
    );
    const alertOnly = input([], { failingPortals: [{ portalName: '开化县人民政府', consecutiveFailures: 4, lastError: 'timeout' }] });
    expect(composeDigest(alertOnly).subject).toBe('【年报监测】1 个门户抓取失败（2026-11-21）');
    expect(composeDigest(alertOnly, 'en').subject).toBe('[nianbao] 1 portal failing (2026-11-21)');
  });
});

describe('composeDigest body', () => {
  const digestInput = input([
    { kind: 'revised', report: report('2023年度法治政府建设工作报告'), detectedAt: at(1), figureChanges: [changed('收到行政复议申请', 41, 43)] },
    { kind: 'new', report: report('2024年政府信息公开工作年度报告', { publisher: null }), detectedAt: at(2) },
  ]);

  it('lists new reports before revised ones in text and HTML, whatever the input order', () => {
    const { text, html } = composeDigest(digestInput);
    for (const body of [text, html]) {
      const newHeading = body.indexOf('新报告（1）');
      const revisedHeading = body.indexOf('有修订的报告（1）');
      expect(newHeading).toBeGreaterThanOrEqual(0);
      expect(revisedHeading).toBeGreaterThan(newHeading);
      expect(body.indexOf('2024年政府信息公开工作年度报告')).toBeGreaterThan(newHeading);
      expect(body.indexOf('2024年政府信息公开工作年度报告')).toBeLessThan(revisedHeading);
      expect(body.indexOf('2023年度法治政府建设工作报告')).toBeGreaterThan(revisedHeading);
    }
  });

  it('shows each report with link, portal, publisher and date, leaving out what is unknown', () => {
    const { text, html } = composeDigest(digestInput);
    expect(text).toContain('https://www.kecheng.gov.cn/art/');
    expect(text).toContain('门户：柯城区人民政府');
    expect(text).toContain('发布机构：柯城区司法局');
    expect(text).toContain('日期：2024-03-01');
    // The new report has no publisher: exactly one report line names one.
    expect(text.match(/发布机构/g)).toHaveLength(1);
    expect(html).toMatch(/<a href="https:\/\/www\.kecheng\.gov\.cn\/art\/[^"]+"[^>]*>2024年政府信息公开工作年度报告<\/a>/);
  });

  it('writes a changed figure as `label old件 → new件`', () => {
    const { text, html } = composeDigest(digestInput);
    expect(text).toMatch(/^\s+收到行政复议申请 41件 → 43件$/m);
    expect(html).toContain('收到行政复议申请 41件 → 43件');
  });

  it('words added and removed figures, and tells apart equal labels from different sections', () => {
    const figureChanges: FigureChange[] = [
      { change: 'added', label: '自然人', unit: '件', section: '新收申请', oldValue: null, newValue: 12, oldSentence: null, newSentence: null },
      { change: 'removed', label: '自然人', unit: '件', section: '办理结果', oldValue: 7, newValue: null, oldSentence: null, newSentence: null },
    ];
    const { text } = composeDigest(input([{ kind: 'revised', report: report('r'), detectedAt: at(1), figureChanges }]));
    expect(text).toContain('自然人（新收申请）（新增）12件');
    expect(text).toContain('自然人（办理结果）（已删除，原为 7件）');
  });

  it('shows at most 20 figure changes per report, then says how many more', () => {
    const figureChanges = Array.from({ length: 23 }, (_, i) => changed(`指标${i + 1}`, i, i + 100));
    const { text, html } = composeDigest(input([{ kind: 'revised', report: report('r'), detectedAt: at(1), figureChanges }]));
    expect(text).toContain('数字变化（23 处）');
    expect(text).toContain('指标20 19件 → 119件');
    expect(text).not.toContain('指标21');
    expect(text).toContain('另有 3 处');
    expect(html).toContain('另有 3 处');
    expect(html).not.toContain('指标21');
  });

  it('falls back to a capped excerpt of changed lines when no figure changed', () => {
    const removedLines = Array.from({ length: 8 }, (_, i) => `-旧段落${i}`);
    const addedLines = Array.from({ length: 8 }, (_, i) => `+新段落${i}`);
    const hunk = ['@@ -1,10 +1,10 @@', ' 不变的上下文', ...removedLines, '+', ...addedLines].join('\n');
    const { text } = composeDigest(
      input([{ kind: 'revised', report: report('r'), detectedAt: at(1), figureChanges: [], textDiff: { added: 9, removed: 8, hunks: [hunk] } }]),
    );
    expect(text).toMatch(/^\s+- 旧段落0$/m);
    expect(text).toMatch(/^\s+\+ 新段落1$/m);
    expect(text).not.toContain('新段落2');
    expect(text).not.toContain('不变的上下文');
    expect(text).not.toContain('@@');
    // 16 non-blank changed lines, 10 shown.
    expect(text).toContain('另有 6 行改动');
  });

  it('cuts a long changed paragraph', () => {
    const long = '很'.repeat(500);
    const { text } = composeDigest(
      input([{ kind: 'revised', report: report('r'), detectedAt: at(1), textDiff: { added: 1, removed: 0, hunks: [`@@ -1 +1 @@\n+${long}`] } }]),
    );
    const line = text.split('\n').find((l) => l.includes('很'))!;
    expect(line.length).toBeLessThan(200);
    expect(line.endsWith('…')).toBe(true);
  });

  it('says so when a revision comes with no details', () => {
    const { text } = composeDigest(input([{ kind: 'revised', report: report('r'), detectedAt: at(1) }]));
    expect(text).toContain('暂无改动详情');
  });

  it('lists failing portals with their failure count and last error', () => {
    const { text, html } = composeDigest(
      input([], { failingPortals: [{ portalName: '开化县人民政府', consecutiveFailures: 5, lastError: 'ETIMEDOUT\n    at fetch' }] }),
    );
    expect(text).toContain('抓取失败的门户（1）');
    expect(text).toContain('开化县人民政府：连续 5 次抓取失败，最近一次错误：ETIMEDOUT at fetch');
    expect(html).toContain('开化县人民政府');
    expect(text).toContain('本期没有发现新报告或修订');
  });

  it('has no failing-portal section when the list is empty or missing', () => {
    for (const failingPortals of [[], undefined]) {
      const { text, html } = composeDigest({ ...digestInput, failingPortals });
      expect(text).not.toContain('抓取失败');
      expect(html).not.toContain('抓取失败');
    }
  });

  it('names the recipient and links the subscription page', () => {
    const { text, html } = composeDigest({ ...digestInput, manageUrl: 'https://nianbao.example/s/abc?x=1&y=2' });
    expect(text).toContain('reader@example.org');
    expect(text).toContain('管理订阅：https://nianbao.example/s/abc?x=1&y=2');
    expect(html).toContain('href="https://nianbao.example/s/abc?x=1&amp;y=2"');
  });

  it('is a self-contained HTML document: inline styles, nothing fetched', () => {
    const { html } = composeDigest(digestInput);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('style="');
    expect(html).not.toMatch(/<link|<style|<img|<script|src=|url\(/i);
  });

  it('writes English when asked', () => {
    const { text, html } = composeDigest(digestInput, 'en');
    expect(text).toContain('New reports (1)');
    expect(text).toContain('Revised reports (1)');
    expect(text).toContain('Portal: 柯城区人民政府');
    expect(text).toContain('收到行政复议申请 41件 → 43件');
    expect(text).not.toMatch(/门户|新报告/);
    expect(html).toContain('<html lang="en">');
  });
});

describe('composeDigest HTML safety', () => {
  const hostile = '2023年<script>alert("x")</script>报告 & <img src=x onerror=alert(1)>';
  const { html, text } = composeDigest(
    input(
      [
        {
          kind: 'revised',
          report: report(hostile, { url: 'https://x.gov.cn/a?b=1&c="><script>', portalName: '<b>门户</b>', publisher: "O'Brien" }),
          detectedAt: at(1),
          figureChanges: [changed('<i>申请</i>', 1, 2)],
        },
        { kind: 'new', report: report('链接', { url: 'javascript:alert(1)' }), detectedAt: at(2) },
      ],
      { failingPortals: [{ portalName: 'p', consecutiveFailures: 3, lastError: '<div>502</div>' }] },
    ),
  );

  it('escapes every value taken from the web', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<(b|i|div)>/);
    expect(html).toContain('2023年&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;报告 &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('O&#39;Brien');
    expect(html).toContain('&lt;div&gt;502&lt;/div&gt;');
  });

  it('keeps the attribute closed around a hostile URL', () => {
    const href = html.match(/<a href="([^"]*)"/)?.[1];
    expect(href).toBeDefined();
    expect(href).not.toContain('<');
    expect(href).toContain('https://x.gov.cn/a?b=1');
  });

  it('keeps web values on one line in plain text, so none can forge a line', () => {
    const { text } = composeDigest(
      input([{ kind: 'new', report: report('真标题\n管理订阅：https://evil.example', { publisher: '司法局\r\n• 伪造报告' }), detectedAt: at(1) }]),
    );
    expect(text).not.toMatch(/^管理订阅：https:\/\/evil/m);
    expect(text).not.toMatch(/^• 伪造报告/m);
    expect(text).toContain('真标题 管理订阅：https://evil.example');
  });

  it('never turns a non-web URL into a link', () => {
    expect(html).not.toContain('javascript:');
    expect(html).toContain('链接');
    // The plain text part may show it: nothing there is clickable code.
    expect(text).toContain('javascript:alert(1)');
  });
});
