import type { Article } from './article';
import { COLUMN, PAGE_SIZE, columnEntries, listingPageOf, type ColumnEntry } from './column';
import { VISITS_INCLUDE, renderArticlePage, renderHomePage, renderListingPage, renderNotFoundPage } from './pages';
import { HTML, type Resource } from './respond';
import { loadSeedArticles, type SeedId } from './seed-articles';
import { STAGES, isPublished, isRevised, paragraphsAt, stageIndex, type DemoStage } from './timeline';

/** What the portal serves at the current stage, independent of HTTP. */
export interface DemoSite {
  readonly stage: DemoStage;
  /** Moves forward to `stage`; never back, so a late timer cannot undo a manual advance. */
  advanceTo(stage: DemoStage): void;
  resolve(path: string): Resource;
  reports(): Array<{ path: string; title: string; seed: SeedId; published: boolean }>;
}

const RELATED_COUNT = 4;

/** HTTP dates have whole seconds; a finer Last-Modified would never equal the If-Modified-Since sent back. */
function wholeSecond(time: number): Date {
  return new Date(Math.floor(time / 1000) * 1000);
}

/** `2024-01-02 09:00`, `2024-01-31 10:13:00` or `2022-12-09`, as Beijing time. */
function beijingTime(publishedAt: string): Date {
  const [date, time = '00:00'] = publishedAt.split(' ');
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

function listed(entry: ColumnEntry): string {
  return `./${entry.path.slice(COLUMN.dir.length)}`;
}

export function createDemoSite(): DemoSite {
  const entries = columnEntries(loadSeedArticles());
  const visits = new Map<string, number>();
  let stage: DemoStage = 'initial';
  const stageStartedAt = new Map<DemoStage, Date>([[stage, wholeSecond(Date.now())]]);

  const published = () => entries.filter((entry) => entry.seed === null || isPublished(entry.seed, stage));
  const notFound = (): Resource => ({ status: 404, contentType: HTML, body: renderNotFoundPage(), validators: null });
  const startOf = (at: DemoStage) => stageStartedAt.get(at) ?? new Date(0);

  function articleAt(entry: ColumnEntry): { article: Article; lastModified: Date } {
    if (entry.seed === null || !isRevised(entry.seed, stage)) {
      return { article: entry.article, lastModified: beijingTime(entry.article.publishedAt) };
    }
    const paragraphs = paragraphsAt(entry.seed, entry.article.paragraphs, stage);
    return { article: { ...entry.article, paragraphs }, lastModified: startOf('revised') };
  }

  function listingPage(page: number): Resource {
    const items = published();
    const pageCount = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    if (page >= pageCount) return notFound();
    const shown = items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((entry) => ({
      href: listed(entry),
      title: entry.article.title,
      date: entry.article.publishedAt.slice(0, 10),
    }));
    const html = renderListingPage(shown, page, pageCount);
    return { status: 200, contentType: HTML, body: html, validators: { source: html, lastModified: startOf(stage) } };
  }

  function articlePage(entry: ColumnEntry): Resource {
    const { article, lastModified } = articleAt(entry);
    const related = published()
      .filter((other) => other !== entry)
      .slice(0, RELATED_COUNT)
      .map((other) => ({ href: other.path, title: other.article.title }));
    const template = renderArticlePage(article, related);
    // Counters on real portals start from whatever the page has gathered; any stable number will do.
    const count = (visits.get(entry.path) ?? 100 + (entry.docId % 1777)) + 1;
    visits.set(entry.path, count);
    return {
      status: 200,
      contentType: HTML,
      body: template.replace(VISITS_INCLUDE, String(count)),
      validators: { source: template, lastModified },
    };
  }

  return {
    get stage() {
      return stage;
    },
    advanceTo(target) {
      for (const next of STAGES.slice(stageIndex(stage) + 1, stageIndex(target) + 1)) {
        const previous = startOf(stage).getTime();
        stageStartedAt.set(next, wholeSecond(Math.max(Date.now(), previous + 1000)));
        stage = next;
      }
    },
    resolve(path) {
      if (path === '/') {
        const html = renderHomePage();
        return { status: 200, contentType: HTML, body: html, validators: { source: html, lastModified: startOf('initial') } };
      }
      if (path === '/robots.txt') {
        return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'User-agent: *\nDisallow:\n', validators: null };
      }
      const page = listingPageOf(path);
      if (page !== null) return listingPage(page);
      const entry = published().find((candidate) => candidate.path === path);
      return entry ? articlePage(entry) : notFound();
    },
    reports() {
      return entries
        .flatMap(({ seed, path, article }) => (seed === null ? [] : [{ path, title: article.title, seed, published: isPublished(seed, stage) }]))
        .sort((a, b) => a.seed.localeCompare(b.seed));
    },
  };
}
