import type { Queues } from '../../jobs/queues';
import type { Store } from '../store';
import { coverageNow } from './coverage-view';
import { escapeHtml, pageShell, table } from './html';
import { jobsStatus } from './jobs-status';


/** The overview a person opens first: portals, reports with their changes, digests sent, queue counts. */
export async function renderHome(store: Store, queues: Queues, failingAfter: number): Promise<string> {
  const [status, reports, deliveries, coverage] = await Promise.all([jobsStatus(queues, store, failingAfter), store.reports.list({ limit: 50 }), store.deliveries.list({ limit: 20 }), coverageNow(store)]);
  const coverageLabel = { published: '已发布 published', pending: '未到期 pending', overdue: '<b class="bad">逾期 overdue</b>' };
  const coverageTable = table(
    ['门户 Portal', '报告 Report', '截止 Deadline', '状态 Status'],
    coverage.map((c) => [escapeHtml(c.portalName), escapeHtml(`${c.year}年${c.typeName}`), escapeHtml(c.deadline), c.report ? `<a href="${escapeHtml(c.report.url)}">${coverageLabel[c.status]}</a>` : coverageLabel[c.status]]),
  );
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
    return [`<a href="/reports/${r.id}">${escapeHtml(r.title)}</a>`, escapeHtml(r.publisher), escapeHtml(r.publishedDate), r.versions.length, changes];
  });
  const queueRows = status.queues.map((q) => [escapeHtml(q.name), ...['waiting', 'active', 'delayed', 'completed', 'failed'].map((s) => q.counts[s] ?? 0)]);
  return pageShell('总览 overview', `<h1>年报监测 <small>nianbao</small></h1>
<p><a href="/admin/queues">任务面板 Job dashboard</a> · <a href="/api/reports">/api/reports</a> · <a href="/api/jobs">/api/jobs</a> · <a href="/api/deliveries">/api/deliveries</a> · <a href="/healthz">/healthz</a></p>
<h2>订阅摘要 Subscribe</h2>
<form id="subscribe"><input name="email" type="email" required placeholder="you@example.com" size="28">
<select name="frequency"><option value="daily">每日 daily</option><option value="weekly">每周 weekly</option><option value="immediate">即时 immediate</option></select>
<select name="locale"><option value="zh-CN">中文</option><option value="en">English</option></select>
<button>订阅 Subscribe</button> <span id="subscribe-result"></span></form>
<h2>试抓门户 Try a portal</h2>
<p><small>添加门户前，先看看检查会看到哪些链接、哪些会被当作报告（不保存任何内容）。/ See what a check would find on a listing page before adding the portal; nothing is stored.</small></p>
<form id="discover"><input name="url" type="url" required placeholder="https://www.example.gov.cn/col/fzzfjs/index.shtml" size="60">
<select name="mode"><option value="auto">auto</option><option value="http">http</option><option value="browser">browser</option></select>
<input name="pages" type="number" min="1" max="20" value="1" style="width:4em"> 页 pages <button>试抓 Try</button></form>
<div id="discover-result"></div>
<h2>发布情况 Who has published</h2>${coverageTable}
<h2>门户 Portals</h2>${portals}
<h2>报告 Reports</h2>${table(['标题 Title', '发布机构 Publisher', '发布日期 Date', '版本 Versions', '变化 Changes'], reportRows)}
<h2>已发送摘要 Digests</h2>${table(['收件人 To', '主题 Subject', '状态 Status', '时间 Time'], deliveries.map((d) => [escapeHtml(d.email), escapeHtml(d.subject), escapeHtml(d.status), escapeHtml(d.sentAt ?? d.createdAt)]))}
<h2>队列 Queues</h2>${table(['队列 Queue', '等待 waiting', '运行 active', '延迟 delayed', '完成 completed', '失败 failed'], queueRows)}
<script>
// Every value from a portal is set with textContent: titles come from the web.
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ ok: r.ok, body: await r.json() }));
const problem = (body) => (body.error && (body.error.problems || [body.error.message]).join('；')) || '出错了 / failed';
document.getElementById('subscribe').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const out = document.getElementById('subscribe-result');
  out.textContent = '…';
  const { ok, body } = await post('/api/subscribers', Object.fromEntries(form));
  out.textContent = ok ? '已订阅 subscribed: ' + body.subscriber.email + ' (' + body.subscriber.frequency + ')' : problem(body);
});
document.getElementById('discover').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const out = document.getElementById('discover-result');
  out.textContent = '正在抓取… / fetching…';
  const { ok, body } = await post('/api/discover', { url: form.get('url'), mode: form.get('mode'), pages: Number(form.get('pages')) });
  out.textContent = '';
  if (!ok) { out.textContent = problem(body); return; }
  const summary = document.createElement('p');
  summary.textContent = '方式 mode: ' + body.mode + '，页数 pages: ' + body.pages + '，链接 links: ' + body.links.length + '，报告 reports: ' + body.links.filter((l) => l.report).length;
  out.append(summary);
  for (const e of body.errors) { const p = document.createElement('p'); p.className = 'bad'; p.textContent = e.code + ': ' + e.message; out.append(p); }
  const table = document.createElement('table');
  for (const link of body.links) {
    const row = table.insertRow();
    row.insertCell().textContent = link.report ? '★ ' + link.type + ' ' + (link.year ?? '') : '';
    row.insertCell().textContent = link.date ?? '';
    const a = document.createElement('a'); a.href = link.url; a.textContent = link.title; row.insertCell().append(a);
  }
  out.append(table);
});
</script>`);
}
