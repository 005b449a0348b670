const DAY_MS = 24 * 3600 * 1000;
/** Older reports are rarely revised; once a week is enough to notice when one is. */
const OLD_REPORT_INTERVAL_MS = 7 * DAY_MS;

/** A report we only just found may still be corrected, whatever date it carries. */
const NEWLY_FOUND_MS = 90 * DAY_MS;

/**
 * Whether a stored report is fetched again this cycle. Reports are revised mostly in the year
 * after publication (corrections after review, late 附件), and soon after we first meet them,
 * so those are checked every cycle; the rest once a week.
 */
export function dueForRecheck(report: { year: number | null; publishedDate: string | null; firstSeenAt: string; lastSeenAt: string }, now: Date): boolean {
  const publishedYear = report.publishedDate ? Number(report.publishedDate.slice(0, 4)) : report.year !== null ? report.year + 1 : null;
  if (publishedYear === null || publishedYear >= now.getUTCFullYear() - 1) return true;
  if (now.getTime() - Date.parse(report.firstSeenAt) < NEWLY_FOUND_MS) return true;
  return now.getTime() - Date.parse(report.lastSeenAt) >= OLD_REPORT_INTERVAL_MS;
}
