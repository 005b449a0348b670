import type { Store } from '../store';
import { escapeHtml, pageShell, table } from './html';

/** One report: where it is, each version, and for each revision the figures that moved and the changed lines. */
export async function renderReport(store: Store, id: number): Promise<string | null> {
  const [report] = await store.reports.list({ id, limit: 1 });
  if (!report) return null;
  const changes = [...report.changes].reverse().map((change) => {
    const figures = change.figureChanges?.length
      ? table(
          ['数字 Figure', '原 Old', '新 New', '语句 Sentence'],
          change.figureChanges.map((f) => [escapeHtml(f.label), f.oldValue === null ? '—' : escapeHtml(`${f.oldValue}${f.unit}`), f.newValue === null ? '—' : escapeHtml(`${f.newValue}${f.unit}`), escapeHtml(f.newSentence ?? f.oldSentence)]),
        )
      : '';
    const diff = change.textDiff
      ? `<pre class="diff">${change.textDiff.hunks
          .join('\n')
          .split('\n')
          .map((line) => `<span class="${line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : ''}">${escapeHtml(line)}</span>`)
          .join('\n')}</pre>`
      : '';
    const heading = change.kind === 'new' ? '首次发现 first seen' : `修订 revised (+${change.textDiff?.added ?? 0} −${change.textDiff?.removed ?? 0})`;
    return `<h3>${heading} · ${escapeHtml(change.detectedAt.slice(0, 19).replace('T', ' '))} UTC</h3>${figures}${diff}`;
  });
  const versions = table(
    ['版本 Version', '抓取时间 Fetched', '内容哈希 Content hash', '原始文件 Raw sha256'],
    report.versions.map((v) => [v.versionNo, escapeHtml(v.fetchedAt), `<code>${escapeHtml(v.contentHash.slice(0, 16))}</code>`, `<code>${escapeHtml(v.rawSha256.slice(0, 16))}</code>`]),
  );
  return pageShell(
    report.title,
    `<p><a href="/">← 总览 overview</a></p><h1>${escapeHtml(report.title)}</h1>
<p><a href="${escapeHtml(report.url)}">${escapeHtml(report.url)}</a><br>发布机构 Publisher: ${escapeHtml(report.publisher ?? '—')} · 发布日期 Date: ${escapeHtml(report.publishedDate ?? '—')} · 年度 Year: ${escapeHtml(report.year ?? '—')}${report.duplicateOf ? ` · 转载自 repost of <a href="/reports/${report.duplicateOf}">#${report.duplicateOf}</a>` : ''}</p>
<h2>变化 Changes</h2>${changes.join('') || '<p>—</p>'}
<h2>版本 Versions</h2>${versions}`,
  );
}
