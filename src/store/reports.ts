import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ExtractedPage, Figure, FigureChange, TextDiff } from '../core/types';
import type { Engine } from './migrations';
import type { Database } from './schema';

/** One fetch of a report page, extracted, ready to be kept if its content is new. */
export interface Observation {
  portalId: string;
  /** The report's identity across URLs; the caller computes it. */
  key: string;
  url: string;
  /** The listing's link text, used when the page itself has no title. */
  linkTitle: string;
  page: ExtractedPage;
  figures: Figure[];
  raw: Buffer;
  rawContentType: string | null;
  fetchedAt: Date;
}

export interface CurrentVersion {
  reportId: number;
  versionId: number;
  versionNo: number;
  contentHash: string;
  text: string;
  figures: Figure[];
}

export interface Revision {
  previous: CurrentVersion;
  textDiff: TextDiff;
  figureChanges: FigureChange[];
}

export type RecordOutcome =
  | { outcome: 'new' | 'revised'; reportId: number; versionId: number; changeId: number }
  | { outcome: 'unchanged'; reportId: number }
  /** First seen with the same text as a report another portal published: kept, but not news. */
  | { outcome: 'duplicate'; reportId: number; versionId: number; duplicateOf: number }
  /** Another worker stored a version between our read and our write; the caller reads again. */
  | { outcome: 'conflict' };

export interface ChangeRow {
  changeId: number;
  kind: 'new' | 'revised';
  detectedAt: string;
  reportId: number;
  url: string;
  title: string;
  type: string | null;
  year: number | null;
  publisher: string | null;
  publishedDate: string | null;
  portalId: string;
  portalName: string;
  textDiff: TextDiff | null;
  figureChanges: FigureChange[] | null;
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Any constant: the advisory lock that orders change ids on PostgreSQL. */
const CHANGE_ORDER_LOCK = 7_243_001;

export class ReportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async current(key: string): Promise<CurrentVersion | null> {
    const row = await this.db
      .selectFrom('reports')
      .innerJoin('versions', (join) => join.onRef('versions.report_id', '=', 'reports.id').onRef('versions.version_no', '=', 'reports.version_count'))
      .select(['reports.id as reportId', 'versions.id as versionId', 'versions.version_no as versionNo', 'versions.content_hash as contentHash', 'versions.text', 'versions.figures'])
      .where('reports.key', '=', key)
      .executeTakeFirst();
    return row ? { ...row, figures: JSON.parse(row.figures) as Figure[] } : null;
  }

  /** One line per report: what publication coverage needs. */
  async summaries(): Promise<Array<{ portalId: string; type: string | null; year: number | null; url: string; title: string; publishedDate: string | null; firstSeenAt: string }>> {
    return this.db
      .selectFrom('reports')
      .select(['portal_id as portalId', 'type', 'year', 'url', 'title', 'published_date as publishedDate', 'first_seen_at as firstSeenAt'])
      .orderBy('id')
      .execute();
  }

  /** What the recheck policy needs to know of a portal's stored reports. */
  async forRecheck(portalId: string): Promise<Array<{ key: string; url: string; title: string; year: number | null; publishedDate: string | null; firstSeenAt: string; lastSeenAt: string }>> {
    return this.db
      .selectFrom('reports')
      .select(['key', 'url', 'title', 'year', 'published_date as publishedDate', 'first_seen_at as firstSeenAt', 'last_seen_at as lastSeenAt'])
      .where('portal_id', '=', portalId)
      .execute();
  }

  async touchKey(key: string, at: Date): Promise<void> {
    await this.db.updateTable('reports').set({ last_seen_at: at.toISOString() }).where('key', '=', key).execute();
  }

  async touch(reportId: number, at: Date): Promise<void> {
    await this.db.updateTable('reports').set({ last_seen_at: at.toISOString() }).where('id', '=', reportId).execute();
  }

