import pg from 'pg';
import { expect, it } from 'vitest';
import { portalSchema } from '../../src/core/portal';
import { hashText, normalizeText } from '../../src/extract';
import type { Observation } from '../../src/store';
import { storeTargets } from '../support/databases';

function observation(name: string): Observation {
  const text = `一、基本情况\n\n${name}全年办理行政复议案件12件。`;
  const normalizedText = normalizeText(text);
  const url = `https://a.gov.cn/r/${name}.html`;
  return {
    portalId: 'pp',
    key: url,
    url,
    linkTitle: `${name}2023年法治政府建设年度报告`,
    page: { title: null, publisher: null, date: null, dateConfidence: null, indexNo: null, docNo: null, category: null, type: null, year: null, text, normalizedText, hash: hashText(normalizedText) },
    figures: [],
    raw: Buffer.from(text),
    rawContentType: 'text/html',
    fetchedAt: new Date(),
  };
}

const postgres = storeTargets().find((t) => t.name === 'postgres');

/**
 * Digests take changes by id range, so an id must never become visible after a larger one: two workers
 * whose transactions commit out of order would otherwise make a digest skip a change for good.
 * A trigger holds worker A's transaction for a second right after its change row is written.
 */
it.skipIf(!postgres)('on PostgreSQL a change id becomes visible only after every smaller one', async () => {
  const opened = await postgres!.open();
  const { store } = opened;
  const admin = new pg.Client({ connectionString: opened.url });
  await admin.connect();
  try {
    await store.portals.sync([portalSchema.parse({ id: 'pp', name: 'P', listings: [{ url: 'https://a.gov.cn/' }] })]);
    await admin.query(`CREATE FUNCTION slow_change() RETURNS trigger AS $$
      BEGIN IF EXISTS (SELECT 1 FROM reports WHERE id = NEW.report_id AND url LIKE '%slow%') THEN PERFORM pg_sleep(1); END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await admin.query('CREATE TRIGGER slow_change AFTER INSERT ON changes FOR EACH ROW EXECUTE FUNCTION slow_change()');

    const slow = store.reports.record(observation('slow'), null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.reports.record(observation('fast'), null);
    // What a digest taken right now would see.
    const upTo = await store.reports.maxChangeId();
    const visible = (await store.reports.changesBetween(0, upTo)).map((c) => c.url);
    const slowOutcome = await slow;
    expect(slowOutcome.outcome).toBe('new');
    expect(visible).toEqual(['https://a.gov.cn/r/slow.html', 'https://a.gov.cn/r/fast.html']);
  } finally {
    await admin.end();
    await opened.cleanup();
  }
});
