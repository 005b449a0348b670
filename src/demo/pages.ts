import type { Article, Script } from './article';
import { COLUMN, listingPath } from './column';

/**
 * HTML of the demo portal, modelled on TRS WCM sites (the CMS behind most Chinese government
 * portals): `.shtml` pages, a `TRS_Editor` body, pagination by `createPageHTML`.
 * Everything around the body is the noise a real page carries and extraction must drop.
 */

const SITE = { name: '演示市人民政府', idCode: '9999000001' } as const;

/**
 * Where the visit counter goes. `.shtml` pages are static files with server-side includes: the
 * CMS publishes the page once and the web server splices the live counter in on every request.
 * Validators describe the published file, so the ETag stays put while the number climbs — noise
 * that must never become a new version.
 */
export const VISITS_INCLUDE = '<!--#include virtual="/cms/visits.jsp" -->';

/**
 * Chrome labels in the page's own script. The traditional set mirrors the site 004 came from,
 * which printed pinyin after some characters (務(wù), 設(shè) …) and not after others.
 */
const LABELS = {
  simplified: {
    here: '当前位置', home: '首页', affairs: '政务公开', services: '政务服务', interaction: '互动交流',
    column: COLUMN.name, font: '字体', large: '大', medium: '中', small: '小', listen: '听全文',
    print: '打印本页', close: '关闭窗口', share: '分享到', shareTo: ['微信', '微博', 'QQ空间'], scan: '扫一扫在手机打开当前页', related: '相关文章',
    footer: ['主办：演示市人民政府办公室', `版权所有：演示市人民政府　网站标识码：${SITE.idCode}`, '备案号：演ICP备00000001号'],
  },
  traditional: {
    here: '當前位置', home: '首頁', affairs: '政務(wù)公開', services: '政務(wù)服務(wù)', interaction: '互動(dòng)交流',
    column: '法治政府建設(shè)', font: '字體', large: '大', medium: '中', small: '小', listen: '聽全文',
    print: '打印本頁', close: '關(guān)閉窗口', share: '分享到', shareTo: ['微信', '微博', 'QQ空間'], scan: '掃一掃在手機(jī)打開當前頁', related: '相關(guān)文章',
    footer: ['主辦：演示市人民政府辦公室', `版權(quán)所有：演示市人民政府　網(wǎng)站標識碼：${SITE.idCode}`, '備案號：演ICP備00000001號'],
  },
} as const satisfies Record<Script, unknown>;

/** TRS list templates cut long titles (`NUM="30"`); the full title is only in the `title` attribute. */
const LISTED_TITLE_LENGTH = 30;

/** TRS's own pager: page 0 is `index.shtml`, page n is `index_n.shtml`; the call in the page carries the page count. */
const CREATE_PAGE_HTML = `function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) return;
  var _nLast = _nPageCount - 1;
  function href(i) { return i == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt; }
  document.write("共" + _nPageCount + "页&nbsp;");
  if (_nCurrIndex == 0) document.write("首页&nbsp;上一页&nbsp;");
  else document.write("<a href='" + href(0) + "'>首页</a>&nbsp;<a href='" + href(_nCurrIndex - 1) + "'>上一页</a>&nbsp;");
  if (_nCurrIndex == _nLast) document.write("下一页&nbsp;尾页");
  else document.write("<a href='" + href(_nCurrIndex + 1) + "'>下一页</a>&nbsp;<a href='" + href(_nLast) + "'>尾页</a>");
}`;

export interface LinkView {
  href: string;
  title: string;
}

export interface ListedItem extends LinkView {
  date: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(options: { title: string; script: Script; head?: string; body: string; footer?: readonly string[] | null }): string {
  const labels = LABELS[options.script];
  const footer = [...(options.footer ?? labels.footer), `Copyright © ${new Date().getFullYear()} All Rights Reserved`];
  return `<!DOCTYPE html>
<html lang="${options.script === 'traditional' ? 'zh-Hant' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${escapeHtml(options.title)}</title>
<meta name="SiteName" content="${SITE.name}">
<meta name="SiteIDCode" content="${SITE.idCode}">
${options.head ?? ''}
</head>
<body>
<div class="header">
  <div class="logo"><a href="/">${SITE.name}</a></div>
  <ul class="nav">
    <li><a href="/">${labels.home}</a></li>
    <li><a href="${listingPath(0)}">${labels.affairs}</a></li>
    <li><a href="/">${labels.services}</a></li>
    <li><a href="/">${labels.interaction}</a></li>
  </ul>
</div>
${options.body}
<div class="footer">
${footer.map((line) => `  <p>${escapeHtml(line)}</p>`).join('\n')}
</div>
</body>
</html>
`;
}

function breadcrumb(script: Script, crumbs: readonly string[] | null): string {
  const labels = LABELS[script];
  const [first = labels.home, ...rest] = crumbs ?? [labels.home, labels.affairs, labels.column];
  const last = rest.pop();
  const links = [
    `<a href="/">${escapeHtml(first)}</a>`,
    ...rest.map((crumb) => `<span>${escapeHtml(crumb)}</span>`),
    ...(last === undefined ? [] : [`<a href="${listingPath(0)}">${escapeHtml(last)}</a>`]),
  ];
  return `<div class="crumb">${labels.here}：${links.join(' &gt; ')}</div>`;
}

function labelled(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  return pairs.map(([label, value]) => `<span>${escapeHtml(label)}：${escapeHtml(value)}</span>`);
}

function metadataTable(table: ReadonlyArray<readonly [string, string]>): string {
  const rows: string[] = [];
  for (let i = 0; i < table.length; i += 2) {
    const cells = table.slice(i, i + 2).map(([label, value]) => `<th>${escapeHtml(label)}：</th><td>${escapeHtml(value)}</td>`);
    rows.push(`    <tr>${cells.join('')}</tr>`);
  }
  return `<table class="xxgk-table">\n  <tbody>\n${rows.join('\n')}\n  </tbody>\n</table>`;
}

function paragraphsHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
}

