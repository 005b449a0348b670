/**
 * Anti-bot gateways in front of gov portals answer a first visit with a script that sets a cookie
 * and reloads: 瑞数 (Rivers) `$_ts` with 412/202, 知道创宇 `wzws` / `_guard`, 加速乐 `__jsl_clearance`
 * with 521, 云锁 `yunsuo_session`, 阿里云 `acw_sc__v2`. Such a page must never be stored as content.
 */
const MARKERS = ['$_ts', 'wzws', '__jsl_clearance', '_guard/auto.js', 'yunsuo_session', 'acw_sc__v2', 'arg1='];
const CHALLENGE_STATUS = new Set([412, 521]);

export interface Challenge {
  reason: string;
}

/** Scripts' share of a small page, when nearly all of it is script: a page that only runs code to render or redirect. */
function scriptShare(head: string): number {
  const scripts = head.match(/<script\b[\s\S]*?<\/script>/gi) ?? [];
  return scripts.reduce((sum, s) => sum + s.length, 0) / Math.max(head.length, 1);
}

export function detectChallenge(status: number, body: Buffer): Challenge | null {
  // Markers are ASCII, so reading the bytes as latin1 works whatever the page's encoding.
  const head = body.subarray(0, 32_768).toString('latin1');
  const marker = MARKERS.find((m) => head.includes(m));
  if (CHALLENGE_STATUS.has(status)) return { reason: marker ? `HTTP ${status}, ${marker}` : `HTTP ${status}` };
  if (marker && (status === 202 || body.length < 16_384)) return { reason: `HTTP ${status}, ${marker}` };
  if (status === 202 && body.length < 8_192 && scriptShare(head) > 0.5) return { reason: 'HTTP 202, script-only page' };
  if (body.length < 4_096 && !/<a\s/i.test(head) && scriptShare(head) > 0.7) return { reason: 'script-only page' };
  return null;
}
