export type Script = 'simplified' | 'traditional';

/**
 * One article page of the demo portal, in the words of the page it imitates. Labels travel
 * with the data (来源 vs 信息来源, 访问量 vs 访问次数, traditional 來源) because real pages
 * disagree on them, and extraction has to cope with every variant.
 */
export interface Article {
  title: string;
  /** As the page prints it: `2024-01-02 09:00`, `2024-01-31 10:13:00` or just `2022-12-09`. */
  publishedAt: string;
  /** Publisher, for `<meta name="ContentSource">`. */
  source: string;
  script: Script;
  /** The page's own breadcrumb after 当前位置, or null for the column's default one. */
  breadcrumb: readonly string[] | null;
  /** The 政府信息公开 metadata table (索引号, 发布机构, 发文日期 …), label/value pairs. */
  table: ReadonlyArray<readonly [string, string]> | null;
  /** The line under the h1, label/value pairs. */
  info: ReadonlyArray<readonly [string, string]>;
  /** Label of the visit counter, printed last on the info line. */
  visitsLabel: string;
  paragraphs: readonly string[];
  /** The page shows title, info line and body a second time in a 专题 block (seed 000). */
  repeatsBody: boolean;
  /** The page's own footer lines, or null for the portal's default footer. */
  footer: readonly string[] | null;
}

/** The commonest page: simplified characters, the column's breadcrumb, a 来源 / 发布日期 line and a 访问量 counter. */
export function plainArticle(fields: Pick<Article, 'title' | 'publishedAt' | 'source' | 'paragraphs'> & Partial<Pick<Article, 'repeatsBody' | 'footer'>>): Article {
  return {
    script: 'simplified',
    breadcrumb: null,
    table: null,
    info: [['来源', fields.source], ['发布日期', fields.publishedAt]],
    visitsLabel: '访问量',
    repeatsBody: false,
    footer: null,
    ...fields,
  };
}
