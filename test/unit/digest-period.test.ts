import { describe, expect, it } from 'vitest';
import { isNianbaoError } from '../../src/core/errors';
import { digestPeriod } from '../../src/digest';

// Expected values are worked out by hand from calendars, not from the function's output.
describe('digestPeriod daily', () => {
  it('at midnight in Shanghai names the day that just ended, whose bounds are Shanghai midnights', () => {
    // 2026-11-21 00:00 +08:00
    const p = digestPeriod('daily', new Date('2026-11-20T16:00:00Z'));
    expect(p).toEqual({
      key: '2026-11-20',
      label: '2026-11-20',
      start: new Date('2026-11-20T00:00:00+08:00'),
      end: new Date('2026-11-21T00:00:00+08:00'),
    });
  });

  it('one millisecond before Shanghai midnight is still inside 11-20, so the period that ended is 11-19', () => {
    expect(digestPeriod('daily', new Date('2026-11-20T15:59:59.999Z')).key).toBe('2026-11-19');
  });

  it('reads the calendar of the given zone, not of UTC or the host', () => {
    // 07:30 in Shanghai on 11-21 is 23:30 on 11-20 in UTC.
    const at = new Date('2026-11-21T07:30:00+08:00');
    expect(digestPeriod('daily', at).key).toBe('2026-11-20');
    const utc = digestPeriod('daily', at, 'UTC');
    expect(utc.key).toBe('2026-11-19');
    expect(utc.start).toEqual(new Date('2026-11-19T00:00:00Z'));
  });

  it('crosses the year boundary', () => {
    const p = digestPeriod('daily', new Date('2027-01-01T09:00:00+08:00'));
    expect(p.key).toBe('2026-12-31');
    expect(p.start).toEqual(new Date('2026-12-31T00:00:00+08:00'));
    expect(p.end).toEqual(new Date('2027-01-01T00:00:00+08:00'));
  });

  it('gives every run during one day the same key', () => {
    const keys = ['2026-11-21T00:00:00+08:00', '2026-11-21T12:00:00+08:00', '2026-11-21T23:59:59.999+08:00'].map(
      (iso) => digestPeriod('daily', new Date(iso)).key,
    );
    expect(new Set(keys)).toEqual(new Set(['2026-11-20']));
  });

  it('spans 23 hours on a spring-forward day', () => {
    // Berlin moved from +01:00 to +02:00 on 2025-03-30.
    const p = digestPeriod('daily', new Date('2025-03-31T12:00:00Z'), 'Europe/Berlin');
    expect(p.key).toBe('2025-03-30');
    expect(p.start).toEqual(new Date('2025-03-30T00:00:00+01:00'));
    expect(p.end).toEqual(new Date('2025-03-31T00:00:00+02:00'));
    expect(p.end.getTime() - p.start.getTime()).toBe(23 * 3_600_000);
  });

  it('starts the day when the clocks jump if DST skips midnight', () => {
    // Santiago went from 00:00 -04:00 straight to 01:00 -03:00 on 2025-09-07.
    const p = digestPeriod('daily', new Date('2025-09-08T12:00:00Z'), 'America/Santiago');
    expect(p.key).toBe('2025-09-07');
    expect(p.start).toEqual(new Date('2025-09-07T01:00:00-03:00'));
    expect(p.end).toEqual(new Date('2025-09-08T00:00:00-03:00'));
  });
});

describe('digestPeriod weekly', () => {
  it('names the ISO week that ended, Monday to Sunday in Shanghai', () => {
    // 2026-11-23 is a Monday; the week before is 2026-W47 (16–22 November).
    const p = digestPeriod('weekly', new Date('2026-11-23T07:00:00+08:00'));
    expect(p).toEqual({
      key: '2026-W47',
      label: '2026-11-16–2026-11-22',
      start: new Date('2026-11-16T00:00:00+08:00'),
      end: new Date('2026-11-23T00:00:00+08:00'),
    });
  });

  it('mid-week still names the previous complete week', () => {
    expect(digestPeriod('weekly', new Date('2026-11-21T12:00:00+08:00')).key).toBe('2026-W46');
  });

  it('uses the Shanghai date at the Sunday/Monday boundary, where UTC is still Sunday', () => {
    // Monday 2026-11-23 00:30 in Shanghai is Sunday 16:30 UTC.
    const at = new Date('2026-11-23T00:30:00+08:00');
    expect(digestPeriod('weekly', at).key).toBe('2026-W47');
    expect(digestPeriod('weekly', at, 'UTC').key).toBe('2026-W46');
  });

  it('knows ISO week 53: 2026 starts on a Thursday', () => {
    const p = digestPeriod('weekly', new Date('2027-01-04T08:00:00+08:00'));
    expect(p.key).toBe('2026-W53');
    expect(p.label).toBe('2026-12-28–2027-01-03');
    expect(p.start).toEqual(new Date('2026-12-28T00:00:00+08:00'));
  });

  it('puts a week that starts in December into week 1 of the next year when its Thursday is in January', () => {
    // Monday 2024-12-30 to Sunday 2025-01-05 is 2025-W01.
    const p = digestPeriod('weekly', new Date('2025-01-06T08:00:00+08:00'));
    expect(p.key).toBe('2025-W01');
    expect(p.start).toEqual(new Date('2024-12-30T00:00:00+08:00'));
  });

  it('puts early January days into the last week of the previous year when needed', () => {
    // Monday 2021-01-04 closes 2020-W53 (2020-12-28 to 2021-01-03).
    expect(digestPeriod('weekly', new Date('2021-01-04T10:00:00+08:00')).key).toBe('2020-W53');
  });
});

describe('digestPeriod input', () => {
  it('rejects an invalid date and an unknown zone with ERR_INPUT_INVALID', () => {
    for (const call of [() => digestPeriod('daily', new Date('nope')), () => digestPeriod('daily', new Date(), 'Mars/Olympus')]) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(isNianbaoError(caught) && caught.code).toBe('ERR_INPUT_INVALID');
    }
  });
});
