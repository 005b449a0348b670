import type { Article } from '../../../src/demo/article';
import { NOTICES } from '../../../src/demo/notices';
import { SEED_IDS, loadSeedArticles, type SeedId } from '../../../src/demo/seed-articles';

/**
 * What every fixture portal's column holds, whatever CMS serves it: the five seed reports, the
 * demo's twelve look-alikes (政府工作报告, 统计公报, 计划执行情况的报告, a 解读 quoting a report
 * title, news, 实施方案 …) and, to fill real-sized pages, routine news. Newest first, as columns list.
 */
export interface ColumnItem {
  /** CMS document id, rising with the publication date. */
  docId: number;
  /** The seed a report was built from; null for everything else. */
  seed: SeedId | null;
  article: Article;
}

export interface ColumnOptions {
  /** Routine news items added to the column (dated between the newest look-alike and the oldest report). */
  extraNews?: number;
  /** Which seed reports are published; all five by default. */
  reports?: readonly SeedId[];
}

const REPORT_DOC_IDS: Readonly<Record<SeedId, number>> = { '000': 3723994, '001': 3768120, '002': 3750677, '003': 3787512, '004': 3312045 };

const NEWS_UNITS = ['演示市司法局', '演示市人民政府办公室', '演示市市场监督管理局', '演示市生态环境局', '演示市人力资源和社会保障局'];
const NEWS_TOPICS = ['召开党组理论学习中心组学习会议', '开展“八五”普法中期检查', '举办行政执法人员业务培训班', '召开人民调解工作推进会', '开展法律援助进社区活动', '召开行政复议案件集体讨论会'];
const NEWS_FROM = Date.parse('2024-03-28T00:00:00Z');
// Spread over the fifteen months before NEWS_FROM, so news never sinks below the oldest report (2022-12-09).
const NEWS_SPAN_DAYS = 450;

function newsArticle(index: number, count: number): Article {
  const day = new Date(NEWS_FROM - Math.floor((index * NEWS_SPAN_DAYS) / Math.max(count, 1)) * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const unit = NEWS_UNITS[index % NEWS_UNITS.length]!;
  const topic = NEWS_TOPICS[index % NEWS_TOPICS.length]!;
  const publishedAt = `${date} ${String(9 + (index % 8)).padStart(2, '0')}:30`;
  return {
    title: `${unit}${topic}`,
    publishedAt,
    source: unit,
    script: 'simplified',
    breadcrumb: null,
    table: null,
    info: [['来源', unit], ['发布日期', publishedAt]],
    visitsLabel: '访问量',
    paragraphs: [`${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日，${unit}${topic}，单位主要负责同志出席并讲话。`, '会议要求，要坚持依法行政，把各项工作抓实抓细，确保取得实效。'],
    repeatsBody: false,
    footer: null,
  };
}

export function columnItems(options: ColumnOptions = {}): ColumnItem[] {
  const seeds = loadSeedArticles();
  const published = new Set(options.reports ?? SEED_IDS);
  const extraNews = options.extraNews ?? 0;
  const items: ColumnItem[] = [
    ...SEED_IDS.filter((seed) => published.has(seed)).map((seed) => ({ docId: REPORT_DOC_IDS[seed], seed, article: seeds[seed] })),
    ...NOTICES.map(({ docId, article }) => ({ docId, seed: null, article })),
    ...Array.from({ length: extraNews }, (_, i) => ({ docId: 3_900_000 - i, seed: null, article: newsArticle(i, extraNews) })),
  ];
  return items.sort((a, b) => b.article.publishedAt.localeCompare(a.article.publishedAt));
}

/** `2024-01-02 09:00` → `2024-01-02`. */
export function dayOf(item: ColumnItem): string {
  return item.article.publishedAt.slice(0, 10);
}

/** Unix seconds of an item's publication, read as Beijing time. */
export function unixOf(item: ColumnItem): number {
  const [date, time = '00:00'] = item.article.publishedAt.split(' ');
  return Date.parse(`${date}T${time.slice(0, 5)}:00+08:00`) / 1000;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** List templates print at most this many characters and keep the whole title in title="". */
export function listedTitle(title: string, length = 30): string {
  return title.length > length ? `${title.slice(0, length)}...` : title;
}
