import type { Element } from 'cheerio';

/**
 * class/id words portals use for page furniture. Matched per token, so `TRS_Editor`
 * or `article-content` never match while `share`, `nav-bar` or `xgwz` do.
 */
const FURNITURE_TOKEN =
  /^(?:nav|navbar|menu|header|head|top|topbar|footer|foot|bottom|breadcrumb|crumbs?|position|location|dqwz|share|bdshare|bdsharebuttonbox|related|relate|xgwz|xgxx|xglj|sidebar|side|aside|copyright|banquan|toolbar|tools?|print|fontsize|visit|counter|fwl|comment|qrcode|ewm|search|login|links?|friendlink|yqlj|ad|ads|advert|pager|pagination|prev|next|sxp)$/i;

const FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form']);

function tokens(element: Element): string[] {
  const words = `${element.attribs['class'] ?? ''} ${element.attribs['id'] ?? ''}`;
  return words.split(/[\s_-]+/).filter(Boolean);
}

/** Page furniture by its tag or class/id: navigation, breadcrumbs, share widgets, related lists, footers. */
export function looksLikeFurniture(element: Element): boolean {
  return FURNITURE_TAGS.has(element.name) || tokens(element).some((token) => FURNITURE_TOKEN.test(token));
}

/**
 * Lines that are page furniture wherever they stand. Each is short; a report sentence that merely
 * mentions 版权 or 分享 is longer and survives the length cap in `isNoiseLine`.
 */
const NOISE_LINE = [
  /^(当前位置|您的位置|您现在的位置|所在位置|首页\s*[>>»])/,
  /(访问量|访问次数|浏览次数|浏览量|阅读次数|阅读量|点击数|点击量|点击率)\s*[:：]?\s*\d*\s*(次)?$/,
  /^[【\[]?\s*(字体|字号)\s*[:：]?\s*[【\[]?\s*[大中小\s\]】]*$/,
  /(^|\s|[【\[])(字体|字号)\s*[:：]?\s*大\s*中\s*小/,
  /^[【\[]?\s*(听全文|打印本页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部|返回|下载全文|我要纠错)\s*[\]】]?$/,
  /^(分享到|分享|扫一扫|扫一扫在手机打开当前页|手机扫一扫|在手机上打开|文章关键词|关键词|相关文章|相关链接|相关阅读|相关新闻|相关稿件|相关信息)\s*[:：]?/,
  /(版权所有|网站标识码|备案号|ICP备|ICP证|公网安备|主办单位|承办单位|技术支持|维护单位|网站地图|联系我们|建议使用.*浏览器|分辨率)/,
  /^(上一篇|下一篇|上一条|下一条)\s*[:：]?/,
];

/** Lines longer than this are report text even when they contain a furniture word. */
const NOISE_LINE_MAX = 80;

export function isNoiseLine(line: string): boolean {
  return line.length <= NOISE_LINE_MAX && NOISE_LINE.some((re) => re.test(line));
}
