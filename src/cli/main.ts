import { Command, Option } from 'commander';
import { isNianbaoError, NianbaoError } from '../core/errors';
import { runningOwnRedis } from '../app/redis-server';
import { parseOrThrow } from '../core/validation';
import type { Settings } from '../core/settings';
import { subscriptionSchema } from '../store';
import { discoverJobSchema, enqueueCheck } from '../../jobs/queues';
import { configuredPortals, loadSettings, say, withQueues, withStore } from './context';
import { waitForSignal } from './signals';

/** Expected failures print their code and message; config and input errors exit 2, others 1. */
function exitWith(error: unknown): never {
  if (isNianbaoError(error)) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
    process.exit(error.code === 'ERR_CONFIG_INVALID' || error.code === 'ERR_INPUT_INVALID' ? 2 : 1);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

let settings: Settings;
try {
  settings = loadSettings();
} catch (error) {
  exitWith(error);
}
const t = (zh: string, en: string) => say(settings, zh, en);
const print = (value: unknown, json: boolean, human: () => string) => process.stdout.write(`${json ? JSON.stringify(value, null, 2) : human()}\n`);

const program = new Command('nianbao').description(t('年报监测：监测政府门户网站的年度报告', 'Watch government portals for annual reports')).showHelpAfterError();

program
  .command('start')
  .description(t('启动完整服务（Web、任务处理、定时检查）', 'start the service: web API, workers and schedules'))
  .option('--no-web', t('不启动 Web 服务', 'do not serve the web API'))
  .option('--no-workers', t('不处理任务', 'do not run queue workers'))
  .action(async (options: { web: boolean; workers: boolean }) => {
    const { startRuntime } = await import('../app/runtime');
    const runtime = await startRuntime({ settings, roles: { web: options.web, workers: options.workers, config: true } });
    process.stderr.write(`${t('已启动', 'started')}: ${runtime.portals.length} ${t('个门户', 'portals')}${runtime.webUrl ? `, ${runtime.webUrl}` : ''}\n`);
    await waitForSignal();
    await runtime.stop();
  });

program
  .command('worker')
  .description(t('只运行任务处理进程（横向扩展用，需 REDIS_URL 与 DATABASE_URL）', 'run queue workers only (scale-out; needs REDIS_URL and DATABASE_URL)'))
  .action(async () => {
    const { startRuntime } = await import('../app/runtime');
    // A worker joins a queue; it never starts a Redis of its own, which no other process would see.
    const redisUrl = settings.redisUrl ?? runningOwnRedis(settings.dataDir);
    if (!redisUrl) {
      throw new NianbaoError('ERR_CONFIG_INVALID', t(`worker 需要 REDIS_URL，或同一数据目录（${settings.dataDir}）下正在运行的 "nianbao start"`, `worker needs REDIS_URL, or a running "nianbao start" on the same data folder (${settings.dataDir})`));
    }
    const runtime = await startRuntime({ settings: { ...settings, redisUrl }, roles: { web: false, workers: true, config: false } });
    await waitForSignal();
    await runtime.stop();
  });

program
  .command('demo')
  .description(t('启动内置演示：模拟门户 + 完整服务 + 演示订阅者', 'run the bundled demo: simulated portal, whole service, a demo subscriber'))
  .action(async () => {
    const { runDemo } = await import('../demo/run');
    await runDemo(settings);
  });

program
  .command('validate')
  .description(t('检查门户配置文件', 'check the portal config files'))
  .action(async () => {
    const portals = await configuredPortals(settings);
    process.stdout.write(`${t('配置有效', 'config is valid')}: ${portals.length} ${t('个门户', 'portals')}\n`);
    if (portals.length === 0) process.stderr.write(t(`提示：没有门户。请把门户定义放在 ${settings.configDir}/portals/*.yaml（示例见 config/portals/example.yaml.sample）\n`, `note: no portals; put portal definitions in ${settings.configDir}/portals/*.yaml (see config/portals/example.yaml.sample)\n`));
  });

const portals = program.command('portals').description(t('门户', 'watched portals'));
portals
  .command('list')
  .option('--json', 'JSON')
  .action(async (options: { json?: boolean }) => {
    const list = await withStore(settings, (store) => store.portals.list());
    print(list, !!options.json, () =>
      list.map((p) => `${p.portal.id}\t${p.portal.name}\t${t('上次成功', 'last success')}: ${p.lastSuccessAt ?? '-'}\t${t('连续失败', 'failures')}: ${p.consecutiveFailures}`).join('\n') || t('（没有门户）', '(no portals)'),
    );
  });
portals
  .command('check <id>')
  .description(t('立即检查一个门户', 'check a portal now'))
  .option('--wait', t('等待检查完成并显示进度', 'wait for the check and show progress'))
  .action(async (id: string, options: { wait?: boolean }) => {
    const known = await withStore(settings, (store) => store.portals.get(id));
    if (!known || known.removed) throw new NianbaoError('ERR_INPUT_INVALID', t(`没有这个门户：${id}（见 "nianbao portals list"）`, `no such portal: ${id} (see "nianbao portals list")`));
    await withQueues(settings, async (queues) => {
      const jobId = await enqueueCheck(queues, id);
      process.stderr.write(`${t('已加入队列', 'queued')}: ${jobId}\n`);
      if (!options.wait) return;
      const { waitForJob } = await import('../../jobs/wait');
      const result = await waitForJob(queues.check, jobId, {
        onProgress: (progress) => process.stderr.write(`\r${t('进度', 'progress')}: ${JSON.stringify(progress)}   `),
      });
      process.stderr.write('\n');
      print(result, true, () => '');
    });
  });

program
  .command('subscribe <email>')
  .description(t('订阅摘要邮件', 'subscribe to digests'))
  .addOption(new Option('-f, --frequency <frequency>', t('频率', 'how often')).choices(['immediate', 'daily', 'weekly']).default('daily'))
  .addOption(new Option('--locale <locale>', t('语言', 'language')).choices(['zh-CN', 'en']).default('zh-CN'))
  .action(async (email: string, options: { frequency: string; locale: string }) => {
    const subscription = parseOrThrow(subscriptionSchema, { email, ...options }, 'command line');
    const { subscriber, created } = await withStore(settings, async (store) => store.subscribers.subscribe(subscription, await store.reports.maxChangeId()));
    process.stdout.write(`${created ? t('已订阅', 'subscribed') : t('已更新订阅', 'subscription updated')}: ${subscriber.email} (${subscriber.frequency})\n`);
  });

program
  .command('unsubscribe <email>')
  .action(async (email: string) => {
    const done = await withStore(settings, (store) => store.subscribers.unsubscribe(email));
    process.stdout.write(`${done ? t('已退订', 'unsubscribed') : t('未找到该订阅', 'no such subscription')}: ${email}\n`);
    if (!done) process.exitCode = 1;
  });

program
  .command('subscribers')
  .option('--json', 'JSON')
  .action(async (options: { json?: boolean }) => {
    const list = await withStore(settings, (store) => store.subscribers.list());
    print(list, !!options.json, () => list.map((s) => `${s.email}\t${s.frequency}\t${s.active ? t('有效', 'active') : t('已退订', 'unsubscribed')}`).join('\n'));
  });

program
  .command('jobs')
  .description(t('任务状态', 'job status'))
  .option('--json', 'JSON')
  .action(async (options: { json?: boolean }) => {
    const { jobsStatus } = await import('../api/jobs-status');
    const status = await withStore(settings, (store) => withQueues(settings, (queues) => jobsStatus(queues, store, settings.failingAfter)));
    print(status, !!options.json, () =>
      [
        ...status.queues.map((q) => `${q.name}: ${Object.entries(q.counts).map(([k, v]) => `${k}=${v}`).join(' ')}${q.recentFailures.map((f) => `\n  ✗ ${f.id}: ${f.reason}`).join('')}`),
        ...status.portals.filter((p) => p.failing).map((p) => `${t('门户持续失败', 'portal failing')}: ${p.id} (${p.consecutiveFailures}) ${p.lastError}`),
      ].join('\n'),
    );
  });

program
  .command('reports')
  .description(t('已发现的报告', 'reports found'))
  .option('--portal <id>')
  .option('--json', 'JSON')
  .action(async (options: { portal?: string; json?: boolean }) => {
    const list = await withStore(settings, (store) => store.reports.list(options.portal ? { portalId: options.portal } : {}));
    print(list, !!options.json, () => list.map((r) => `${r.publishedDate ?? '          '}  v${r.versions.length}  ${r.title}\n            ${r.url}`).join('\n'));
  });

program
  .command('coverage')
  .description(t('各门户是否已发布今年应发布的报告（已发布 / 未到期 / 逾期）', 'whether each portal has published the reports due (published / pending / overdue)'))
  .option('--year <year>', t('报告年度（默认上一年）', 'report year (default: last year)'))
  .option('--json', 'JSON')
  .action(async (options: { year?: string; json?: boolean }) => {
    const { coverageNow } = await import('../api/coverage-view');
    const rows = await withStore(settings, (store) => coverageNow(store, options.year ? Number(options.year) : undefined));
    const label = { published: t('已发布', 'published'), pending: t('未到期', 'pending'), overdue: t('逾期', 'OVERDUE') };
    print(rows, !!options.json, () => rows.map((r) => `${label[r.status]}\t${r.portalName}\t${r.year}${r.typeName}\t${t('截止', 'due')} ${r.deadline}${r.report ? `\t${r.report.url}` : ''}`).join('\n'));
  });

program
  .command('deliveries')
  .description(t('已发送的摘要', 'digests sent'))
  .option('--json', 'JSON')
  .action(async (options: { json?: boolean }) => {
    const list = await withStore(settings, (store) => store.deliveries.list());
    print(list.map(({ text: _t, html: _h, ...d }) => d), !!options.json, () => list.map((d) => `${d.sentAt ?? d.createdAt}  ${d.status}  ${d.email}  ${d.subject}`).join('\n'));
  });

program
  .command('discover <listing-url>')
  .description(t('试抓一个列表页：显示检查会看到的链接及其分类（不保存）', 'dry-run a listing: the links a check would see and how they classify (stores nothing)'))
  .addOption(new Option('--mode <mode>', t('抓取方式', 'fetch mode')).choices(['http', 'browser', 'auto']).default('auto'))
  .option('--pages <n>', t('最多翻几页', 'listing pages to walk'), '1')
  .option('--json', 'JSON')
  .action(async (url: string, options: { mode: 'http' | 'browser' | 'auto'; pages: string; json?: boolean }) => {
    const input = parseOrThrow(discoverJobSchema, { url, mode: options.mode, pages: Number(options.pages) }, 'command line');
    const { runDiscover } = await import('./discover');
    const result = await runDiscover(input, settings);
    print(result, !!options.json, () =>
      [
        `${t('方式', 'mode')}: ${result.mode}  ${t('页数', 'pages')}: ${result.pages}`,
        ...result.links.map((l) => `${l.report ? '★' : ' '} ${l.date ?? '          '}  ${l.title}${l.report ? `  [${l.type} ${l.year ?? ''}]` : ''}\n    ${l.url}`),
        ...result.errors.map((e) => `✗ ${e.code}: ${e.message}`),
      ].join('\n'),
    );
  });

program
  .command('extract <file-or-url>')
  .description(t('提取一个页面的正文、元数据和数字（不保存）', 'extract text, metadata and figures of one page (stores nothing)'))
  .option('--json', 'JSON')
  .action(async (target: string, options: { json?: boolean }) => {
    const { runExtract } = await import('./extract');
    const result = await runExtract(target, settings);
    print(result, !!options.json, () => `${result.title ?? ''}\n${result.publisher ?? ''} ${result.date ?? ''}\n${result.figures.length} ${t('个数字', 'figures')}\n\n${result.text}`);
  });

program.parseAsync().catch(exitWith);
