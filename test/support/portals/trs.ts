import iconv from 'iconv-lite';
import { COLUMN } from '../../../src/demo/column';
import { VISITS_INCLUDE, renderArticlePage, renderListingPage } from '../../../src/demo/pages';
import { SEED_IDS } from '../../../src/demo/seed-articles';
import { columnItems, dayOf, type ColumnItem, type ColumnOptions } from './column';
import { NOT_FOUND, servePortal, type FixturePortal, type PortalReply } from './server';

export interface TrsPortalOptions extends ColumnOptions {
  /** Items per listing page (TRS `PAGE_SIZE`); 8 gives the default column three pages. */
  pageSize?: number;
  /**
   * `gbk` serves every page GBK-encoded, declared only by `<meta http-equiv="Content-Type"
   * content="text/html; charset=gb2312">` with a bare `text/html` header, as older TRS sites do.
   */
  encoding?: 'utf-8' | 'gbk';
}

// Provincial sites are often in the footer's 友情链接: a TRS page naming gkmlpt or jpage is still TRS.
const FRIEND_LINKS = `<div class="friend-links">友情链接：<a href="http://www.gd.gov.cn/gkmlpt/index" target="_blank">广东省人民政府政务公开目录</a> <a href="http://www.jiangsu.gov.cn/col/col76841/index.html" target="_blank">江苏省人民政府</a></div>
<div class="footer">`;
const GB2312_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">';

/** `/col/fzzfjs/202401/t20240102_3723994.shtml`, TRS's `t<date>_<docid>` under a month folder. */
function articlePath(item: ColumnItem): string {
  const day = dayOf(item).replaceAll('-', '');
  return `${COLUMN.dir}${day.slice(0, 6)}/t${day}_${item.docId}.shtml`;
}

function pageOf(path: string): number | null {
  if (path === COLUMN.dir || path === `${COLUMN.dir}index.shtml`) return 0;
  const match = /^index_([1-9]\d*)\.shtml$/.exec(path.slice(COLUMN.dir.length));
  return path.startsWith(COLUMN.dir) && match ? Number(match[1]) : null;
}

/** A TRS WCM column on loopback: `/col/fzzfjs/index.shtml`, `index_1.shtml` …, pages counted by createPageHTML. */
export async function startTrsPortal(options: TrsPortalOptions = {}): Promise<FixturePortal> {
  const pageSize = options.pageSize ?? 8;
  const published = new Set(options.reports ?? SEED_IDS);
  const items = () => columnItems({ extraNews: options.extraNews ?? 0, reports: [...published] });

  const html = (text: string): PortalReply =>
    options.encoding === 'gbk'
      ? { status: 200, contentType: 'text/html', body: iconv.encode(text.replace('<meta charset="utf-8">', GB2312_META), 'gbk') }
      : { status: 200, contentType: 'text/html; charset=utf-8', body: text };

  const server = await servePortal(({ method, url }) => {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, contentType: 'text/plain', body: 'Method Not Allowed' };
    const all = items();
    const page = pageOf(url.pathname);
    if (page !== null) {
      const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
      if (page >= pageCount) return NOT_FOUND;
      const listed = all.slice(page * pageSize, (page + 1) * pageSize).map((item) => ({
        href: `./${articlePath(item).slice(COLUMN.dir.length)}`,
        title: item.article.title,
        date: dayOf(item),
      }));
      return html(renderListingPage(listed, page, pageCount).replace('<div class="footer">', FRIEND_LINKS));
    }
    const item = all.find((candidate) => articlePath(candidate) === url.pathname);
    return item ? html(renderArticlePage(item.article, []).replace(VISITS_INCLUDE, String(100 + (item.docId % 997)))) : NOT_FOUND;
  });

  return {
    origin: server.origin,
    listingUrl: `${server.origin}${COLUMN.dir}index.shtml`,
    get reportUrls() {
      return items().flatMap((item) => (item.seed ? [`${server.origin}${articlePath(item)}`] : []));
    },
    requests: server.requests,
    publish: (seed) => void published.add(seed),
    close: server.close,
  };
}
