/** Every word a digest shows, per locale, so the renderers stay free of language. */
export type Locale = 'zh-CN' | 'en';

export interface DigestCounts {
  newCount: number;
  revisedCount: number;
  failingCount: number;
}

export interface Strings {
  subject(counts: DigestCounts, periodLabel: string): string;
  heading(periodLabel: string): string;
  nothingNew: string;
  newSection(count: number): string;
  revisedSection(count: number): string;
  metaSeparator: string;
  field(label: string, value: string): string;
  portal: string;
  publisher: string;
  date: string;
  type: string;
  year: string;
  figureChanges(count: number): string;
  qualified(label: string, section: string): string;
  figureAdded(label: string, value: string): string;
  figureRemoved(label: string, value: string): string;
  moreFigures(count: number): string;
  textChanges(added: number, removed: number): string;
  moreLines(count: number): string;
  noDetail: string;
  failingSection(count: number): string;
  failing(portalName: string, consecutiveFailures: number, lastError: string): string;
  sentTo(email: string): string;
  manage: string;
}

const zh: Strings = {
  subject({ newCount, revisedCount, failingCount }, periodLabel) {
    const parts: string[] = [];
    if (newCount > 0) parts.push(`${newCount} 份新报告`);
    if (revisedCount > 0) parts.push(`${revisedCount} 份报告有修订`);
    if (parts.length === 0) parts.push(failingCount > 0 ? `${failingCount} 个门户抓取失败` : '本期无新报告');
    return `【年报监测】${parts.join('，')}（${periodLabel}）`;
  },
  heading: (periodLabel) => `年报监测 · ${periodLabel}`,
  nothingNew: '本期没有发现新报告或修订。',
  newSection: (count) => `新报告（${count}）`,
  revisedSection: (count) => `有修订的报告（${count}）`,
  metaSeparator: ' ｜ ',
  field: (label, value) => `${label}：${value}`,
  portal: '门户',
  publisher: '发布机构',
  date: '日期',
  type: '类型',
  year: '年度',
  figureChanges: (count) => `数字变化（${count} 处）：`,
  qualified: (label, section) => `${label}（${section}）`,
  figureAdded: (label, value) => `${label}（新增）${value}`,
  figureRemoved: (label, value) => `${label}（已删除，原为 ${value}）`,
  moreFigures: (count) => `另有 ${count} 处`,
  textChanges: (added, removed) => `文字改动（新增 ${added} 行，删除 ${removed} 行）：`,
  moreLines: (count) => `另有 ${count} 行改动`,
  noDetail: '暂无改动详情。',
  failingSection: (count) => `抓取失败的门户（${count}）`,
  failing: (portalName, n, lastError) => `${portalName}：连续 ${n} 次抓取失败，最近一次错误：${lastError}`,
  sentTo: (email) => `本邮件发送至 ${email}，因为该地址订阅了年报监测。`,
  manage: '管理订阅',
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const en: Strings = {
  subject({ newCount, revisedCount, failingCount }, periodLabel) {
    const parts: string[] = [];
    if (newCount > 0) parts.push(plural(newCount, 'new report', 'new reports'));
    if (revisedCount > 0) parts.push(newCount > 0 ? `${revisedCount} revised` : `${plural(revisedCount, 'report', 'reports')} revised`);
    if (parts.length === 0) parts.push(failingCount > 0 ? `${plural(failingCount, 'portal', 'portals')} failing` : 'no new reports');
    return `[nianbao] ${parts.join(', ')} (${periodLabel})`;
  },
  heading: (periodLabel) => `nianbao · ${periodLabel}`,
  nothingNew: 'No new or revised reports in this period.',
  newSection: (count) => `New reports (${count})`,
  revisedSection: (count) => `Revised reports (${count})`,
  metaSeparator: ' · ',
  field: (label, value) => `${label}: ${value}`,
  portal: 'Portal',
  publisher: 'Publisher',
  date: 'Date',
  type: 'Type',
  year: 'Year',
  figureChanges: (count) => `Changed figures (${count}):`,
  qualified: (label, section) => `${label} (${section})`,
  figureAdded: (label, value) => `${label} (new) ${value}`,
  figureRemoved: (label, value) => `${label} (removed, was ${value})`,
  moreFigures: (count) => `and ${count} more`,
  textChanges: (added, removed) => `Text changes (${plural(added, 'line', 'lines')} added, ${removed} removed):`,
  moreLines: (count) => `and ${plural(count, 'more changed line', 'more changed lines')}`,
  noDetail: 'No details of the change are available.',
  failingSection: (count) => `Portals failing to load (${count})`,
  failing: (portalName, n, lastError) => `${portalName}: failed ${plural(n, 'time', 'times')} in a row, last error: ${lastError}`,
  sentTo: (email) => `Sent to ${email} because this address subscribes to nianbao.`,
  manage: 'Manage subscription',
};

export const STRINGS: Readonly<Record<Locale, Strings>> = { 'zh-CN': zh, en };
