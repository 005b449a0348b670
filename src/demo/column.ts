import type { Article } from './article';
import { NOTICES } from './notices';
import type { SeedId } from './seed-articles';

/** A TRS column: `/col/<code>/index.shtml`, then `index_1.shtml`, `index_2.shtml` … */
export const COLUMN = { dir: '/col/fzzfjs/', name: '法治政府建设' } as const;
export const PAGE_SIZE = 8;

/** Document ids rise with the publication date, as TRS assigns them. */
const REPORT_DOC_IDS: Readonly<Record<SeedId, number>> = {
  '000': 3723994,
  '001': 3768120,
  '002': 3750677,
  '003': 3787512,
  '004': 3312045,
};

export interface ColumnEntry {
  path: string;
  /** The seed a report was built from; null for the column's other items. */
  seed: SeedId | null;
  docId: number;
  article: Article;
}

/** Every item the column will ever hold, newest first; the timeline decides which are visible. */
export function columnEntries(reports: Readonly<Record<SeedId, Article>>): ColumnEntry[] {
  const seeds = Object.keys(REPORT_DOC_IDS) as SeedId[];
  const entries: ColumnEntry[] = [
    ...seeds.map((seed) => ({ seed, docId: REPORT_DOC_IDS[seed], article: reports[seed] })),
    ...NOTICES.map(({ docId, article }) => ({ seed: null, docId, article })),
  ].map((entry) => ({ ...entry, path: articlePath(entry.article.publishedAt, entry.docId) }));
  return entries.sort((a, b) => b.article.publishedAt.localeCompare(a.article.publishedAt));
}

/** `/col/fzzfjs/202401/t20240102_3723994.shtml` */
function articlePath(publishedAt: string, docId: number): string {
  const day = publishedAt.slice(0, 10).replaceAll('-', '');
  return `${COLUMN.dir}${day.slice(0, 6)}/t${day}_${docId}.shtml`;
}

export function listingPath(page: number): string {
  return `${COLUMN.dir}${page === 0 ? 'index.shtml' : `index_${page}.shtml`}`;
}

/** The listing page a path asks for (0 for `index.shtml` and the bare column directory), or null. */
export function listingPageOf(path: string): number | null {
  if (path === COLUMN.dir || path === listingPath(0)) return 0;
  const match = /^index_([1-9]\d*)\.shtml$/.exec(path.slice(COLUMN.dir.length));
  return path.startsWith(COLUMN.dir) && match ? Number(match[1]) : null;
}
