import { NianbaoError } from '../core/errors';

export type DigestFrequency = 'daily' | 'weekly';

export interface DigestPeriod {
  /** `2026-11-21` or ISO week `2026-W47`; part of the digest job id, so one period is sent once. */
  key: string;
  /** `2026-11-21`, or for a week its first and last day: `2026-11-16–2026-11-22`. */
  label: string;
  /** First instant of the period. */
  start: Date;
  /** First instant after the period (exclusive). */
  end: Date;
}

const DAY_MS = 86_400_000;

/**
 * The most recent period that has ENDED at `at`, in calendar days (or ISO weeks, Monday to Sunday)
 * of `timeZone`. A digest covers a complete period, so reports found late on a day are not lost
 * to the next digest, and a job re-run any time before the next period ends gets the same key.
 * An `at` exactly on a boundary belongs to the period that just closed there:
 * 2026-11-21 00:00 in Shanghai gives the day 2026-11-20.
 */
export function digestPeriod(frequency: DigestFrequency, at: Date, timeZone = 'Asia/Shanghai'): DigestPeriod {
  if (Number.isNaN(at.getTime())) throw new NianbaoError('ERR_INPUT_INVALID', 'digestPeriod needs a valid date', { details: { at: String(at) } });
  const zone = zoneFormatter(timeZone);
  // Calendar arithmetic runs on day numbers (days since 1970-01-01 as a civil date), which have no time zone.
  const today = civilDay(at, zone);
  if (frequency === 'daily') {
    const day = today - 1;
    return { key: isoDate(day), label: isoDate(day), start: startOfDay(day, zone), end: startOfDay(today, zone) };
  }
  const thisMonday = today - isoWeekday(today) + 1;
  const monday = thisMonday - 7;
  return {
    key: isoWeekKey(monday),
    label: `${isoDate(monday)}–${isoDate(monday + 6)}`,
    start: startOfDay(monday, zone),
    end: startOfDay(thisMonday, zone),
  };
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new NianbaoError('ERR_INPUT_INVALID', `unknown time zone "${timeZone}"; use an IANA name such as Asia/Shanghai`, { cause, details: { timeZone } });
  }
}

/** The wall clock of `zone` at `instant`, read as if it were UTC. */
function wallClockAsUtc(instant: number, zone: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const part of zone.formatToParts(instant)) parts[part.type] = Number(part.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

function civilDay(at: Date, zone: Intl.DateTimeFormat): number {
  return Math.floor(wallClockAsUtc(at.getTime(), zone) / DAY_MS);
}

/**
 * The first instant whose local date is `day`. Usually local midnight; where a DST change
 * skips midnight (America/Santiago in September) the day starts when the clocks jump.
 */
function startOfDay(day: number, zone: Intl.DateTimeFormat): Date {
  const midnightAsUtc = day * DAY_MS;
  // The offset on either side of any DST change near that midnight; one of them is the right one.
  const offsets = [midnightAsUtc - DAY_MS, midnightAsUtc + DAY_MS].map((t) => wallClockAsUtc(t, zone) - t);
  const candidates = offsets.map((offset) => midnightAsUtc - offset).sort((a, b) => a - b);
  const start = candidates.find((t) => Math.floor(wallClockAsUtc(t, zone) / DAY_MS) === day) ?? candidates[0]!;
  return new Date(start);
}

/** 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week: the week belongs to the year of its Thursday, and week 1 holds the year's first Thursday. */
function isoWeekKey(monday: number): string {
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
