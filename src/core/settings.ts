import { z } from 'zod';
import { NianbaoError } from './errors';
import { redactUrl } from './redact';

/**
 * Every setting, declared once with its environment variable. The type comes from the schema;
 * settings are parsed once at start and frozen. README's configuration table is generated from here.
 */
export const SETTINGS = {
  dataDir: { env: 'NIANBAO_DATA_DIR', schema: z.string().min(1).default('./data'), doc: '数据目录（SQLite 文件、自带 redis-server 的数据、收到的邮件） / data folder' },
  configDir: { env: 'NIANBAO_CONFIG_DIR', schema: z.string().min(1).default('./config'), doc: '配置目录：门户定义在其下的 portals/*.yaml / config folder; portal definitions are its portals/*.yaml' },
  databaseUrl: { env: 'DATABASE_URL', schema: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(), doc: 'PostgreSQL 连接串；不设置则使用数据目录下的 SQLite / PostgreSQL URL; SQLite under the data folder when unset' },
  redisUrl: { env: 'REDIS_URL', schema: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(), doc: 'Redis 连接串；不设置则自动启动本地 redis-server / Redis URL; a local redis-server is started when unset' },
  smtpUrl: { env: 'SMTP_URL', schema: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(), doc: '发信 SMTP 服务器；不设置则用内置 SMTP 收件箱（邮件保存在数据目录） / SMTP server; when unset an in-process sink keeps mail under the data folder' },
  mailFrom: { env: 'MAIL_FROM', schema: z.string().min(3).default('年报监测 <nianbao@localhost>'), doc: '发件人 / sender address' },
  host: { env: 'HOST', schema: z.string().min(1).default('127.0.0.1'), doc: 'Web 服务监听地址 / address the web server listens on' },
  webPassword: { env: 'WEB_PASSWORD', schema: z.string().min(8, 'use at least 8 characters').optional(), doc: 'Web 与 API 的访问密码（HTTP Basic，任意用户名）；监听非本机地址时必须设置 / password for the web UI and API (HTTP Basic, any user name); required when HOST is not loopback' },
  port: { env: 'PORT', schema: z.coerce.number().int().min(0).max(65535).default(3000), doc: 'Web 服务端口 / web server port' },
  publicUrl: { env: 'PUBLIC_URL', schema: z.url().optional(), doc: '对外访问地址，用于邮件中的链接 / public base URL used in e-mails' },
  contactUrl: { env: 'CONTACT_URL', schema: z.url().default('https://github.com/nianbao/nianbao'), doc: 'User-Agent 中的联系地址 / contact URL sent in the User-Agent' },
  locale: { env: 'NIANBAO_LOCALE', schema: z.enum(['zh-CN', 'en']).default('zh-CN'), doc: '界面与命令行语言 / language of CLI and messages' },
  queuePrefix: { env: 'NIANBAO_QUEUE_PREFIX', schema: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('nianbao'), doc: 'BullMQ 键前缀 / BullMQ key prefix' },
  workerConcurrency: { env: 'WORKER_CONCURRENCY', schema: z.coerce.number().int().min(1).max(64).default(2), doc: '每个进程并发抓取任务数 / crawl jobs per process' },
  crawlTimeoutSeconds: { env: 'CRAWL_TIMEOUT_SECONDS', schema: z.coerce.number().int().min(1).max(600).default(30), doc: '单个请求超时秒数 / seconds before a portal request times out' },
  crawlMaxBytes: { env: 'CRAWL_MAX_BYTES', schema: z.coerce.number().int().min(1024).default(10 * 1024 * 1024), doc: '单个页面或附件的大小上限 / size cap of one page or attachment' },
  crawlRequestsPerSecond: { env: 'CRAWL_REQUESTS_PER_SECOND', schema: z.coerce.number().min(0.01).max(100).default(1), doc: '每个网站每秒请求数，所有进程共享 / requests per second per host, shared by all processes' },
  chromiumPath: { env: 'CHROMIUM_PATH', schema: z.string().min(1).default('/usr/bin/chromium'), doc: '浏览器模式使用的 Chromium / Chromium used in browser mode' },
  adminEmails: {
    env: 'ADMIN_EMAILS',
    schema: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.email({ error: 'list e-mail addresses separated by commas' }))),
    doc: '管理员邮箱（逗号分隔）：其摘要包含持续失败的门户 / admin e-mails (comma-separated): their digests list failing portals',
  },
  failingAfter: { env: 'FAILING_AFTER', schema: z.coerce.number().int().min(1).max(100).default(3), doc: '连续失败多少次后门户显示为“失败” / consecutive failures before a portal shows as failing' },
  immediateDigestDelaySeconds: { env: 'IMMEDIATE_DIGEST_DELAY_SECONDS', schema: z.coerce.number().int().min(0).max(86_400).default(60), doc: '“即时”订阅在首个变化后等待多少秒再发信，以合并一批变化 / seconds an immediate digest waits to gather a burst of changes' },
  logLevel: { env: 'LOG_LEVEL', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: '日志级别 / log level' },
} as const;

type SettingsSpec = typeof SETTINGS;
export type Settings = Readonly<{ [K in keyof SettingsSpec]: z.output<SettingsSpec[K]['schema']> }>;

/** Parses settings from an environment; one error lists every bad variable with its fix. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const raw = env[spec.env];
    const result = (spec.schema as z.ZodType).safeParse(raw === '' ? undefined : raw);
    if (result.success) values[key] = result.data;
    // Connection strings carry passwords: the message shows where the value is wrong, never the secret.
    else problems.push(`  ${spec.env}=${JSON.stringify(redactUrl(raw ?? ''))}: ${result.error.issues.map((i) => i.message).join('; ')} (${spec.doc})`);
  }
  if (problems.length > 0) {
    throw new NianbaoError('ERR_CONFIG_INVALID', `环境变量无效 / invalid environment variables:\n${problems.join('\n')}`, { details: { problems } });
  }
  return Object.freeze(values) as Settings;
}

/** How nianbao introduces itself to portals: the product, its version, and where to reach its operators. */
export function userAgentFor(settings: Pick<Settings, 'contactUrl'>): string {
  return `nianbao/0.1 (+${settings.contactUrl})`;
}
