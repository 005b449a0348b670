import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedHtml {
  html: string;
  encoding: string;
}

// Portals that declare gb2312 still serve GBK-only characters (镕, 喆 …); GB18030 is a superset of both.
const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'hz-gb-2312', 'csgb2312', 'windows-936']);
const META_WINDOW = 4096;
const CHARSET_PARAM = /charset\s*=\s*["']?\s*([\w.:-]+)/i;
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;

function canonicalEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  const lower = label.trim().toLowerCase();
  if (GB_FAMILY.has(lower)) return 'gb18030';
  if (lower === 'utf8') return 'utf-8';
  return iconv.encodingExists(lower) ? lower : null;
}

function encodingFromBom(body: Buffer): { encoding: string; length: number } | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** `<meta charset>` and `<meta http-equiv content="…charset=…">` both carry `charset=`; ASCII-compatible bytes suffice to read them. */
function encodingFromMeta(body: Buffer): string | null {
  const head = body.subarray(0, META_WINDOW).toString('latin1');
  return canonicalEncoding(META_CHARSET.exec(head)?.[1]);
}

function sniffEncoding(body: Buffer): string {
  return canonicalEncoding(chardet.detect(body.subarray(0, 64 * 1024))) ?? 'utf-8';
}

/** Node's own UTF-8 decoder is several times faster than iconv-lite's, and most portals serve UTF-8. */
function decodeAs(bytes: Buffer, encoding: string): string {
  return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding);
}

/**
 * Bytes → string, trusting in order: a byte-order mark, the Content-Type charset,
 * a `<meta>` charset near the top, then a statistical guess.
 */
export function decodeHtml(body: Buffer, contentType: string | null): DecodedHtml {
  const bom = encodingFromBom(body);
  if (bom) return { html: decodeAs(body.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const encoding =
    canonicalEncoding(contentType ? CHARSET_PARAM.exec(contentType)?.[1] : null) ?? encodingFromMeta(body) ?? sniffEncoding(body);
  return { html: decodeAs(body, encoding), encoding };
}
