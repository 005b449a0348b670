/** Magic numbers of files portals link to from report pages: PDF, Office, ZIP, images. */
const BINARY_SIGNATURES = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // zip, docx, xlsx
  [0xd0, 0xcf, 0x11, 0xe0], // doc, xls, wps
  [0x89, 0x50, 0x4e, 0x47], // png
  [0xff, 0xd8, 0xff], // jpeg
  [0x47, 0x49, 0x46, 0x38], // gif
  [0x52, 0x61, 0x72, 0x21], // rar
  [0x1f, 0x8b], // gzip that was never inflated
];

const NON_HTML_TYPE = /^(application\/(pdf|zip|x-rar|msword|vnd\.|octet-stream|x-7z|gzip|json)|image\/|audio\/|video\/|font\/)/i;

const CONTROL_SAMPLE = 2048;

function controlShare(codeAt: (i: number) => number, length: number): number {
  let control = 0;
  for (let i = 0; i < length; i++) {
    const c = codeAt(i);
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) control++;
  }
  return length === 0 ? 0 : control / length;
}

/** Bytes that are a file rather than a page: a known signature, a declared non-HTML type, or control characters. */
export function looksBinary(body: Buffer, contentType: string | null | undefined): boolean {
  if (contentType && NON_HTML_TYPE.test(contentType.trim()) && !/^\s*</.test(body.subarray(0, 512).toString('latin1'))) return true;
  if (BINARY_SIGNATURES.some((signature) => signature.every((byte, i) => body[i] === byte))) return true;
  // UTF-16 pages carry a BOM and are decoded before this check matters; other NULs mean binary.
  const bomless = !(body[0] === 0xff && body[1] === 0xfe) && !(body[0] === 0xfe && body[1] === 0xff);
  return bomless && controlShare((i) => body[i]!, Math.min(body.length, CONTROL_SAMPLE)) > 0.01;
}

export function textLooksBinary(text: string): boolean {
  const sample = text.slice(0, CONTROL_SAMPLE);
  return controlShare((i) => sample.charCodeAt(i), sample.length) > 0.01 || sample.includes('\ufffd'.repeat(8));
}

const MARKUP = /<(?:!doctype\s+html|html|head|body|div|p|table|span|title|meta|br|h[1-6]|ul|li|td|article|section)\b/i;

export function looksLikeHtml(text: string): boolean {
  return MARKUP.test(text);
}
