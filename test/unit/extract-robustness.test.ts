import { describe, expect, it } from 'vitest';
import { isNianbaoError } from '../../src/core/errors';
import { extractPage } from '../../src/extract';
import { extractFigures } from '../../src/figures';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its index. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = ['div', 'p', 'span', 'table', 'tr', 'td', 'th', 'ul', 'li', 'a', 'h1', 'br', 'script', 'style', 'font', 'b', 'iframe', 'meta', 'title', 'nav', 'footer'];
const CLASSES = ['TRS_Editor', 'content', 'nav', 'footer', 'share', 'position', 'zoom', 'article', 'xgwz', ''];
const WORDS = ['法治政府建设', '年度报告', '收到行政复议申请', '41件', '万元', '百分之九十', '十多场次', '〔2023〕10号', '|', '来源：', '发布日期：2024-01-02', '访问量：', '“十四五”', '2.37万件', '(', ')', '，', '。', '鎮(zhèn)', '&nbsp;', '&#x4e00;', '\u0000', '\ufffd', '<', '>', '"', "'"];

function randomHtml(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const parts: string[] = [];
  const depth: string[] = [];
  const length = 5 + Math.floor(next() * 200);
  for (let i = 0; i < length; i++) {
    const roll = next();
    if (roll < 0.3) {
      const tag = pick(TAGS);
      const attrs = next() < 0.5 ? ` class="${pick(CLASSES)}"` : next() < 0.5 ? ` rowspan="${Math.floor(next() * 99)}" colspan="${Math.floor(next() * 99) - 5}"` : next() < 0.3 ? ' style="display:none"' : '';
      parts.push(`<${tag}${attrs}>`);
      depth.push(tag);
    } else if (roll < 0.45 && depth.length) {
      parts.push(`</${depth.pop()}>`);
    } else if (roll < 0.5) {
      parts.push(pick(['<!--', '-->', '<![CDATA[', '</', '<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=big5">', '<table><tr><td rowspan=3>']));
    } else {
      parts.push(Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(WORDS)).join(''));
    }
  }
  return `${next() < 0.8 ? '<html><body>' : ''}${parts.join('')}`;
}

function randomBytes(next: () => number): Buffer {
  const bytes = Buffer.alloc(Math.floor(next() * 4096));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

function outcome(run: () => unknown): 'ok' | string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (isNianbaoError(error) && error.code.startsWith('ERR_EXTRACT_')) return error.code;
    throw error;
  }
}

describe('extractPage on hostile input', () => {
  it('answers random bytes with a page or an ERR_EXTRACT_* error, never anything else', () => {
    const next = random(20240102);
    const codes = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const body = randomBytes(next);
      const contentType = next() < 0.5 ? 'application/octet-stream' : next() < 0.5 ? 'text/html; charset=gbk' : null;
      codes.add(outcome(() => extractPage({ body, url: `http://example.test/${i}`, contentType })));
    }
    expect(codes).toContain('ERR_EXTRACT_NOT_HTML');
  });

  it('answers random HTML with a page or an ERR_EXTRACT_* error, and finds bodies in some', () => {
    const next = random(20231231);
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const html = randomHtml(next);
      const body = next() < 0.5 ? html : Buffer.from(html, 'utf8');
      const result = outcome(() => {
        const page = extractPage({ body, url: `http://example.test/t20240213_${i}.html` });
        expect(page.hash).toMatch(/^[0-9a-f]{64}$/);
        extractFigures(page.text);
      });
      counts.set(result, (counts.get(result) ?? 0) + 1);
    }
    expect(counts.get('ok')).toBeGreaterThan(20);
    expect(counts.get('ERR_EXTRACT_NO_BODY')).toBeGreaterThan(20);
  });

  it('extracts figures from any text without throwing', () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: Math.floor(next() * 80) }, () => WORDS[Math.floor(next() * WORDS.length)] + (next() < 0.2 ? '\n' : '')).join('');
      expect(Array.isArray(extractFigures(text))).toBe(true);
    }
  });

  it('names the page in its errors, in Chinese then English', () => {
    expect(() => extractPage({ body: Buffer.from('%PDF-1.7\n…'), url: 'http://example.test/a.pdf' })).toThrowError(
      expect.objectContaining({ code: 'ERR_EXTRACT_NOT_HTML', message: '不是可解析的页面 / not a page that can be parsed: http://example.test/a.pdf' }),
    );
    expect(() => extractPage({ body: '<html><body><div class="nav">首页</div></body></html>', url: 'http://example.test/empty' })).toThrowError(
      expect.objectContaining({ code: 'ERR_EXTRACT_NO_BODY', message: '未能提取正文 / no report body found: http://example.test/empty', retryable: false }),
    );
  });
});
