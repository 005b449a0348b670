import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { portalSchema, type Portal } from '../../src/core/portal';
import type { ExtractedPage, Figure, FigureChange, TextDiff } from '../../src/core/types';
import type { Claim, CurrentVersion, Observation, Revision, Store } from '../../src/store';
import { subscriptionSchema } from '../../src/store';
import { describeEachStore, type OpenedStore } from '../support/databases';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** 2024-03-01 08:mm UTC: distinct, ordered instants whose ISO form the assertions spell out. */
const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 8, minute));
const iso = (minute: number) => `2024-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`;

function portal(id: string, name: string): Portal {
  return portalSchema.parse({ id, name, listings: [{ url: `https://${id}.gov.cn/fzzfjs/index.shtml` }] });
}

function page(text: string, overrides: Partial<Omit<ExtractedPage, 'text' | 'normalizedText' | 'hash'>> = {}): ExtractedPage {
  const normalizedText = text.replace(/\s+/g, '');
  return {
    title: '柯城区2023年法治政府建设年度报告',
    publisher: '柯城区人民政府',
    date: '2024-03-01',
    dateConfidence: 'high',
    indexNo: '11330802002601234K/2024-00017',
    docNo: '柯政办〔2024〕3号',
    category: '法治政府',
    type: 'law-based-government',
    year: 2023,
    ...overrides,
    text,
    normalizedText,
    hash: sha256(normalizedText),
  };
}

function figure(label: string, value: number, unit: string, kind: Figure['kind'] = 'count'): Figure {
  return { label, value, unit, approx: false, section: '一、基本情况 / (三)行政复议', sentence: `全年办理${label}${value}${unit}。`, kind };
}

function observation(url: string, text: string, options: { portalId?: string; minute?: number; figures?: Figure[]; raw?: Buffer; page?: ExtractedPage } = {}): Observation {
  const extracted = options.page ?? page(text);
  return {
    portalId: options.portalId ?? 'kecheng',
    // The store takes the key as given; these URLs are already in key form.
    key: url,
    url,
    linkTitle: '链接标题：法治政府建设年度报告',
    page: extracted,
    figures: options.figures ?? [],
    raw: options.raw ?? Buffer.from(`<html><body><p>${text}</p></body></html>`, 'utf8'),
    rawContentType: 'text/html; charset=utf-8',
    fetchedAt: at(options.minute ?? 0),
  };
}

const URL_A = 'https://kecheng.gov.cn/fzzfjs/202403/t20240301_1.shtml';
const URL_B = 'https://kecheng.gov.cn/fzzfjs/202403/t20240302_2.shtml';

const TEXT_V1 = '一、基本情况\n\n全年办理行政复议案件12件，较上年增长20%。';
const TEXT_V2 = '一、基本情况\n\n全年办理行政复议案件15件，较上年增长50%。';
const FIGURES_V1 = [figure('行政复议案件', 12, '件'), figure('较上年增长', 20, '%', 'percent')];
const FIGURES_V2 = [figure('行政复议案件', 15, '件'), { ...figure('较上年增长', 50, '%', 'percent'), approx: true }];
const TEXT_DIFF: TextDiff = {
  added: 1,
  removed: 1,
  hunks: ['@@ -3 +3 @@', '-全年办理行政复议案件12件，较上年增长20%。', '+全年办理行政复议案件15件，较上年增长50%。'],
};
const FIGURE_CHANGES: FigureChange[] = [
  {
    change: 'changed',
    label: '行政复议案件',
    unit: '件',
    section: '一、基本情况',
    oldValue: 12,
    newValue: 15,
    oldSentence: '全年办理行政复议案件12件，较上年增长20%。',
    newSentence: '全年办理行政复议案件15件，较上年增长50%。',
  },
  { change: 'added', label: '“放管服”改革事项 \\ \'quoted\'', unit: '项', section: '', oldValue: null, newValue: 0.125, oldSentence: null, newSentence: '新增“放管服”改革事项0.125项。' },
];

function revision(previous: CurrentVersion): Revision {
  return { previous, textDiff: TEXT_DIFF, figureChanges: FIGURE_CHANGES };
}

