import type { Queues } from '../../jobs/queues';
import type { Store } from '../store';
import { jobsStatus } from './jobs-status';

const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const table = (head: string[], rows: unknown[][]): string =>
  `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;

/** The overview a person opens first: portals, reports with their changes, digests sent, queue counts. */
export async function renderHome(store: Store, queues: Queues, failingAfter: number): Promise<string> {
  const [status, reports, deliveries] = await Promise.all([jobsStatus(queues, store, failingAfter), store.reports.list({ limit: 50 }), store.deliveries.list({ limit: 20 })]);
  const portals = table(
    ['门户 Portal', '上次检查 Last check', '上次成功 Last success', '连续失败 Failures', '错误 Error'],
    status.portals.map((p) => [escapeHtml(p.name), escapeHtml(p.lastCheckAt), escapeHtml(p.lastSuccessAt), p.failing ? `<b class="bad">${p.consecutiveFailures}</b>` : p.consecutiveFailures, escapeHtml(p.lastError)]),
  );
  const reportRows = reports.map((r) => {
    const changes = r.changes
      .map((c) => {
        const figures = (c.figureChanges ?? []).map((f) => `${escapeHtml(f.label)} ${escapeHtml(f.oldValue)}${escapeHtml(f.unit)} → ${escapeHtml(f.newValue)}${escapeHtml(f.unit)}`).join('<br>');
        return `${c.kind === 'new' ? '新报告 new' : '修订 revised'} ${escapeHtml(c.detectedAt.slice(0, 19))}${figures ? `<br><small>${figures}</small>` : ''}`;
      })
      .join('<hr>');
    return [`<a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a>`, escapeHtml(r.publisher), escapeHtml(r.publishedDate), r.versions.length, changes];
  });
  const queueRows = status.queues.map((q) => [escapeHtml(q.name), ...['waiting', 'active', 'delayed', 'completed', 'failed'].map((s) => q.counts[s] ?? 0)]);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>年报监测 nianbao</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 2em}td,th{border:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}th{background:#f5f5f5}.bad{color:#b00}</style></head><body>
<h1>年报监测 <small>nianbao</small></h1>
<p><a href="/admin/queues">任务面板 Job dashboard</a> · <a href="/api/reports">/api/reports</a> · <a href="/api/jobs">/api/jobs</a> · <a href="/api/deliveries">/api/deliveries</a> · <a href="/healthz">/healthz</a></p>
<h2>门户 Portals</h2>${portals}
<h2>报告 Reports</h2>${table(['标题 Title', '发布机构 Publisher', '发布日期 Date', '版本 Versions', '变化 Changes'], reportRows)}
<h2>已发送摘要 Digests</h2>${table(['收件人 To', '主题 Subject', '状态 Status', '时间 Time'], deliveries.map((d) => [escapeHtml(d.email), escapeHtml(d.subject), escapeHtml(d.status), escapeHtml(d.sentAt ?? d.createdAt)]))}
<h2>队列 Queues</h2>${table(['队列 Queue', '等待 waiting', '运行 active', '延迟 delayed', '完成 completed', '失败 failed'], queueRows)}
</body></html>`;
}
