import { NianbaoError } from '../core/errors';

/*
 * One report, several addresses. Portals link the same page as http and https, with and without
 * www., through a traditional-character gateway, with share and tracking parameters, and with CMS
 * template slips (double slashes, index.html, session ids). `reportKey` folds those into one key
 * so the same report is stored once and its versions stay in one history.
 *
 * The key is an identity, not an address: its host may not answer without www. and its scheme
 * may not be served. Fetch the URL the link gave; store the key next to it.
 *
 * URL identity stops at the host. A city portal reposting a district's report is another page on
 * another host, and the two are recognised as one text by their content hash elsewhere; guessing
 * that from URLs would merge unrelated pages that share a path scheme (every TRS site has
 * /zwgk/202401/t20240102_1.html).
 */

/**
 * Beijing's portals (and www.gov.cn on big5.www.gov.cn) serve a traditional-character copy of
 * every page through a proxy path: /gate/big5/<host>/<path>. The copy is the page at <host>/<path>.
 */
const BIG5_GATE = /^\/gate\/big5\/([^/]+\.[^/]+)(\/.*)?$/i;

/**
 * Java portals (TRS WCM, Hanweb) write the session into the path when a visitor has no cookie,
 * so a crawler sees a fresh ;jsessionid=… on every visit.
 */
const SESSION_IN_PATH = /;jsessionid=[^/?#]*/gi;

/**
 * A directory's index page and the directory are one page: listings link /zwgk/ and
 * /zwgk/index.html (TRS writes index.shtml) for the same column or document page.
 */
const INDEX_FILE = /\/index\.s?html?$/i;

/**
 * Parameters that say how a visitor arrived, never which document: analytics (utm_*), WeChat and
 * app shares (from=singlemessage, isappinstalled=0, share=…, scene, clicktime, enterid), Alibaba's
 * spm, jQuery's cache-buster `_`, and a session id passed as a parameter. Any other parameter may pick the document (id, docid,
 * articleId, infoid, channelId …) and is kept.
 */
const TRACKING = new Set(['jsessionid', 'from', 'share', 'shareid', 'sharefrom', 'share_token', 'spm', 'isappinstalled', 'scene', 'clicktime', 'enterid', 'wxfrom', '_']);
const TRACKING_PREFIX = /^(?:utm_|share_)/i;

function isTracking(pair: string): boolean {
  const name = pair.split('=', 1)[0]!.toLowerCase();
  return TRACKING.has(name) || TRACKING_PREFIX.test(name);
}

/**
 * Percent-escapes compare by byte, not by spelling: %e6%b3%95 and %E6%B3%95 are one path.
 * Escapes are otherwise left as they are, since GBK portals put GBK bytes in queries and
 * decoding them as UTF-8 would turn distinct documents into the same replacement characters.
 */
function upperEscapes(text: string): string {
  return text.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

/** Each rule may uncover another (/a/index.html/ → /a/index.html → /a/), so they run until nothing changes. */
function pathOf(pathname: string): string {
  let path = upperEscapes(pathname);
  for (let previous = ''; previous !== path; ) {
    previous = path;
    path = path
      .replace(SESSION_IN_PATH, '')
      // CMS templates join a base ending in / with a path starting with one: //art//2024/….
      .replace(/\/{2,}/g, '/')
      // Servers answer /zwgk with a redirect to /zwgk/; the two never name different documents.
      .replace(/(.)\/$/, '$1')
      .replace(INDEX_FILE, '/');
  }
  return path;
}

function invalid(url: string, cause?: unknown): NianbaoError {
  return new NianbaoError('ERR_INPUT_INVALID', `不是 http(s) 网址 / not an http(s) URL: ${url}`, { cause, details: { url } });
}

function parse(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch (error) {
    throw invalid(url, error);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid(url);
  return parsed;
}

/**
 * `www.example.gov.cn` and `example.gov.cn` serve one site on every portal we watch, and a
 * trailing dot (`example.gov.cn.`) is the same name. Ports 80 and 443 are the two schemes'
 * defaults; since the scheme is folded, both count as no port.
 */
function hostOf(hostname: string, port: string): string {
  const host = hostname.replace(/\.$/, '').replace(/^(?:www\.)+/, '');
  return port === '' || port === '80' || port === '443' ? host : `${host}:${port}`;
}

/** The identity of the report at `url`; two URLs of one report give the same key. Pure; throws ERR_INPUT_INVALID for anything but an http(s) URL. */
export function reportKey(url: string): string {
  let parsed = parse(url);
  // The gateway may proxy another host than its own (www.beijing.gov.cn/gate/big5/fgw.beijing.gov.cn/…),
  // so the page is the inner host's; a copy of a copy unwraps twice.
  const gateOf = (at: URL) => BIG5_GATE.exec(at.pathname.replace(/\/{2,}/g, '/'));
  for (let gate = gateOf(parsed); gate; gate = gateOf(parsed)) {
    parsed = parse(`http://${gate[1]}${gate[2] ?? '/'}${parsed.search}`);
  }
  // http and https serve the same page: portals moved to https piecemeal, and old listings, search
  // engines and reposts still link http.
  const host = hostOf(parsed.hostname, parsed.port);
  const path = pathOf(parsed.pathname);
  // The fragment is the browser's; the server never sees it. Parameter order is the template's whim.
  const query = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair))
    .map(upperEscapes)
    .sort((a, b) => {
      const [nameA, nameB] = [a.split('=', 1)[0]!, b.split('=', 1)[0]!];
      return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
    });
  return `https://${host}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