  /**
   * Keeps an observation as version 1 (new report) or as the next version (revision).
   * Optimistic: the write happens only if the report is still where the caller read it.
   */
  async record(observation: Observation, revision: Revision | null): Promise<RecordOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const at = observation.fetchedAt.toISOString();
      const { page } = observation;
      const fields = {
        title: page.title ?? observation.linkTitle,
        type: page.type,
        year: page.year,
        publisher: page.publisher,
        published_date: page.date,
        last_seen_at: at,
        current_hash: page.hash,
      };
      let reportId: number;
      let versionNo: number;
      let duplicateOf: number | null = null;
      if (revision === null) {
        const original = await trx
          .selectFrom('reports')
          .select('id')
          .where('current_hash', '=', page.hash)
          .where('key', '!=', observation.key)
          .where('duplicate_of', 'is', null)
          .orderBy('id')
          .executeTakeFirst();
        duplicateOf = original?.id ?? null;
        const inserted = await trx
          .insertInto('reports')
          .values({ ...fields, portal_id: observation.portalId, key: observation.key, url: observation.url, first_seen_at: at, version_count: 1, duplicate_of: duplicateOf })
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return { outcome: 'conflict' };
        reportId = inserted.id;
        versionNo = 1;
      } else {
        reportId = revision.previous.reportId;
        versionNo = revision.previous.versionNo + 1;
        const updated = await trx
          .updateTable('reports')
          .set({ ...fields, version_count: versionNo })
          .where('id', '=', reportId)
          .where('version_count', '=', revision.previous.versionNo)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return { outcome: 'conflict' };
      }
      const versionId = await insertVersion(trx, reportId, versionNo, observation);
      if (duplicateOf !== null) return { outcome: 'duplicate', reportId, versionId, duplicateOf };
      // Digests take changes by id range, so ids must become visible in order. On PostgreSQL two
      // workers could commit ids 2 then 1, and a digest taken in between would skip 1 for ever;
      // this lock, held to commit, hands out change ids in commit order. SQLite writes one at a time anyway.
      if (this.engine === 'postgres') await sql`select pg_advisory_xact_lock(${CHANGE_ORDER_LOCK})`.execute(trx);
      const change = await trx
        .insertInto('changes')
        .values({
          report_id: reportId,
          version_id: versionId,
          previous_version_id: revision?.previous.versionId ?? null,
          kind: revision ? 'revised' : 'new',
          detected_at: at,
          text_diff: revision ? JSON.stringify(revision.textDiff) : null,
          figure_changes: revision ? JSON.stringify(revision.figureChanges) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { outcome: revision ? 'revised' : 'new', reportId, versionId, changeId: change.id };
    });
  }

  async maxChangeId(): Promise<number> {
    const row = await this.db.selectFrom('changes').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  /** Changes with from < id <= to, oldest first, with what a digest shows of their report. */
  async changesBetween(from: number, to: number): Promise<ChangeRow[]> {
    const rows = await this.db
      .selectFrom('changes')
      .innerJoin('reports', 'reports.id', 'changes.report_id')
      .innerJoin('portals', 'portals.id', 'reports.portal_id')
      .select([
        'changes.id as changeId',
        'changes.kind',
        'changes.detected_at as detectedAt',
        'changes.text_diff as textDiff',
        'changes.figure_changes as figureChanges',
        'reports.id as reportId',
        'reports.url',
        'reports.title',
        'reports.type',
        'reports.year',
        'reports.publisher',
        'reports.published_date as publishedDate',
        'portals.id as portalId',
        'portals.name as portalName',
      ])
      .where('changes.id', '>', from)
      .where('changes.id', '<=', to)
      .orderBy('changes.id')
      .execute();
    return rows.map((r) => ({ ...r, textDiff: parseJson<TextDiff>(r.textDiff), figureChanges: parseJson<FigureChange[]>(r.figureChanges) }));
  }

  /** Reports, newest first, each with its versions (without bodies) and changes. */
  async list(options: { portalId?: string; id?: number; limit?: number } = {}) {
    let query = this.db.selectFrom('reports').selectAll().orderBy('id', 'desc').limit(options.limit ?? 100);
    if (options.portalId) query = query.where('portal_id', '=', options.portalId);
    if (options.id !== undefined) query = query.where('id', '=', options.id);
    const reports = await query.execute();
    if (reports.length === 0) return [];
    const ids = reports.map((r) => r.id);
    const versions = await this.db
      .selectFrom('versions')
      .select(['id', 'report_id', 'version_no', 'content_hash', 'fetched_at', 'raw_sha256', 'metadata'])
      .where('report_id', 'in', ids)
      .orderBy('version_no')
      .execute();
    const changes = await this.db.selectFrom('changes').selectAll().where('report_id', 'in', ids).orderBy('id').execute();
    return reports.map((report) => ({
      id: report.id,
      portalId: report.portal_id,
      url: report.url,
      title: report.title,
      type: report.type,
      year: report.year,
      publisher: report.publisher,
      publishedDate: report.published_date,
      firstSeenAt: report.first_seen_at,
      lastSeenAt: report.last_seen_at,
      duplicateOf: report.duplicate_of,
      versions: versions
        .filter((v) => v.report_id === report.id)
        .map((v) => ({ id: v.id, versionNo: v.version_no, contentHash: v.content_hash, rawSha256: v.raw_sha256, fetchedAt: v.fetched_at, metadata: JSON.parse(v.metadata) as unknown })),
      changes: changes
        .filter((c) => c.report_id === report.id)
        .map((c) => ({
          id: c.id,
          kind: c.kind,
          detectedAt: c.detected_at,
          versionId: c.version_id,
          previousVersionId: c.previous_version_id,
          textDiff: parseJson<TextDiff>(c.text_diff),
          figureChanges: parseJson<FigureChange[]>(c.figure_changes),
        })),
    }));
  }

  async versionText(versionId: number): Promise<{ text: string; raw: Buffer; rawContentType: string | null } | null> {
    const row = await this.db.selectFrom('versions').select(['text', 'raw', 'raw_content_type']).where('id', '=', versionId).executeTakeFirst();
    return row ? { text: row.text, raw: row.raw, rawContentType: row.raw_content_type } : null;
  }
}

async function insertVersion(trx: Transaction<Database>, reportId: number, versionNo: number, observation: Observation): Promise<number> {
  const { page } = observation;
  const { text, normalizedText, hash, ...metadata } = page;
  const row = await trx
    .insertInto('versions')
    .values({
      report_id: reportId,
      version_no: versionNo,
      content_hash: hash,
      fetched_at: observation.fetchedAt.toISOString(),
      raw: observation.raw,
      raw_content_type: observation.rawContentType,
      raw_sha256: createHash('sha256').update(observation.raw).digest('hex'),
      text,
      normalized_text: normalizedText,
      metadata: JSON.stringify(metadata),
      figures: JSON.stringify(observation.figures),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
