import path from 'node:path';
import { enqueueCheck } from '../../jobs/queues';
import { waitForJob } from '../../jobs/wait';
import { loadPortalFiles } from '../app/portal-files';
import { startRuntime, type Runtime } from '../app/runtime';
import { NianbaoError } from '../core/errors';
import type { Settings } from '../core/settings';
import { waitForSignal } from '../cli/signals';
import { startDemoPortal, type DemoPortal } from './portal';

export const DEMO_SUBSCRIBER = 'demo@nianbao.local';

/** A fresh demo plays its timeline; a restarted one serves the portal as it last was, so nothing looks changed. */
async function startPortalAt(listingUrl: string, resume: boolean): Promise<DemoPortal> {
  const { hostname, port } = new URL(listingUrl);
  try {
    const portal = await startDemoPortal({ host: hostname, port: Number(port), ...(resume ? {} : { timeline: { newReportAfterMs: 20_000, revisionAfterMs: 40_000 } }) });
    if (resume) portal.advance(), portal.advance();
    return portal;
  } catch (cause) {
    throw new NianbaoError('ERR_CONFIG_INVALID', `演示门户无法监听 ${hostname}:${port}（端口被占用？）/ the demo portal cannot listen there (port in use?)`, { cause });
  }
}

/**
 * The demo subscriber joins once the portal has been indexed, as a user joining a running
 * service would: the digest then names what happened since (the new report and the revision).
 */
async function subscribeAfterFirstCheck(runtime: Runtime, portalIds: string[]): Promise<void> {
  if (await runtime.store.subscribers.byEmail(DEMO_SUBSCRIBER)) return;
  for (const id of portalIds) {
    const jobId = await enqueueCheck(runtime.queues, id);
    await waitForJob(runtime.queues.check, jobId, { timeoutMs: 60_000 });
  }
  await runtime.store.subscribers.subscribe({ email: DEMO_SUBSCRIBER, frequency: 'immediate', locale: runtime.settings.locale }, await runtime.store.reports.maxChangeId());
}

/**
 * `npm run demo`: the whole product on one machine with nothing configured: own redis-server,
 * SQLite and an SMTP sink under data/demo, the simulated portal, the web UI, and a subscriber.
 */
export async function runDemo(base: Settings): Promise<void> {
  const settings: Settings = Object.freeze({
    ...base,
    dataDir: process.env.NIANBAO_DATA_DIR ? base.dataDir : path.join(base.dataDir, 'demo'),
    // Long enough for the revision (40 s) to join the new report (20 s) in one digest.
    immediateDigestDelaySeconds: process.env.IMMEDIATE_DIGEST_DELAY_SECONDS ? base.immediateDigestDelaySeconds : 45,
    // The simulated portal is ours, on loopback: no need for the one-request-a-second courtesy.
    crawlRequestsPerSecond: process.env.CRAWL_REQUESTS_PER_SECOND ? base.crawlRequestsPerSecond : 20,
  });
  const portals = await loadPortalFiles(path.join(settings.configDir, 'demo'));
  const runtime = await startRuntime({ settings, portals, roles: { web: true, workers: true, config: true } });
  let portal: DemoPortal | null = null;
  try {
    const resume = (await runtime.store.reports.list()).some((r) => r.versions.length > 1);
    portal = await startPortalAt(portals[0]!.listings[0]!.url, resume);
    await subscribeAfterFirstCheck(runtime, portals.map((p) => p.id));
    process.stderr.write(
      [
        '',
        '年报监测演示已启动 / nianbao demo is running',
        `  网页 Web:            ${runtime.webUrl}`,
        `  任务面板 Jobs:       ${runtime.webUrl}/admin/queues`,
        `  报告 Reports:        ${runtime.webUrl}/api/reports`,
        `  已发摘要 Digests:    ${runtime.webUrl}/api/deliveries`,
        `  模拟门户 Portal:     ${portal.listingUrl}`,
        `  收到的邮件 Mail:     ${runtime.mailDir}`,
        resume
          ? '  演示时间线已播放过；数据保留在数据目录中。删除该目录可重新开始。 / The timeline already played; delete the data folder to replay it.'
          : `  约 20 秒后门户发布一份新报告，约 40 秒后修订一份报告中的几个数字；约 90 秒内 ${DEMO_SUBSCRIBER} 收到一封摘要。\n  In ~20 s a new report appears, in ~40 s a report is revised; within ~90 s one digest names both.`,
        '  按 Ctrl-C 停止 / press Ctrl-C to stop',
        '',
      ].join('\n'),
    );
    await waitForSignal();
  } finally {
    await runtime.stop();
    await portal?.close();
  }
}
