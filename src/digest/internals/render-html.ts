import type { DetailView, DigestView, ReportView } from './view';

/**
 * HTML for mail clients: inline styles only (many clients drop <style>) and nothing fetched
 * from elsewhere. Every value passes through `esc`: titles and errors come from the web.
 */
export function renderHtml(view: DigestView): string {
  const body = [
    `<h1 style="${STYLE.h1}">${esc(view.heading)}</h1>`,
    view.empty ? `<p>${esc(view.empty)}</p>` : '',
    ...view.sections.map((section) => `<h2 style="${STYLE.h2}">${esc(section.heading)}</h2>\n${section.reports.map(report).join('\n')}`),
    view.alerts
      ? `<h2 style="${STYLE.h2}">${esc(view.alerts.heading)}</h2>\n<ul style="${STYLE.list}">${view.alerts.lines.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`
      : '',
    footer(view),
  ].filter(Boolean);
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(view.locale)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(view.subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.page}">`,
    ...body,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STYLE = {
  body: "margin:0;padding:16px;background:#ffffff;color:#1f2328;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Helvetica,Arial,sans-serif;font-size:15px;line-height:1.6;",
  page: 'max-width:680px;margin:0 auto;',
  h1: 'font-size:20px;margin:0 0 16px;',
  h2: 'font-size:17px;margin:24px 0 8px;padding-bottom:4px;border-bottom:1px solid #d0d7de;',
  report: 'margin:0 0 16px;',
  title: 'font-weight:600;',
  link: 'color:#0969da;',
  meta: 'color:#59636e;font-size:13px;',
  note: 'margin:6px 0 2px;',
  list: 'margin:4px 0;padding-left:20px;',
  more: 'color:#59636e;',
  pre: "margin:4px 0;padding:8px;background:#f6f8fa;font-family:Menlo,Consolas,monospace;font-size:13px;white-space:pre-wrap;word-break:break-all;",
  added: 'color:#1a7f37;',
  removed: 'color:#cf222e;',
  footer: 'margin-top:32px;padding-top:8px;border-top:1px solid #d0d7de;color:#59636e;font-size:13px;',
} as const;

function report(view: ReportView): string {
  const title = view.href ? `<a href="${esc(view.href)}" style="${STYLE.link}">${esc(view.title)}</a>` : esc(view.title);
  return [
    `<div style="${STYLE.report}">`,
    `<div style="${STYLE.title}">${title}</div>`,
    `<div style="${STYLE.meta}">${esc(view.meta)}</div>`,
    view.detail ? detail(view.detail) : '',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

function detail(view: DetailView): string {
  switch (view.kind) {
    case 'figures':
      return [
        `<div style="${STYLE.note}">${esc(view.heading)}</div>`,
        `<ul style="${STYLE.list}">`,
        ...view.lines.map((line) => `<li>${esc(line)}</li>`),
        ...(view.more ? [`<li style="${STYLE.more}">${esc(view.more)}</li>`] : []),
        '</ul>',
      ].join('\n');
    case 'text': {
      const lines = view.lines.map((line) => `<span style="${line.sign === '+' ? STYLE.added : STYLE.removed}">${line.sign} ${esc(line.text)}</span>`);
      if (view.more) lines.push(`<span style="${STYLE.more}">${esc(view.more)}</span>`);
      return `<div style="${STYLE.note}">${esc(view.heading)}</div>\n<pre style="${STYLE.pre}">${lines.join('\n')}</pre>`;
    }
    case 'none':
      return `<div style="${STYLE.note}">${esc(view.note)}</div>`;
  }
}

function footer(view: DigestView): string {
  const manage = view.manage
    ? view.manage.href
      ? `<br><a href="${esc(view.manage.href)}" style="${STYLE.link}">${esc(view.manage.label)}</a>`
      : `<br>${esc(view.manage.line)}`
    : '';
  return `<p style="${STYLE.footer}">${esc(view.sentTo)}${manage}</p>`;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
