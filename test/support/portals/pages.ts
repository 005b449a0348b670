import type { Article } from '../../../src/demo/article';
import { escapeHtml } from './column';

export const SITE_NAME = '演示市人民政府';

/** The chrome around every Hanweb and gkmlpt fixture page: the noise a real page carries. */
export function siteLayout(options: { title: string; head?: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<title>${escapeHtml(options.title)}</title>
<meta name="SiteName" content="${SITE_NAME}">
<meta name="SiteDomain" content="www.demo.gov.cn">
<meta name="SiteIDCode" content="9999000002">
${options.head ?? ''}
</head>
<body>
<div class="header">
  <div class="logo"><a href="/">${SITE_NAME}</a></div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/col/col1202100/index.html">政务公开</a></li><li><a href="/col/col1202200/index.html">政务服务</a></li><li><a href="/col/col1202300/index.html">互动交流</a></li></ul>
</div>
${options.body}
<div class="footer">
  <p>主办：演示市人民政府办公室　网站标识码：9999000002</p>
  <p>备案号：演ICP备00000002号</p>
</div>
</body>
</html>
`;
}

function paragraphs(article: Article): string {
  return article.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
}

/**
 * A 大汉 article page (`/art/2024/1/2/art_1202101_3723994.html`): metadata in `<meta>`, the body
 * between the ContentStart/ContentEnd markers inside `#zoom`.
 */
export function renderHanwebArticle(article: Article, columnName: string): string {
  const head = [
    `<meta name="ColumnName" content="${escapeHtml(columnName)}">`,
    `<meta name="ArticleTitle" content="${escapeHtml(article.title)}">`,
    `<meta name="PubDate" content="${escapeHtml(article.publishedAt)}">`,
    `<meta name="ContentSource" content="${escapeHtml(article.source)}">`,
  ].join('\n');
  const body = `<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col1202100/index.html">政务公开</a> &gt; <span>${escapeHtml(columnName)}</span></div>
<div class="main-txt">
<h1 class="title">${escapeHtml(article.title)}</h1>
<div class="info"><span>发布日期：${escapeHtml(article.publishedAt)}</span> <span>信息来源：${escapeHtml(article.source)}</span> <span>浏览次数：<script src="/module/visitcount/articlehits.jsp?colid=1202101"></script></span></div>
<div id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
${paragraphs(article)}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
</div>
<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>`;
  return siteLayout({ title: `${article.title} ${SITE_NAME}`, head, body });
}

/**
 * A gkmlpt article page (`/gkmlpt/content/3/3723/post_3723994.html`): the 政府信息公开 table
 * (索引号, 分类, 发布机构 …) above the title and an `.article-content` body.
 */
export function renderGkmlptArticle(article: Article, meta: { identifier: string; classify: string }): string {
  const head = [`<meta name="ArticleTitle" content="${escapeHtml(article.title)}">`, `<meta name="PubDate" content="${escapeHtml(article.publishedAt)}">`, `<meta name="ContentSource" content="${escapeHtml(article.source)}">`].join('\n');
  const rows: Array<[string, string]> = [
    ['索引号', meta.identifier],
    ['分类', meta.classify],
    ['发布机构', article.source],
    ['成文日期', article.publishedAt.slice(0, 10)],
    ['名称', article.title],
    ['发布日期', article.publishedAt],
  ];
  const table = rows.map(([label, value]) => `<tr><th>${label}：</th><td>${escapeHtml(value)}</td></tr>`).join('\n');
  const body = `<div class="content-container">
<table class="introduce">
${table}
</table>
<div class="article">
<h1 class="title">${escapeHtml(article.title)}</h1>
<div class="article-content">
${paragraphs(article)}
</div>
</div>
</div>`;
  return siteLayout({ title: `${article.title}_${SITE_NAME}`, head, body });
}
