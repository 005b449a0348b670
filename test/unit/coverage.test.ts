import { describe, expect, it } from 'vitest';
import { publicationStatus, type CoverageInput } from '../../src/coverage';
import { DEFAULT_REPORT_TYPES } from '../../src/core/report-types';

const portals = [
  { id: 'chengzhong', name: '城中区人民政府', reportTypes: ['law-based-government', 'gov-info-disclosure'] },
  { id: 'yufeng', name: '鱼峰区人民政府', reportTypes: ['law-based-government'] },
];
const report = (portalId: string, type: string, year: number | null, publishedDate: string | null) => ({ portalId, type, year, url: `http://x/${portalId}/${type}/${year}`, title: 't', publishedDate, firstSeenAt: '2026-02-01T00:00:00.000Z' });

const statusOf = (input: Partial<CoverageInput> & Pick<CoverageInput, 'now'>) =>
  publicationStatus({ portals, reports: [], types: DEFAULT_REPORT_TYPES, ...input }).map((r) => `${r.portalId}/${r.type}/${r.year}: ${r.status}`);

describe('who has published the report due this year', () => {
  it('before the deadlines everything missing is pending; only the types a portal is watched for are listed', () => {
    expect(statusOf({ now: new Date('2026-01-15T04:00:00Z') })).toEqual([
      'chengzhong/law-based-government/2025: pending',
      'chengzhong/gov-info-disclosure/2025: pending',
      'yufeng/law-based-government/2025: pending',
    ]);
  });

  it('after 31 January the disclosure report is overdue; the law-based-government one stays pending until 31 March', () => {
    expect(statusOf({ now: new Date('2026-02-10T04:00:00Z') })).toEqual([
      'chengzhong/law-based-government/2025: pending',
      'chengzhong/gov-info-disclosure/2025: overdue',
      'yufeng/law-based-government/2025: pending',
    ]);
  });

  it('the deadline day is counted in Shanghai: 31 March 23:30 there is still on time, 1 April 00:30 is late', () => {
    expect(statusOf({ now: new Date('2026-03-31T15:30:00Z') })[2]).toBe('yufeng/law-based-government/2025: pending');
    expect(statusOf({ now: new Date('2026-03-31T16:30:00Z') })[2]).toBe('yufeng/law-based-government/2025: overdue');
  });

  it('a found report of that year and type counts, also when only its publication date tells the year', () => {
    const rows = publicationStatus({
      portals,
      types: DEFAULT_REPORT_TYPES,
      now: new Date('2026-06-01T00:00:00Z'),
      reports: [report('chengzhong', 'law-based-government', 2025, '2026-03-20'), report('yufeng', 'law-based-government', null, '2026-03-30'), report('chengzhong', 'gov-info-disclosure', 2024, '2025-01-20')],
    });
    expect(rows.map((r) => [r.portalId, r.type, r.status])).toEqual([
      ['chengzhong', 'law-based-government', 'published'],
      ['chengzhong', 'gov-info-disclosure', 'overdue'],
      ['yufeng', 'law-based-government', 'published'],
    ]);
    expect(rows[0]!.report).toMatchObject({ publishedDate: '2026-03-20' });
    expect(rows[0]!.deadline).toBe('2026-03-31');
  });

  it('any past year can be asked for', () => {
    expect(statusOf({ now: new Date('2026-06-01T00:00:00Z'), year: 2023, reports: [report('yufeng', 'law-based-government', 2023, '2024-03-01')] })).toEqual([
      'chengzhong/law-based-government/2023: overdue',
      'chengzhong/gov-info-disclosure/2023: overdue',
      'yufeng/law-based-government/2023: published',
    ]);
  });
});
