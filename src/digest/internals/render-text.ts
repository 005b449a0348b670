import type { DetailView, DigestView, ReportView } from './view';

/** Plain text for mail clients that show no HTML; lines are left unwrapped so URLs stay whole. */
export function renderText(view: DigestView): string {
  const blocks: string[] = [view.heading];
  if (view.empty) blocks.push(view.empty);
  for (const section of view.sections) {
    blocks.push(heading(section.heading), ...section.reports.map(report));
  }
  if (view.alerts) blocks.push(heading(view.alerts.heading), view.alerts.lines.map((line) => `• ${line}`).join('\n'));
  blocks.push(['-- ', view.sentTo, ...(view.manage ? [view.manage.line] : [])].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

function heading(text: string): string {
  return `${text}\n${'='.repeat(24)}`;
}

function report(view: ReportView): string {
  return ['• ' + view.title, `  ${view.url}`, `  ${view.meta}`, ...(view.detail ? detail(view.detail) : [])].join('\n');
}

function detail(view: DetailView): string[] {
  switch (view.kind) {
    case 'figures':
      return [`  ${view.heading}`, ...view.lines.map((line) => `    ${line}`), ...(view.more ? [`    ${view.more}`] : [])];
    case 'text':
      return [`  ${view.heading}`, ...view.lines.map((line) => `    ${line.sign} ${line.text}`), ...(view.more ? [`    ${view.more}`] : [])];
    case 'none':
      return [`  ${view.note}`];
  }
}
