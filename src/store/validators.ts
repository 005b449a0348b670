import type { Kysely } from 'kysely';
import type { Validators } from '../core/types';
import type { Database } from './schema';


export class ValidatorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async forUrls(urls: readonly string[]): Promise<Map<string, Validators>> {
    const found = new Map<string, Validators>();
    // Chunks keep the IN list under SQLite's bound-parameter limit.
    for (let i = 0; i < urls.length; i += 500) {
      const rows = await this.db.selectFrom('http_validators').selectAll().where('url', 'in', urls.slice(i, i + 500)).execute();
      for (const row of rows) found.set(row.url, { ...(row.etag ? { etag: row.etag } : {}), ...(row.last_modified ? { lastModified: row.last_modified } : {}) });
    }
    return found;
  }

  async save(validators: ReadonlyMap<string, Validators>, now = new Date()): Promise<void> {
    if (validators.size === 0) return;
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const [url, v] of validators) {
        const values = { etag: v.etag ?? null, last_modified: v.lastModified ?? null, updated_at: at };
        await trx.insertInto('http_validators').values({ url, ...values }).onConflict((oc) => oc.column('url').doUpdateSet(values)).execute();
      }
    });
  }
}
