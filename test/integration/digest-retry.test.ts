import { expect, it } from 'vitest';
import { sendDigest } from '../../jobs/send-digest';
import { NianbaoError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { hashText, normalizeText } from '../../src/extract';
import type { Store } from '../../src/store';
import { storeTargets } from '../support/databases';

function obs(n: number) {
  const text = `一、基本情况\n\n全年办理行政复议案件${n}件。这是第${n}份报告的正文内容。`;
  const normalizedText = normalizeText(text);
  const url = `https://a.gov.cn/r/${n}.html`;
  return { portalId: 'p', key: url, url, linkTitle: `2023年法治政府建设年度报告${n}`, page: { title: `报告${n}`, publisher: null, date: '2024-03-01', dateConfidence: 'high' as const, indexNo: null, docNo: null, category: null, type: 'law-based-government', year: 2023, text, normalizedText, hash: hashText(normalizedText) }, figures: [], raw: Buffer.from(text), rawContentType: 'text/html', fetchedAt: new Date() };
}

function deps(store: Store, sent: string[], failFirst: { n: number }) {
  return {
    store, queues: null as never, logger: createLogger('silent'), reportTypes: [], crawl: null as never, messageIdDomain: 'x', publicUrl: 'http://x', admin: { emails: [], failingAfter: 3 }, immediateDigestDelayMs: 0,
    mailer: { async send(m: { text: string }) { if (failFirst.n-- > 0) throw new NianbaoError('ERR_MAIL_TRANSIENT', 'SMTP: 421 try later'); sent.push(m.text); return { messageId: '', response: '' }; }, async verify() {}, close() {} },
  } as never;
}

/** A transient SMTP failure, then a new change before BullMQ retries: the retry must still deliver the first change (found in review). */
it.each(storeTargets().map((t) => [t.name, t] as const))('[%s] an immediate digest retried after a new change still carries the first change', async (_n, target) => {
  const opened = await target.open();
  const store = opened.store;
  try {
    await store.portals.sync([{ id: 'p', name: 'P', regions: [], listings: [{ url: 'https://a.gov.cn/', pages: 1 }], reportTypes: ['law-based-government'], schedule: { cron: '0 8 * * *', timezone: 'Asia/Shanghai' }, fetchMode: 'http' }]);
    const { subscriber } = await store.subscribers.subscribe({ email: 'a@b.cn', frequency: 'immediate', locale: 'zh-CN' }, 0);
    await store.reports.record(obs(1), null);
    const sent: string[] = [];
    const d = deps(store, sent, { n: 1 });
    const job = { data: { kind: 'immediate', subscriberId: subscriber.id } } as never;
    await expect(sendDigest(job, d)).rejects.toThrow(/421/); // attempt 1: transient SMTP failure
    await store.reports.record(obs(2), null); // another check finds a report before the retry
    expect(await sendDigest(job, d)).toMatchObject({ status: 'sent' }); // BullMQ retries the same job
    expect((await store.deliveries.list()).map((x) => [x.periodKey, x.status])).toEqual([['upto-2', 'sent'], ['upto-1', 'sent']]);
    const all = sent.join('\n');
    expect(all).toContain('报告2');
    expect(all).toContain('报告1');
  } finally {
    await opened.cleanup();
  }
});