describeEachStore('store', (target) => {
  let opened: OpenedStore;
  let store: Store;
  beforeEach(async () => {
    opened = await target.open();
    store = opened.store;
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  async function currentOrFail(url: string): Promise<CurrentVersion> {
    const current = await store.reports.current(url);
    if (!current) throw new Error(`no current version for ${url}`);
    return current;
  }

  async function subscriberId(email: string, start = 0): Promise<number> {
    return (await store.subscribers.subscribe(subscriptionSchema.parse({ email }), start)).subscriber.id;
  }

  describe('migrations', () => {
    it('runs on the engine it was asked for', () => {
      expect(store.engine).toBe(target.name);
    });

    it('opening the same database again neither fails nor loses data, and both stores see each other’s writes', async () => {
      await store.portals.sync([portal('kecheng', '柯城区人民政府')], at(0));
      const recorded = await store.reports.record(observation(URL_A, TEXT_V1, { figures: FIGURES_V1 }), null);
      await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'reader@example.org', frequency: 'weekly' }), 7);

      const again = await opened.reopen();
      const third = await opened.reopen();
      await third.ping();

      expect((await again.portals.get('kecheng'))?.portal.name).toBe('柯城区人民政府');
      const current = await again.reports.current(URL_A);
      expect(current).toMatchObject({ versionNo: 1, text: TEXT_V1, figures: FIGURES_V1 });
      expect(await again.reports.maxChangeId()).toBe(recorded.outcome === 'new' ? recorded.changeId : -1);
      expect(await again.subscribers.byEmail('reader@example.org')).toMatchObject({ frequency: 'weekly', lastChangeId: 7, active: true });

      await again.portals.sync([portal('kecheng', '柯城区人民政府'), portal('jiangshan', '江山市人民政府')], at(1));
      expect((await store.portals.list()).map((s) => s.portal.id)).toEqual(['jiangshan', 'kecheng']);
    });
  });

  describe('portals', () => {
    it('sync adds, updates and marks removed; a removed portal stays readable', async () => {
      const kecheng = portal('kecheng', '柯城区人民政府');
      const jiangshan = portal('jiangshan', '江山市人民政府');
      expect(await store.portals.sync([kecheng, jiangshan], at(0))).toEqual({ removed: [] });

      const listed = await store.portals.list();
      expect(listed.map((s) => s.portal)).toEqual([jiangshan, kecheng]);
      expect(listed.every((s) => !s.removed && s.consecutiveFailures === 0 && s.lastCheckAt === null)).toBe(true);

      const renamed = portalSchema.parse({ ...kecheng, name: '衢州市柯城区人民政府', fetchMode: 'browser' });
      expect(await store.portals.sync([renamed], at(1))).toEqual({ removed: ['jiangshan'] });

      expect((await store.portals.list()).map((s) => s.portal)).toEqual([renamed]);
      const all = await store.portals.list({ includeRemoved: true });
      expect(all.map((s) => [s.portal.id, s.removed])).toEqual([
        ['jiangshan', true],
        ['kecheng', false],
      ]);
      const removed = await store.portals.get('jiangshan');
      expect(removed?.removed).toBe(true);
      expect(removed?.portal).toEqual(jiangshan);
      expect((await store.portals.get('kecheng'))?.portal).toEqual(renamed);
      expect(await store.portals.get('nowhere')).toBeNull();

      // Syncing the same config again removes nothing more.
      expect(await store.portals.sync([renamed], at(2))).toEqual({ removed: [] });
    });

    it('a portal that comes back into the config is no longer removed', async () => {
      const kecheng = portal('kecheng', '柯城区人民政府');
      await store.portals.sync([kecheng], at(0));
      expect(await store.portals.sync([], at(1))).toEqual({ removed: ['kecheng'] });
      expect(await store.portals.list()).toEqual([]);
      await store.portals.sync([kecheng], at(2));
      expect((await store.portals.get('kecheng'))?.removed).toBe(false);
    });

    it('the reports and changes of a removed portal stay', async () => {
      await store.portals.sync([portal('kecheng', '柯城区人民政府'), portal('jiangshan', '江山市人民政府')], at(0));
      const url = 'https://jiangshan.gov.cn/art/2024/3/1/art_1.html';
      const recorded = await store.reports.record(observation(url, TEXT_V1, { portalId: 'jiangshan' }), null);
      if (recorded.outcome !== 'new') throw new Error(`expected new, got ${recorded.outcome}`);

      await store.portals.sync([portal('kecheng', '柯城区人民政府')], at(1));

      expect((await store.reports.list({ portalId: 'jiangshan' })).map((r) => r.url)).toEqual([url]);
      expect((await store.reports.current(url))?.text).toBe(TEXT_V1);
      expect((await store.reports.forRecheck('jiangshan')).map((r) => r.key)).toEqual([url]);
      const changes = await store.reports.changesBetween(0, recorded.changeId);
      expect(changes.map((c) => [c.changeId, c.portalId, c.portalName, c.url])).toEqual([[recorded.changeId, 'jiangshan', '江山市人民政府', url]]);
    });

    it('counts consecutive failures; a success resets them; a config sync keeps them', async () => {
      await store.portals.sync([portal('kecheng', '柯城区人民政府')], at(0));

      await store.portals.recordFailure('kecheng', 'ERR_CRAWL_TIMEOUT: 30 s', at(1));
      await store.portals.recordFailure('kecheng', 'ERR_CRAWL_BLOCKED: 403', at(2));
      expect(await store.portals.get('kecheng')).toMatchObject({
        consecutiveFailures: 2,
        lastError: 'ERR_CRAWL_BLOCKED: 403',
        lastCheckAt: iso(2),
        lastSuccessAt: null,
        fetchMode: null,
      });

      await store.portals.sync([portal('kecheng', '柯城区人民政府')], at(3));
      expect((await store.portals.get('kecheng'))?.consecutiveFailures).toBe(2);

      await store.portals.recordSuccess('kecheng', 'browser', at(4));
      expect(await store.portals.get('kecheng')).toMatchObject({ consecutiveFailures: 0, lastError: null, lastCheckAt: iso(4), lastSuccessAt: iso(4), fetchMode: 'browser' });

      await store.portals.recordFailure('kecheng', 'ERR_CRAWL_NETWORK: ECONNRESET', at(5));
      expect(await store.portals.get('kecheng')).toMatchObject({ consecutiveFailures: 1, lastError: 'ERR_CRAWL_NETWORK: ECONNRESET', lastCheckAt: iso(5), lastSuccessAt: iso(4) });
    });
  });

  describe('reports', () => {
    beforeEach(async () => {
      await store.portals.sync([portal('kecheng', '柯城区人民政府'), portal('jiangshan', '江山市人民政府')], at(0));
    });

    it('a new report becomes version 1 with a change of kind "new"', async () => {
      expect(await store.reports.maxChangeId()).toBe(0);
      expect(await store.reports.current(URL_A)).toBeNull();

      const obs = observation(URL_A, TEXT_V1, { figures: FIGURES_V1, minute: 1 });
      const recorded = await store.reports.record(obs, null);
      if (recorded.outcome !== 'new') throw new Error(`expected new, got ${recorded.outcome}`);

      expect(await store.reports.current(URL_A)).toEqual({
        reportId: recorded.reportId,
        versionId: recorded.versionId,
        versionNo: 1,
        contentHash: sha256(TEXT_V1.replace(/\s+/g, '')),
        text: TEXT_V1,
        figures: FIGURES_V1,
      });
      expect(await store.reports.maxChangeId()).toBe(recorded.changeId);
      const [change] = await store.reports.changesBetween(0, recorded.changeId);
      expect(change).toEqual({
        changeId: recorded.changeId,
        kind: 'new',
        detectedAt: iso(1),
        reportId: recorded.reportId,
        url: URL_A,
        title: '柯城区2023年法治政府建设年度报告',
        type: 'law-based-government',
        year: 2023,
        publisher: '柯城区人民政府',
        publishedDate: '2024-03-01',
        portalId: 'kecheng',
        portalName: '柯城区人民政府',
        textDiff: null,
        figureChanges: null,
      });
      expect((await store.reports.forRecheck('kecheng')).map((r) => r.key)).toEqual([URL_A]);
      expect(await store.reports.forRecheck('jiangshan')).toEqual([]);
    });

    it('falls back to the listing’s link text when the page has no title', async () => {
      const obs = observation(URL_A, TEXT_V1, { page: page(TEXT_V1, { title: null, type: null, year: null, publisher: null, date: null }) });
      await store.reports.record(obs, null);
      const [report] = await store.reports.list();
      expect(report).toMatchObject({ title: obs.linkTitle, type: null, year: null, publisher: null, publishedDate: null });
    });

    it('recording a known url as new is a conflict and writes nothing', async () => {
      const first = await store.reports.record(observation(URL_A, TEXT_V1, { minute: 1 }), null);
      const second = await store.reports.record(observation(URL_A, TEXT_V2, { minute: 2 }), null);
      expect(second).toEqual({ outcome: 'conflict' });

      expect((await currentOrFail(URL_A)).text).toBe(TEXT_V1);
      expect(await store.reports.maxChangeId()).toBe(first.outcome === 'new' ? first.changeId : -1);
      const [report] = await store.reports.list();
      expect(report?.versions).toHaveLength(1);
      expect(report?.lastSeenAt).toBe(iso(1));
    });

    it('a revision from the current version becomes version 2 with its diff and figure changes', async () => {
      const first = await store.reports.record(observation(URL_A, TEXT_V1, { figures: FIGURES_V1, minute: 1 }), null);
      if (first.outcome !== 'new') throw new Error(`expected new, got ${first.outcome}`);
      const v1 = await currentOrFail(URL_A);

      const pageV2 = page(TEXT_V2, { title: '柯城区2023年法治政府建设年度报告（更正）', date: '2024-03-05' });
      const second = await store.reports.record(observation(URL_A, TEXT_V2, { figures: FIGURES_V2, minute: 9, page: pageV2 }), revision(v1));
      if (second.outcome !== 'revised') throw new Error(`expected revised, got ${second.outcome}`);
      expect(second.reportId).toBe(first.reportId);
      expect(second.versionId).not.toBe(first.versionId);
      expect(second.changeId).toBeGreaterThan(first.changeId);

      expect(await store.reports.current(URL_A)).toEqual({
        reportId: first.reportId,
        versionId: second.versionId,
        versionNo: 2,
        contentHash: pageV2.hash,
        text: TEXT_V2,
        figures: FIGURES_V2,
      });
      const changes = await store.reports.changesBetween(0, second.changeId);
      expect(changes.map((c) => c.kind)).toEqual(['new', 'revised']);
      expect(changes[1]).toMatchObject({
        changeId: second.changeId,
        detectedAt: iso(9),
        title: '柯城区2023年法治政府建设年度报告（更正）',
        publishedDate: '2024-03-05',
        textDiff: TEXT_DIFF,
        figureChanges: FIGURE_CHANGES,
      });
    });

    it('a stale revision is a conflict and writes nothing', async () => {
      await store.reports.record(observation(URL_A, TEXT_V1, { minute: 1 }), null);
      const v1 = await currentOrFail(URL_A);
      const second = await store.reports.record(observation(URL_A, TEXT_V2, { minute: 2 }), revision(v1));
      if (second.outcome !== 'revised') throw new Error(`expected revised, got ${second.outcome}`);

      const stalePage = page('第三稿', { title: '不应写入的标题' });
      const stale = await store.reports.record(observation(URL_A, '第三稿', { minute: 3, page: stalePage }), revision(v1));
      expect(stale).toEqual({ outcome: 'conflict' });

      expect(await store.reports.current(URL_A)).toMatchObject({ versionNo: 2, versionId: second.versionId, text: TEXT_V2 });
      expect(await store.reports.maxChangeId()).toBe(second.changeId);
      const [report] = await store.reports.list();
      expect(report?.versions.map((v) => v.versionNo)).toEqual([1, 2]);
      expect(report?.changes).toHaveLength(2);
      expect(report).toMatchObject({ title: '柯城区2023年法治政府建设年度报告', lastSeenAt: iso(2) });
    });

    it('keeps raw bytes exactly, including GBK and bytes that are not text', async () => {
      // 国家 in GBK (B9FA BCD2) is not valid UTF-8; NUL, 0xFF, backslash and quote catch any text or escape path.
      const raw = Buffer.concat([
        Buffer.from('<html><head><meta charset="gbk"></head><body>', 'latin1'),
        Buffer.from([0xb9, 0xfa, 0xbc, 0xd2, 0x00, 0xff, 0x80, 0x5c, 0x27, 0x0d, 0x0a]),
        Buffer.from('</body></html>', 'latin1'),
      ]);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
      const large = randomBytes(1024 * 1024);

      const gbk = await store.reports.record({ ...observation(URL_A, '国家', { raw }), rawContentType: 'text/html; charset=GBK' }, null);
      const binary = await store.reports.record({ ...observation(URL_B, '附件', { raw: large }), rawContentType: null }, null);
      if (gbk.outcome !== 'new' || binary.outcome !== 'new') throw new Error('expected two new reports');

      const stored = await store.reports.versionText(gbk.versionId);
      expect(Buffer.isBuffer(stored?.raw)).toBe(true);
      expect(stored?.raw.toString('hex')).toBe(raw.toString('hex'));
      expect(stored).toMatchObject({ text: '国家', rawContentType: 'text/html; charset=GBK' });
      const storedLarge = await store.reports.versionText(binary.versionId);
      expect(storedLarge?.raw.equals(large)).toBe(true);
      expect(storedLarge?.rawContentType).toBeNull();

      const byUrl = new Map((await store.reports.list()).map((r) => [r.url, r.versions[0]?.rawSha256]));
      expect(byUrl.get(URL_A)).toBe(sha256(raw));
      expect(byUrl.get(URL_B)).toBe(sha256(large));
      expect(await store.reports.versionText(binary.versionId + gbk.versionId + 1000)).toBeNull();
    });

    it('a report first seen with the text of another portal\'s report is a repost: kept, linked, and not news', async () => {
      const urlJ = 'https://jiangshan.gov.cn/art/2024/3/1/art_9.html';
      const original = await store.reports.record(observation(URL_A, TEXT_V1, { minute: 1 }), null);
      const repost = await store.reports.record(observation(urlJ, TEXT_V1, { portalId: 'jiangshan', minute: 2 }), null);
      if (original.outcome !== 'new') throw new Error(`expected new, got ${original.outcome}`);
      expect(repost).toMatchObject({ outcome: 'duplicate', duplicateOf: original.reportId });
      expect(await store.reports.maxChangeId()).toBe(original.changeId);
      const listed = await store.reports.list();
      expect(listed.find((r) => r.url === urlJ)).toMatchObject({ duplicateOf: original.reportId, changes: [] });
      expect(listed.find((r) => r.url === URL_A)).toMatchObject({ duplicateOf: null });
      // Its own later revision is news again: the repost's portal changed it.
      const revised = await store.reports.record(observation(urlJ, TEXT_V2, { portalId: 'jiangshan', minute: 3 }), revision(await currentOrFail(urlJ)));
      expect(revised.outcome).toBe('revised');
    });

    it('changesBetween returns from < id <= to, oldest first', async () => {
      const urlJ = 'https://jiangshan.gov.cn/art/2024/3/1/art_1.html';
      const c1 = await store.reports.record(observation(URL_A, TEXT_V1, { minute: 1 }), null);
      const c2 = await store.reports.record(observation(urlJ, '江山市全年办理行政复议案件7件。', { portalId: 'jiangshan', minute: 2 }), null);
      const c3 = await store.reports.record(observation(URL_A, TEXT_V2, { minute: 3 }), revision(await currentOrFail(URL_A)));
      if (c1.outcome === 'conflict' || c2.outcome === 'conflict' || c3.outcome === 'conflict') throw new Error('unexpected conflict');
      const [id1, id2, id3] = [(c1 as { changeId: number }).changeId, (c2 as { changeId: number }).changeId, (c3 as { changeId: number }).changeId];
      expect(id1 < id2 && id2 < id3).toBe(true);

      const ids = async (from: number, to: number) => (await store.reports.changesBetween(from, to)).map((c) => c.changeId);
      expect(await ids(0, id3)).toEqual([id1, id2, id3]);
      expect(await ids(id1, id3)).toEqual([id2, id3]);
      expect(await ids(id1, id2)).toEqual([id2]);
      expect(await ids(0, id1)).toEqual([id1]);
      expect(await ids(id3, id3)).toEqual([]);
      expect(await ids(id3, id3 + 100)).toEqual([]);
      expect(await ids(id2, id1)).toEqual([]);
      expect(await store.reports.maxChangeId()).toBe(id3);

      const rows = await store.reports.changesBetween(0, id3);
      expect(rows.map((r) => [r.kind, r.portalName, r.url, r.detectedAt])).toEqual([
        ['new', '柯城区人民政府', URL_A, iso(1)],
        ['new', '江山市人民政府', urlJ, iso(2)],
        ['revised', '柯城区人民政府', URL_A, iso(3)],
      ]);
    });

    it('list shows reports newest first with versions (no bodies) and changes', async () => {
      const pageV1 = page(TEXT_V1);
      const first = await store.reports.record(observation(URL_A, TEXT_V1, { minute: 1, page: pageV1 }), null);
      const pageV2 = page(TEXT_V2, { docNo: '柯政办〔2024〕5号' });
      const second = await store.reports.record(observation(URL_A, TEXT_V2, { minute: 4, page: pageV2 }), revision(await currentOrFail(URL_A)));
      const other = await store.reports.record(observation(URL_B, '另一份报告', { minute: 2 }), null);
      if (first.outcome !== 'new' || second.outcome !== 'revised' || other.outcome !== 'new') throw new Error('unexpected outcomes');

      const reports = await store.reports.list();
      expect(reports.map((r) => r.url)).toEqual([URL_B, URL_A]);
      const report = reports[1];
      if (!report) throw new Error('report A missing');
      expect(report).toMatchObject({ id: first.reportId, portalId: 'kecheng', firstSeenAt: iso(1), lastSeenAt: iso(4) });

      const metadataOf = ({ text: _t, normalizedText: _n, hash: _h, ...metadata }: ExtractedPage) => metadata;
      expect(report.versions).toEqual([
        { id: first.versionId, versionNo: 1, contentHash: pageV1.hash, rawSha256: sha256(`<html><body><p>${TEXT_V1}</p></body></html>`), fetchedAt: iso(1), metadata: metadataOf(pageV1) },
        { id: second.versionId, versionNo: 2, contentHash: pageV2.hash, rawSha256: sha256(`<html><body><p>${TEXT_V2}</p></body></html>`), fetchedAt: iso(4), metadata: metadataOf(pageV2) },
      ]);
      for (const version of report.versions) {
        for (const body of ['text', 'normalizedText', 'raw', 'figures']) expect(version).not.toHaveProperty(body);
      }
      expect(report.changes).toEqual([
        { id: first.changeId, kind: 'new', detectedAt: iso(1), versionId: first.versionId, previousVersionId: null, textDiff: null, figureChanges: null },
        { id: second.changeId, kind: 'revised', detectedAt: iso(4), versionId: second.versionId, previousVersionId: first.versionId, textDiff: TEXT_DIFF, figureChanges: FIGURE_CHANGES },
      ]);

      expect((await store.reports.list({ limit: 1 })).map((r) => r.url)).toEqual([URL_B]);
      expect(await store.reports.list({ portalId: 'jiangshan' })).toEqual([]);
    });

    it('touch moves last_seen_at only', async () => {
      const recorded = await store.reports.record(observation(URL_A, TEXT_V1, { minute: 1 }), null);
      if (recorded.outcome !== 'new') throw new Error('expected new');
      await store.reports.touch(recorded.reportId, at(30));
      const [report] = await store.reports.list();
      expect(report).toMatchObject({ firstSeenAt: iso(1), lastSeenAt: iso(30) });
      expect(report?.versions).toHaveLength(1);
    });

    it('two workers recording the same new url at once: one new, one conflict', async () => {
      const outcomes = await Promise.all([
        store.reports.record(observation(URL_A, TEXT_V1, { minute: 1 }), null),
        store.reports.record(observation(URL_A, TEXT_V1, { minute: 2 }), null),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['conflict', 'new']);
      const [report] = await store.reports.list();
      expect(report?.versions).toHaveLength(1);
      expect(report?.changes).toHaveLength(1);
    });

    it('two workers revising the same version at once: one revised, one conflict', async () => {
      await store.reports.record(observation(URL_A, TEXT_V1, { minute: 1 }), null);
      const v1 = await currentOrFail(URL_A);
      const outcomes = await Promise.all([
        store.reports.record(observation(URL_A, TEXT_V2, { minute: 2 }), revision(v1)),
        store.reports.record(observation(URL_A, '另一次修订', { minute: 3 }), revision(v1)),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['conflict', 'revised']);
      const [report] = await store.reports.list();
      expect(report?.versions.map((v) => v.versionNo)).toEqual([1, 2]);
      expect(report?.changes.map((c) => c.kind)).toEqual(['new', 'revised']);
    });
  });

  describe('subscribers', () => {
    it('a new subscriber starts after the given change id', async () => {
      const subscription = subscriptionSchema.parse({ email: 'reader@example.org', frequency: 'immediate', locale: 'en' });
      const { subscriber, created } = await store.subscribers.subscribe(subscription, 41, at(5));
      expect(created).toBe(true);
      expect(subscriber).toEqual({ id: subscriber.id, email: 'reader@example.org', frequency: 'immediate', locale: 'en', active: true, createdAt: iso(5), lastChangeId: 41 });
      expect(await store.subscribers.get(subscriber.id)).toEqual(subscriber);
      expect(await store.subscribers.get(subscriber.id + 1000)).toBeNull();
    });

    it('subscribing again updates frequency and locale but keeps the cursor and id', async () => {
      const first = await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'reader@example.org', frequency: 'daily' }), 3, at(1));
      const again = await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'reader@example.org', frequency: 'weekly', locale: 'en' }), 99, at(2));
      expect(again.created).toBe(false);
      const expected = { id: first.subscriber.id, email: 'reader@example.org', frequency: 'weekly', locale: 'en', active: true, createdAt: iso(1), lastChangeId: 3 };
      expect(again.subscriber).toEqual(expected);
      expect(await store.subscribers.get(first.subscriber.id)).toEqual(expected);
      expect(await store.subscribers.list()).toHaveLength(1);
    });

    it('e-mail addresses are kept lower-case and matched in any case', async () => {
      const { subscriber } = await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'Analyst@Example.COM' }), 0);
      expect(subscriber.email).toBe('analyst@example.com');
      expect((await store.subscribers.byEmail('ANALYST@example.com'))?.id).toBe(subscriber.id);
      const again = await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'analyst@EXAMPLE.com', frequency: 'weekly' }), 0);
      expect(again).toMatchObject({ created: false, subscriber: { id: subscriber.id, frequency: 'weekly' } });
      expect(await store.subscribers.unsubscribe('ANALYST@EXAMPLE.COM')).toBe(true);
    });

    it('unsubscribe makes a subscriber inactive; subscribing again reactivates', async () => {
      const id = await subscriberId('reader@example.org', 5);
      expect(await store.subscribers.unsubscribe('reader@example.org')).toBe(true);
      expect(await store.subscribers.get(id)).toMatchObject({ active: false, lastChangeId: 5 });
      expect(await store.subscribers.unsubscribe('reader@example.org')).toBe(false);
      expect(await store.subscribers.unsubscribe('stranger@example.org')).toBe(false);

      const back = await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'reader@example.org' }), 9);
      expect(back).toMatchObject({ created: false, subscriber: { id, active: true, lastChangeId: 9 } });
      // Coming back means hearing of changes from now on, not the backlog since leaving.
      expect(await store.subscribers.get(id)).toMatchObject({ active: true, lastChangeId: 9 });
      // An active subscriber who subscribes again (to change frequency) keeps their place.
      await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'reader@example.org', frequency: 'weekly' }), 12);
      expect(await store.subscribers.get(id)).toMatchObject({ frequency: 'weekly', lastChangeId: 9 });
    });

    it('list filters by frequency and by active', async () => {
      const daily = await subscriberId('daily@example.org');
      await store.subscribers.subscribe(subscriptionSchema.parse({ email: 'weekly@example.org', frequency: 'weekly' }), 0);
      const gone = await subscriberId('gone@example.org');
      await store.subscribers.unsubscribe('gone@example.org');

      const emails = async (options: Parameters<Store['subscribers']['list']>[0]) => (await store.subscribers.list(options)).map((s) => s.email);
      expect(await emails({})).toEqual(['daily@example.org', 'weekly@example.org', 'gone@example.org']);
      expect(await emails({ frequency: 'daily' })).toEqual(['daily@example.org', 'gone@example.org']);
      expect(await emails({ activeOnly: true })).toEqual(['daily@example.org', 'weekly@example.org']);
      expect(await emails({ frequency: 'daily', activeOnly: true })).toEqual(['daily@example.org']);
      expect(await emails({ frequency: 'immediate' })).toEqual([]);
      expect(daily).toBeLessThan(gone);
    });
  });

  describe('deliveries', () => {
    const message = (n: number) => ({ subject: `年报监测 第${n}期`, text: `正文 ${n}`, html: `<p>正文 ${n}</p>`, messageId: `<digest-${n}@nianbao.test>` });
    const claimFor = (subscriberId: number, periodKey: string, changeFrom: number, changeTo: number, n = 1): Claim => ({ subscriberId, periodKey, changeFrom, changeTo, message: message(n) });
    const cursor = async (id: number) => (await store.subscribers.get(id))?.lastChangeId;

    it('the first claim stores a pending delivery and moves the cursor', async () => {
      const id = await subscriberId('reader@example.org', 4);
      const delivery = await store.deliveries.claim(claimFor(id, '2024-03-01', 4, 9), at(10));
      expect(delivery).toEqual({
        id: delivery?.id,
        subscriberId: id,
        email: 'reader@example.org',
        periodKey: '2024-03-01',
        changeFrom: 4,
        changeTo: 9,
        ...message(1),
        status: 'pending',
        error: null,
        attempts: 0,
        createdAt: iso(10),
        sentAt: null,
      });
      expect(await cursor(id)).toBe(9);
      expect(await store.deliveries.find(id, '2024-03-01')).toEqual(delivery);
      expect(await store.deliveries.find(id, '2024-03-02')).toBeNull();
    });

    it('a second claim for the same subscriber and period gets null and leaves the cursor', async () => {
      const id = await subscriberId('reader@example.org', 4);
      const first = await store.deliveries.claim(claimFor(id, '2024-03-01', 4, 9));
      expect(first).not.toBeNull();

      // A retried job that read the cursor before the first claim.
      expect(await store.deliveries.claim(claimFor(id, '2024-03-01', 4, 9, 2))).toBeNull();
      expect(await cursor(id)).toBe(9);
      // A retried job that read the cursor after it: the period already has its delivery, so the cursor must not move.
      expect(await store.deliveries.claim(claimFor(id, '2024-03-01', 9, 12, 3))).toBeNull();
      expect(await cursor(id)).toBe(9);

      expect(await store.deliveries.find(id, '2024-03-01')).toMatchObject({ id: first?.id, changeTo: 9, ...message(1) });
      expect(await store.deliveries.list()).toHaveLength(1);
    });

    it('a claim with a stale cursor gets null and writes nothing', async () => {
      const id = await subscriberId('reader@example.org', 4);
      await store.deliveries.claim(claimFor(id, '2024-03-01', 4, 9));
      expect(await store.deliveries.claim(claimFor(id, '2024-03-02', 4, 15))).toBeNull();
      expect(await cursor(id)).toBe(9);
      expect(await store.deliveries.find(id, '2024-03-02')).toBeNull();
      expect(await store.deliveries.claim(claimFor(id + 1000, '2024-03-02', 0, 15))).toBeNull();

      // The next period, read from the moved cursor, goes through.
      expect(await store.deliveries.claim(claimFor(id, '2024-03-02', 9, 15))).toMatchObject({ changeFrom: 9, changeTo: 15 });
      expect(await cursor(id)).toBe(15);
    });

    it('markSent and markFailed record status, attempts, error and sent time', async () => {
      const id = await subscriberId('reader@example.org');
      const delivery = await store.deliveries.claim(claimFor(id, '2024-03-01', 0, 3));
      if (!delivery) throw new Error('claim failed');

      await store.deliveries.markFailed(delivery.id, 'ERR_MAIL_TRANSIENT: 421 try later');
      expect(await store.deliveries.find(id, '2024-03-01')).toMatchObject({ status: 'failed', error: 'ERR_MAIL_TRANSIENT: 421 try later', attempts: 1, sentAt: null });
      await store.deliveries.markFailed(delivery.id, 'ERR_MAIL_TRANSIENT: timeout');
      expect(await store.deliveries.find(id, '2024-03-01')).toMatchObject({ status: 'failed', error: 'ERR_MAIL_TRANSIENT: timeout', attempts: 2, sentAt: null });
      await store.deliveries.markSent(delivery.id, at(20));
      expect(await store.deliveries.find(id, '2024-03-01')).toMatchObject({ status: 'sent', error: null, attempts: 3, sentAt: iso(20) });
    });

    it('list joins the e-mail, newest first, with a limit', async () => {
      const a = await subscriberId('a@example.org');
      const b = await subscriberId('b@example.org');
      const first = await store.deliveries.claim(claimFor(a, '2024-03-01', 0, 2, 1));
      const second = await store.deliveries.claim(claimFor(b, '2024-03-01', 0, 2, 2));
      const third = await store.deliveries.claim(claimFor(a, '2024-03-02', 2, 5, 3));
      const listed = await store.deliveries.list();
      expect(listed.map((d) => [d.id, d.email, d.subject])).toEqual([
        [third?.id, 'a@example.org', message(3).subject],
        [second?.id, 'b@example.org', message(2).subject],
        [first?.id, 'a@example.org', message(1).subject],
      ]);
      expect((await store.deliveries.list({ limit: 2 })).map((d) => d.id)).toEqual([third?.id, second?.id]);
    });

    it('two claims racing for the same subscriber and period: exactly one wins', async () => {
      const id = await subscriberId('reader@example.org', 4);
      const results = await Promise.all([store.deliveries.claim(claimFor(id, '2024-03-01', 4, 9, 1)), store.deliveries.claim(claimFor(id, '2024-03-01', 4, 9, 2))]);
      const winners = results.filter((d) => d !== null);
      expect(winners).toHaveLength(1);
      expect(await cursor(id)).toBe(9);
      const stored = await store.deliveries.find(id, '2024-03-01');
      expect(stored?.subject).toBe(winners[0]?.subject);
      expect(await store.deliveries.list()).toHaveLength(1);
    });

    it('claims racing from two stores for the same cursor but different periods: exactly one wins', async () => {
      const id = await subscriberId('reader@example.org', 4);
      // On PostgreSQL a second store is a second pool, as another worker would have. On SQLite a second connection in this
      // one thread would wait out busy_timeout synchronously while holding up the first, so both claims share one store.
      const other = target.name === 'postgres' ? await opened.reopen() : store;
      const results = await Promise.all([store.deliveries.claim(claimFor(id, '2024-03-01', 4, 9, 1)), other.deliveries.claim(claimFor(id, '2024-03-02', 4, 10, 2))]);
      const winners = results.filter((d) => d !== null);
      expect(winners).toHaveLength(1);
      expect(await cursor(id)).toBe(winners[0]?.changeTo);
      expect(await store.deliveries.list()).toHaveLength(1);
    });
  });
});