/**
 * Seed 000's site showed the article a second time in a 法治政府建设专题 block under it, and the
 * crawl read both. The block stays, outside TRS_Editor, so the demo keeps one doubled-body page
 * as the wild has them.
 */
function repeatedBody(article: Article): string {
  return `<div class="zt-box">
<div class="zt-name">法治政府建设专题</div>
<div class="zt-title">${escapeHtml(article.title)}</div>
<div class="zt-info">${labelled(article.info).join(' | ')}</div>
<div class="zt-con">
${paragraphsHtml(article.paragraphs)}
</div>
</div>`;
}

/** An article page; its visit counter is still the {@link VISITS_INCLUDE} directive. */
export function renderArticlePage(article: Article, related: readonly LinkView[]): string {
  const labels = LABELS[article.script];
  const head = [
    `<meta name="ColumnName" content="${COLUMN.name}">`,
    `<meta name="ArticleTitle" content="${escapeHtml(article.title)}">`,
    `<meta name="PubDate" content="${escapeHtml(article.publishedAt)}">`,
    `<meta name="ContentSource" content="${escapeHtml(article.source)}">`,
    `<script>function doZoom(size) { document.querySelector('.TRS_Editor').style.fontSize = size + 'px'; }</script>`,
  ].join('\n');
  const visits = `<span>${escapeHtml(article.visitsLabel)}：<span id="visits">${VISITS_INCLUDE}</span></span>`;
  const body = `${[breadcrumb(article.script, article.breadcrumb), ...(article.table ? [metadataTable(article.table)] : [])].join('\n')}
<div class="article">
<h1 class="article-title">${escapeHtml(article.title)}</h1>
<div class="article-info">${[...labelled(article.info), visits].join('&nbsp;&nbsp;')}</div>
<div class="article-tools">
  <span>${labels.font}：<a href="javascript:doZoom(20)">${labels.large}</a> <a href="javascript:doZoom(16)">${labels.medium}</a> <a href="javascript:doZoom(14)">${labels.small}</a></span>
  <a class="listen" href="javascript:;">${labels.listen}</a>
</div>
<div class="TRS_Editor">
${paragraphsHtml(article.paragraphs)}
</div>${article.repeatsBody ? `\n${repeatedBody(article)}` : ''}
<div class="article-share">${labels.share}：${labels.shareTo.map((site) => `<a href="javascript:;">${site}</a>`).join(' ')}</div>
<div class="article-qrcode"><div id="qrcode"></div><p>${labels.scan}</p></div>
<div class="article-print"><a href="javascript:window.print()">${labels.print}</a> <a href="javascript:window.close()">${labels.close}</a></div>
</div>
<div class="related">
<h3>${labels.related}</h3>
<ul>
${related.map((link) => `  <li><a href="${link.href}" title="${escapeHtml(link.title)}">${escapeHtml(link.title)}</a></li>`).join('\n')}
</ul>
</div>`;
  return layout({ title: article.title, script: article.script, head, body, footer: article.footer });
}

function listedTitle(title: string): string {
  return title.length > LISTED_TITLE_LENGTH ? `${title.slice(0, LISTED_TITLE_LENGTH)}...` : title;
}

/** One page of the column; `page` counts from 0 as TRS does. */
export function renderListingPage(items: readonly ListedItem[], page: number, pageCount: number): string {
  const body = `${breadcrumb('simplified', null)}
<div class="column">
<div class="column-name">${COLUMN.name}</div>
<ul class="xxgk_list">
${items.map((item) => `  <li><a href="${item.href}" title="${escapeHtml(item.title)}" target="_blank">${escapeHtml(listedTitle(item.title))}</a><span>${item.date}</span></li>`).join('\n')}
</ul>
<div class="page"><script>createPageHTML(${pageCount}, ${page}, "index", "shtml");</script></div>
</div>`;
  return layout({
    title: `${COLUMN.name}_${SITE.name}`,
    script: 'simplified',
    head: `<meta name="ColumnName" content="${COLUMN.name}">\n<script>\n${CREATE_PAGE_HTML}\n</script>`,
    body,
  });
}

export function renderHomePage(): string {
  const body = `<div class="home">
<div class="box"><h2>${LABELS.simplified.affairs}</h2>
<ul><li><a href="${listingPath(0)}">${COLUMN.name}</a></li></ul>
</div>
</div>`;
  return layout({ title: SITE.name, script: 'simplified', body });
}

export function renderNotFoundPage(): string {
  const body = `<div class="error-page">
<h1>404</h1>
<p>抱歉，您访问的页面不存在或已被删除。</p>
<p><a href="/">返回首页</a></p>
</div>`;
  return layout({ title: `页面不存在_${SITE.name}`, script: 'simplified', body });
}
