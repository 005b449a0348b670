import { readFileSync } from 'node:fs';
import { plainArticle, type Article } from './article';

/**
 * The five seeds are texts crawled from real portals, copied byte for byte. Each came from a
 * different site, so each has its own parser: it keeps the report body and moves what the
 * crawler picked up from the page around it (breadcrumb, 来源 line, metadata table, footer)
 * into the fields the page chrome renders.
 */
export const SEED_IDS = ['000', '001', '002', '003', '004'] as const;
export type SeedId = (typeof SEED_IDS)[number];

export function readSeed(seed: SeedId): string {
  return readFileSync(new URL(`./seeds/${seed}.txt`, import.meta.url), 'utf8');
}

export function loadSeedArticles(): Record<SeedId, Article> {
  return {
    '000': parseYanghe(readSeed('000')),
    '001': parseChengzhong(readSeed('001')),
    '002': parseRongjiang(readSeed('002')),
    '003': parseKeqiao(readSeed('003')),
    '004': parseGonghe(readSeed('004')),
  };
}

function linesOf(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

function nonBlank(lines: readonly string[]): string[] {
  return lines.filter((line) => line.length > 0);
}

function capture(text: string, pattern: RegExp): string {
  const value = pattern.exec(text)?.[1];
  if (value === undefined) throw new Error(`demo seed does not match ${pattern}`);
  return value.trim();
}

function indexOfLine(lines: readonly string[], test: (line: string) => boolean, from = 0): number {
  const index = lines.findIndex((line, i) => i >= from && test(line));
  if (index < 0) throw new Error('demo seed lacks an expected line');
  return index;
}

/**
 * 柳州市阳和工业新区: title, 来源 | 发布日期 line, body, then a 法治政府建设专题 block that
 * repeats all three, then the site footer. The repeat is kept (see `repeatsBody`).
 */
function parseYanghe(text: string): Article {
  const lines = linesOf(text);
  const infoAt = indexOfLine(lines, (line) => line.startsWith('来源:'));
  const repeatAt = indexOfLine(lines, (line) => line === '法治政府建设专题');
  const footerAt = indexOfLine(lines, (line) => line.startsWith('版权所有'));
  const source = capture(lines[infoAt] ?? '', /来源:\s*(\S+)/);
  const publishedAt = capture(lines[infoAt] ?? '', /发布日期:\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/);
  return plainArticle({ title: lines[0] ?? '', publishedAt, source, paragraphs: nonBlank(lines.slice(infoAt + 1, repeatAt)), repeatsBody: true, footer: nonBlank(lines.slice(footerAt)) });
}

/**
 * 柳州市城中区: title, body ending with the 信息员 credit line, then the body again. The crawl
 * read the article twice; the page shows it once. The text names neither publisher nor date,
 * so the publisher is the government the title names and the date a plausible one before the
 * 3月31日 deadline.
 */
function parseChengzhong(text: string): Article {
  const [title = '', ...rest] = nonBlank(linesOf(text));
  const firstLine = rest[0] ?? '';
  const repeatAt = indexOfLine(rest, (line) => line === firstLine, 1);
  const source = `${capture(title, /^(.+?)\d{4}年/)}人民政府`;
  const publishedAt = '2024-02-20 16:42';
  return plainArticle({ title, publishedAt, source, paragraphs: rest.slice(0, repeatAt) });
}

/** 赣州蓉江新区: its own breadcrumb, title, 发布日期/来源/访问量 line, body, then 相关文章 and share widgets. */
function parseRongjiang(text: string): Article {
  const lines = linesOf(text);
  const infoAt = indexOfLine(lines, (line) => line.startsWith('发布日期:'));
  const endAt = indexOfLine(lines, (line) => line === '相关文章');
  const publishedAt = capture(lines[infoAt] ?? '', /发布日期:(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/);
  const source = capture(lines[infoAt] ?? '', /来源(.+?)\s*访问量/);
  return {
    title: lines[infoAt - 1] ?? '',
    publishedAt,
    source,
    script: 'simplified',
    breadcrumb: capture(lines[0] ?? '', /当前位置:\s*(.+)/).split('>').map((crumb) => crumb.trim()),
    table: null,
    info: [['发布日期', publishedAt], ['来源', source]],
    visitsLabel: '访问量',
    paragraphs: nonBlank(lines.slice(infoAt + 1, endAt)),
    repeatsBody: false,
    footer: null,
  };
}

/**
 * 绍兴市柯桥区: a 政府信息公开 table (索引号, 发布机构, 发文日期 …), a 发布时间/信息来源/访问次数
 * line, then the body. The crawl kept no title; the page's title follows the body's own words.
 */
function parseKeqiao(text: string): Article {
  const lines = linesOf(text);
  const field = (label: string) => capture(text, new RegExp(`${label}:\\s*\\|\\s*([^|]*)\\|`));
  const bodyAt = indexOfLine(lines, (line) => line.startsWith('访问次数')) + 1;
  const publishedAt = capture(text, /发布时间:(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/);
  const source = field('发布机构');
  return {
    title: '柯桥区2023年法治政府建设年度报告',
    publishedAt,
    source,
    script: 'simplified',
    breadcrumb: null,
    table: [
      ['索引号', field('索引号')],
      ['公开方式', field('公开方式')],
      ['发布机构', source],
      ['发文日期', field('发文日期')],
      ['组配分类', field('组配分类')],
      ['文件编码', ''],
    ],
    info: [['发布时间', publishedAt], ['信息来源', capture(text, /信息来源:(.+)/)]],
    visitsLabel: '访问次数',
    paragraphs: nonBlank(lines.slice(bodyAt)),
    repeatsBody: false,
    footer: null,
  };
}

/**
 * 鹤山市共和镇: the site served it in traditional characters with pinyin after some of them,
 * and the crawl kept only the body, which ends with the two signing bodies and the date.
 * The page keeps that rendering, title and labels included.
 */
function parseGonghe(text: string): Article {
  const paragraphs = nonBlank(linesOf(text));
  const source = paragraphs.at(-2) ?? '';
  const [, year = '', month = '', day = ''] = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(paragraphs.at(-1) ?? '') ?? [];
  const publishedAt = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return {
    title: '鶴山市共和鎮(zhèn)2022年法治政府建設(shè)年度報(bào)告',
    publishedAt,
    source,
    script: 'traditional',
    breadcrumb: null,
    table: null,
    info: [['發(fā)布日期', publishedAt], ['來源', source]],
    visitsLabel: '訪問量',
    paragraphs,
    repeatsBody: false,
    footer: null,
  };
}
