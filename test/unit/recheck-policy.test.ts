import { describe, expect, it } from 'vitest';
import { dueForRecheck } from '../../jobs/recheck-policy';

const now = new Date('2026-11-21T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('which stored reports are fetched again this cycle', () => {
  it('every cycle: published this year or last, or with no date at all', () => {
    expect(dueForRecheck({ year: 2025, publishedDate: '2026-03-30', firstSeenAt: daysAgo(400), lastSeenAt: daysAgo(0) }, now)).toBe(true);
    expect(dueForRecheck({ year: 2024, publishedDate: '2025-01-20', firstSeenAt: daysAgo(400), lastSeenAt: daysAgo(0) }, now)).toBe(true);
    expect(dueForRecheck({ year: null, publishedDate: null, firstSeenAt: daysAgo(400), lastSeenAt: daysAgo(0) }, now)).toBe(true);
  });

  it('every cycle: an old report we found less than 90 days ago', () => {
    expect(dueForRecheck({ year: 2022, publishedDate: '2023-02-01', firstSeenAt: daysAgo(89), lastSeenAt: daysAgo(0) }, now)).toBe(true);
  });

  it('weekly: older reports known for long', () => {
    const old = { year: 2022, publishedDate: '2023-02-01', firstSeenAt: daysAgo(200) };
    expect(dueForRecheck({ ...old, lastSeenAt: daysAgo(6) }, now)).toBe(false);
    expect(dueForRecheck({ ...old, lastSeenAt: daysAgo(7) }, now)).toBe(true);
  });

  it('uses the report year when the page gave no date (a 2023 report is published in 2024)', () => {
    expect(dueForRecheck({ year: 2023, publishedDate: null, firstSeenAt: daysAgo(200), lastSeenAt: daysAgo(1) }, now)).toBe(false);
    expect(dueForRecheck({ year: 2024, publishedDate: null, firstSeenAt: daysAgo(200), lastSeenAt: daysAgo(1) }, now)).toBe(true);
  });
});
