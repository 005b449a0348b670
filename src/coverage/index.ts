import type { ReportType } from '../core/report-types';

/** Whether a portal has published the report the law requires of it for the year just past. */
export interface CoverageRow {
  portalId: string;
  portalName: string;
  type: string;
  typeName: string;
  /** The year the report covers (2025 for the report due by 2026-03-31). */
  year: number;
  /** YYYY-MM-DD, in the year after `year`. */
  deadline: string;
  status: 'published' | 'pending' | 'overdue';
  report: { url: string; title: string; publishedDate: string | null; firstSeenAt: string } | null;
}

export interface CoverageInput {
  portals: ReadonlyArray<{ id: string; name: string; reportTypes: readonly string[] }>;
  reports: ReadonlyArray<{ portalId: string; type: string | null; year: number | null; url: string; title: string; publishedDate: string | null; firstSeenAt: string }>;
  types: readonly ReportType[];
  now: Date;
  /** Report year to look at; by default the year just past, whose reports fall due this year. */
  year?: number;
  timeZone?: string;
}

/** The calendar date at `now` where the portals are, YYYY-MM-DD. */
function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A report that names no year most likely covers the year before it was published. */
function yearOf(report: CoverageInput['reports'][number]): number | null {
  if (report.year !== null) return report.year;
  return report.publishedDate ? Number(report.publishedDate.slice(0, 4)) - 1 : null;
}

/**
 * For each portal and each report type it is watched for: published, still pending before the
 * legal deadline, or overdue. Pure: what analysts and supervising offices ask first ("who has
 * not published yet?"), computed from what the store holds.
 */
export function publicationStatus(input: CoverageInput): CoverageRow[] {
  const today = localDate(input.now, input.timeZone ?? 'Asia/Shanghai');
  const year = input.year ?? Number(today.slice(0, 4)) - 1;
  const rows: CoverageRow[] = [];
  for (const portal of input.portals) {
    for (const type of input.types.filter((t) => portal.reportTypes.includes(t.id))) {
      const deadline = `${year + 1}-${type.deadline}`;
      const found = input.reports.filter((r) => r.portalId === portal.id && r.type === type.id && yearOf(r) === year).sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt))[0];
      rows.push({
        portalId: portal.id,
        portalName: portal.name,
        type: type.id,
        typeName: type.name,
        year,
        deadline,
        status: found ? 'published' : today > deadline ? 'overdue' : 'pending',
        report: found ? { url: found.url, title: found.title, publishedDate: found.publishedDate, firstSeenAt: found.firstSeenAt } : null,
      });
    }
  }
  return rows;
}
