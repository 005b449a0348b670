import { SEED_IDS } from '../../../src/demo/seed-articles';
import { columnItems, escapeHtml, unixOf, type ColumnItem, type ColumnOptions } from './column';
import { renderGkmlptArticle } from './pages';
import { NOT_FOUND, servePortal, type FixturePortal, type PortalReply } from './server';

export interface GkmlptPortalOptions extends ColumnOptions {
  /** Articles per API page; gd.gov.cn answers 100. */
  pageSize?: number;
}

/** A department site under the city's domain, as Guangdong's are: `/<dept>/gkmlpt/index`. */
const PREFIX = '/sfj';
const SID = '759001';
const SITE = '演示市司法局';
const COLUMN = { id: 2104, name: '法治政府建设' } as const;
const TREE = [
  { id: 2101, name: '机构职能', parent: 0 },
  { id: 2102, name: '政策文件', parent: 0 },
  { id: 2103, name: '政府信息公开年报', parent: 0 },
  { id: COLUMN.id, name: COLUMN.name, parent: 0 },
];
// Some titles come with the line breaks an editor typed into them.
const TITLE_BREAKS: Readonly<Record<string, string>> = {
  关于2023年国民经济和社会发展计划执行情况的报告: '关于2023年国民经济和社会发展计划执行情况<br/>的报告',
};

/** `/sfj/gkmlpt/content/3/3723/post_3723994.html`: folders by millions and thousands of the post id. */
function articlePath(item: ColumnItem): string {
  return `${PREFIX}/gkmlpt/content/${Math.floor(item.docId / 1e6)}/${Math.floor(item.docId / 1e3)}/post_${item.docId}.html`;
}

function identifier(item: ColumnItem): string {
  return `11449999MB2C00001X/${item.article.publishedAt.slice(0, 4)}-${String(item.docId % 100000).padStart(5, '0')}`;
}

function shell(total: number): string {
  const tree = TREE.map((node) => ({ ...node, post_count: node.id === COLUMN.id ? total : 0 }));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>政府信息公开_${escapeHtml(SITE)}</title>
<link href="${PREFIX}/gkmlpt/static/css/app.css" rel="stylesheet">
</head>
<body>
<noscript>您的浏览器不支持或禁用了 JavaScript，请启用后访问政府信息公开目录。</noscript>
<div id="app"></div>
<script>
window._CONFIG = {
  SID: '${SID}',
  SITE_NAME: '${SITE}',
  TREE: ${JSON.stringify(tree)}
};
</script>
<script src="${PREFIX}/gkmlpt/static/js/chunk-vendors.js"></script>
<script src="${PREFIX}/gkmlpt/static/js/app.js"></script>
</body>
</html>
`;
}

function articleJson(item: ColumnItem, origin: string): Record<string, unknown> {
  const { title, source } = item.article;
  const time = unixOf(item);
  return {
    id: item.docId,
    title: TITLE_BREAKS[title] ?? title,
    url: `${origin}${articlePath(item)}`,
    date: time,
    first_publish_time: time,
    publisher: source,
    identifier: identifier(item),
    document_number: '',
    classify_main_name: COLUMN.name,
  };
}

/**
 * A gkmlpt (广东省政务公开目录) department site on loopback: `/sfj/gkmlpt/index#2104` is a Vue
 * shell configured by `window._CONFIG`; articles come from `GET /sfj/gkmlpt/api/all/<column>?page=<n>&sid=759001`.
 */
export async function startGkmlptPortal(options: GkmlptPortalOptions = {}): Promise<FixturePortal> {
  const pageSize = options.pageSize ?? 100;
  const published = new Set(options.reports ?? SEED_IDS);
  const items = () => columnItems({ extraNews: options.extraNews ?? 90, reports: [...published] });
  const json = (value: unknown): PortalReply => ({ status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(value) });

  const server = await servePortal(({ method, host, url }) => {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, contentType: 'text/plain', body: 'Method Not Allowed' };
    const all = items();
    if (url.pathname === `${PREFIX}/gkmlpt/index`) return { status: 200, contentType: 'text/html; charset=utf-8', body: shell(all.length) };
    const api = new RegExp(`^${PREFIX}/gkmlpt/api/all/(\\d+)$`).exec(url.pathname);
    if (api) {
      if (url.searchParams.get('sid') !== SID) return NOT_FOUND;
      const column = Number(api[1]);
      const listed = column === COLUMN.id || column === 0 ? all : [];
      // Page 0 answers like page 1 (zhaoqing.gov.cn does the same).
      const page = Math.max(Number(url.searchParams.get('page') ?? '1') || 1, 1);
      const articles = listed.slice((page - 1) * pageSize, page * pageSize).map((item) => articleJson(item, `http://${host}`));
      const classify = { id: column, name: column === COLUMN.id ? COLUMN.name : '全部', parent: 0, post_count: listed.length };
      return json({ classify, articles, total: listed.length });
    }
    const item = all.find((candidate) => articlePath(candidate) === url.pathname);
    return item ? { status: 200, contentType: 'text/html; charset=utf-8', body: renderGkmlptArticle(item.article, { identifier: identifier(item), classify: COLUMN.name }) } : NOT_FOUND;
  });

  return {
    origin: server.origin,
    listingUrl: `${server.origin}${PREFIX}/gkmlpt/index#${COLUMN.id}`,
    get reportUrls() {
      return items().flatMap((item) => (item.seed ? [`${server.origin}${articlePath(item)}`] : []));
    },
    requests: server.requests,
    publish: (seed) => void published.add(seed),
    close: server.close,
  };
}
