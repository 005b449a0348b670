import { load } from 'cheerio';
import { crawlPortal, reportKey, type CrawlOutcome, type CrawlPlan, type Validators } from '../src/crawl';
import { classifyTitle } from '../src/extract';
import { startDemoPortal, type DemoPortal } from '../src/demo';

const PORTALS = 10;
/** Requests in flight at once, for the crawler and the baseline alike: two portal checks at a time (WORKER_CONCURRENCY's default), one request each. */
const CONCURRENCY = 2;

interface Cycle {
  seconds: number;
  requests: number;
  conditional: number;
  notModified: number;
}

async function cycle(portals: DemoPortal[], state: Map<string, { known: Set<string>; validators: Map<string, Validators> }>): Promise<Cycle> {
  const started = performance.now();
  const outcomes: CrawlOutcome[] = [];
  const pending = [...portals];
  const checkOne = async (portal: DemoPortal) => {
    const memory = state.get(portal.origin) ?? { known: new Set<string>(), validators: new Map<string, Validators>() };
    const plan: CrawlPlan = {
      listings: [{ url: portal.listingUrl, pages: 3 }],
      isReport: (link) => classifyTitle(link.title) !== null,
      known: memory.known,
      // Second cycle: every stored report is recent, so each is rechecked.
      recheck: [...memory.known].map((key) => ({ url: portal.reports().find((r) => reportKey(r.url) === key)!.url, title: '', date: null })),
      validators: memory.validators,
    };
    const outcome = await crawlPortal(plan, 'http', { userAgent: 'nianbao-bench', maxConcurrency: 1 });
    for (const r of outcome.reports) memory.known.add(reportKey(r.link.url));
    for (const [url, v] of outcome.validators) memory.validators.set(url, v);
    state.set(portal.origin, memory);
    outcomes.push(outcome);
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let portal = pending.shift(); portal; portal = pending.shift()) await checkOne(portal);
    }),
  );
  const sum = (pick: (o: CrawlOutcome) => number) => outcomes.reduce((n, o) => n + pick(o), 0);
  return { seconds: (performance.now() - started) / 1000, requests: sum((o) => o.requests.total), conditional: sum((o) => o.requests.conditional), notModified: sum((o) => o.requests.notModified) };
}

/** The same pages fetched with undici (Node's fetch) and parsed with cheerio, nothing else: the ceiling. */
async function plainBaseline(urls: string[]): Promise<{ seconds: number; requests: number }> {
  const started = performance.now();
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        const html = await (await fetch(url)).text();
        load(html)('a').length;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, requests: urls.length };
}

/** N loopback portals × (listing + reports), two full check cycles with nothing new, against a plain fetch-and-parse. */
export default async function benchCrawl(): Promise<string[]> {
  const portals = await Promise.all(Array.from({ length: PORTALS }, () => startDemoPortal()));
  try {
    // Warm-up on a portal of its own: module loading and JIT are not what is measured.
    const warm = await startDemoPortal();
    await cycle([warm], new Map());
    await plainBaseline([warm.listingUrl]);
    await warm.close();
    const state = new Map<string, { known: Set<string>; validators: Map<string, Validators> }>();
    const first = await cycle(portals, state);
    const second = await cycle(portals, state);
    const pages = portals.flatMap((p) => [p.listingUrl, p.listingUrl.replace('index.shtml', 'index_1.shtml'), ...p.reports().filter((r) => r.published).map((r) => r.url)]);
    const plain = await plainBaseline(pages);
    const rate = (c: { seconds: number; requests: number }) => c.requests / c.seconds;
    const rss = process.resourceUsage().maxRSS / 1024;
    return [
      `crawl: ${PORTALS} loopback portals, ${CONCURRENCY} checks at a time, 1 request each; the baseline also keeps ${CONCURRENCY} requests in flight`,
      `crawl: cycle 1 ${first.requests} requests in ${first.seconds.toFixed(2)} s = ${rate(first).toFixed(1)} req/s`,
      `crawl: cycle 2 ${second.requests} requests in ${second.seconds.toFixed(2)} s = ${rate(second).toFixed(1)} req/s; conditional ${((100 * second.conditional) / second.requests).toFixed(1)}%, answered 304 ${((100 * second.notModified) / second.requests).toFixed(1)}%`,
      `crawl: plain undici + cheerio ${plain.requests} requests in ${plain.seconds.toFixed(2)} s = ${rate(plain).toFixed(1)} req/s`,
      `crawl: ratio crawler/plain (cycle 1) = ${(rate(first) / rate(plain)).toFixed(2)} (aim ≥ 0.50); conditional share cycle 2 aim ≥ 80%`,
      `crawl: peak RSS ${rss.toFixed(0)} MB`,
    ];
  } finally {
    await Promise.all(portals.map((p) => p.close()));
  }
}
