import { SEED_IDS } from '../../../src/demo/seed-articles';
import { columnItems, dayOf, escapeHtml, listedTitle, type ColumnItem, type ColumnOptions } from './column';
import { SITE_NAME, renderHanwebArticle, siteLayout } from './pages';
import { NOT_FOUND, servePortal, type FixturePortal, type PortalReply } from './server';

export interface HanwebPortalOptions extends ColumnOptions {
  /** Items per jpage page; a request fetches three pages (45 records by default). */
  perPage?: number;
  /** Print the first window's records into the column page, as many Hanweb sites do; off by default. */
  embedFirstGroup?: boolean;
}

const COLUMN = { id: 1202101, name: '法治政府建设' } as const;
const UNIT_ID = 4978845;
const WEB_ID = 1855;
const PROXY = '/module/web/jpage/dataproxy.jsp';
const LISTING = `/col/col${COLUMN.id}/index.html`;
const XML = 'text/xml;charset=UTF-8';

/** `/art/2024/1/2/art_1202101_3723994.html`: Hanweb does not pad month and day. */
function articlePath(item: ColumnItem): string {
  const [year, month, day] = dayOf(item).split('-').map(Number);
  return `/art/${year}/${month}/${day}/art_${COLUMN.id}_${item.docId}.html`;
}

function record(item: ColumnItem): string {
  const { title } = item.article;
  return `<record><![CDATA[
<li><a href='${articlePath(item)}' title='${escapeHtml(title)}' target='_blank'>${escapeHtml(listedTitle(title))}</a><span>${dayOf(item)}</span></li>]]></record>`;
}

function nextGroup(): string {
  const query = `page=1&webid=${WEB_ID}&path=/&columnid=${COLUMN.id}&unitid=${UNIT_ID}&webname=${encodeURIComponent(SITE_NAME)}&permissiontype=0`;
  return `<nextgroup><![CDATA[<a href="${PROXY}?${query}"></a>]]></nextgroup>`;
}

function columnPage(items: readonly ColumnItem[], perPage: number, embedded: readonly ColumnItem[]): string {
  const head = `<meta name="ColumnName" content="${COLUMN.name}">
<meta name="ColumnType" content="法治政府建设">
<script src="/module/jslib/jquery/jquery.js"></script>
<script src="/module/web/jpage/jquery.page.min.js"></script>`;
  const body = `<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col1202100/index.html">政务公开</a> &gt; <span>${COLUMN.name}</span></div>
<div class="main">
<div class="column-name">${COLUMN.name}</div>
<div class="default_pgContainer">
<div id="${UNIT_ID}"><script type="text/xml"><datastore>
${nextGroup()}
<recordset>
${embedded.map(record).join('\n')}
</recordset>
</datastore></script></div>
<script>
var param_${UNIT_ID} = {col:1,appid:1,webid:${WEB_ID},path:'/',columnid:${COLUMN.id},sourceContentType:1,unitid:'${UNIT_ID}',webname:'${SITE_NAME}',permissiontype:0};
$(document).ready(function () {
  $('#${UNIT_ID}').jpage({
    totalRecord: ${items.length},
    dataStore: document.getElementById('${UNIT_ID}').getElementsByTagName('script')[0],
    perPage: ${perPage},
    proxyUrl: '${PROXY}',
    ajaxParam: param_${UNIT_ID},
    containerClass: 'default_pgContainer',
    dataBefore: '<ul class="list">',
    dataAfter: '</ul>'
  });
});
</script>
</div>
</div>`;
  return siteLayout({ title: `${COLUMN.name} ${SITE_NAME}`, head, body });
}

function datastore(items: readonly ColumnItem[], total: number, perPage: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<datastore>
<totalrecord>${total}</totalrecord>
<totalpage>${Math.ceil(total / perPage)}</totalpage>
${nextGroup()}
<recordset>
${items.map(record).join('\n')}
</recordset>
</datastore>`;
}

/** The form a jpage sends; a request for another column or site gets an empty store, as dataproxy.jsp answers. */
function asksForColumn(body: string): boolean {
  const form = new URLSearchParams(body);
  return form.get('columnid') === String(COLUMN.id) && form.get('unitid') === String(UNIT_ID) && form.get('webid') === String(WEB_ID);
}

/**
 * A 大汉 JCMS column on loopback: `/col/col1202101/index.html` is a jpage shell, its records come
 * from `POST /module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…` as XML.
 */
export async function startHanwebPortal(options: HanwebPortalOptions = {}): Promise<FixturePortal> {
  const perPage = options.perPage ?? 15;
  const published = new Set(options.reports ?? SEED_IDS);
  const items = () => columnItems({ extraNews: options.extraNews ?? 30, reports: [...published] });
  const html = (text: string): PortalReply => ({ status: 200, contentType: 'text/html; charset=utf-8', body: text });

  const server = await servePortal(({ method, url, body }) => {
    const all = items();
    if (url.pathname === PROXY) {
      if (method !== 'POST') return { status: 405, contentType: 'text/plain', body: 'Method Not Allowed' };
      const start = Number(url.searchParams.get('startrecord'));
      const end = Number(url.searchParams.get('endrecord'));
      if (!asksForColumn(body) || !(start >= 1 && end >= start)) return { status: 200, contentType: XML, body: datastore([], 0, perPage) };
      return { status: 200, contentType: XML, body: datastore(all.slice(start - 1, end), all.length, perPage) };
    }
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, contentType: 'text/plain', body: 'Method Not Allowed' };
    if (url.pathname === LISTING) return html(columnPage(all, perPage, options.embedFirstGroup ? all.slice(0, perPage * 3) : []));
    const item = all.find((candidate) => articlePath(candidate) === url.pathname);
    return item ? html(renderHanwebArticle(item.article, COLUMN.name)) : NOT_FOUND;
  });

  return {
    origin: server.origin,
    listingUrl: `${server.origin}${LISTING}`,
    get reportUrls() {
      return items().flatMap((item) => (item.seed ? [`${server.origin}${articlePath(item)}`] : []));
    },
    requests: server.requests,
    publish: (seed) => void published.add(seed),
    close: server.close,
  };
}
