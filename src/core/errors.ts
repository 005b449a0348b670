/**
 * Every error the product raises on purpose carries a stable code and says whether
 * trying again can help. Job processors turn `retryable: false` into BullMQ's
 * UnrecoverableError in one place (jobs/outcome.ts); everything else is retried with backoff.
 */
export const ERROR_CODES = {
  ERR_CONFIG_INVALID: { retryable: false, zh: '配置无效', en: 'invalid configuration' },
  ERR_INPUT_INVALID: { retryable: false, zh: '输入无效', en: 'invalid input' },
  ERR_NOT_FOUND: { retryable: false, zh: '不存在', en: 'not found' },
  ERR_REDIS_MISSING: { retryable: false, zh: '未安装 redis-server', en: 'redis-server is not installed' },
  ERR_REDIS_START: { retryable: false, zh: 'redis-server 启动失败', en: 'redis-server failed to start' },
  ERR_DB: { retryable: true, zh: '数据库错误', en: 'database error' },
  ERR_CRAWL_TIMEOUT: { retryable: true, zh: '抓取超时', en: 'crawl timed out' },
  ERR_CRAWL_HTTP: { retryable: true, zh: '门户返回错误状态', en: 'portal answered with an error status' },
  ERR_CRAWL_NOT_FOUND: { retryable: false, zh: '页面不存在', en: 'page not found' },
  ERR_CRAWL_BLOCKED: { retryable: true, zh: '被门户拦截（反爬验证）', en: 'blocked by a bot challenge' },
  ERR_CRAWL_NETWORK: { retryable: true, zh: '网络错误', en: 'network error' },
  ERR_CRAWL_REDIRECTS: { retryable: false, zh: '重定向过多（循环）', en: 'too many redirects (a loop)' },
  ERR_CRAWL_ROBOTS: { retryable: false, zh: 'robots.txt 不允许抓取', en: 'disallowed by robots.txt' },
  ERR_CRAWL_TOO_LARGE: { retryable: false, zh: '页面超过大小上限', en: 'page exceeds the size cap' },
  ERR_EXTRACT_NO_BODY: { retryable: false, zh: '未能提取正文', en: 'no report body found' },
  ERR_EXTRACT_NOT_HTML: { retryable: false, zh: '不是可解析的页面', en: 'not a page that can be parsed' },
  ERR_MAIL_AUTH: { retryable: false, zh: '邮件服务器认证失败', en: 'SMTP authentication failed' },
  ERR_MAIL_REJECTED: { retryable: false, zh: '邮件被拒收', en: 'message rejected by the SMTP server' },
  ERR_MAIL_TRANSIENT: { retryable: true, zh: '邮件服务器暂时不可用', en: 'SMTP server temporarily unavailable' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class NianbaoError extends Error {
  override readonly name = 'NianbaoError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** Extra facts for logs and job failure reasons (url, status, file, field …). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown>; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = Object.freeze({ ...options.details });
  }
}

export function isNianbaoError(error: unknown): error is NianbaoError {
  return error instanceof NianbaoError;
}
