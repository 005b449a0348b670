import type { Kysely } from 'kysely';
import type { Portal } from '../core/portal';
import type { Database, PortalTable } from './schema';

export interface PortalStatus {
  portal: Portal;
  removed: boolean;
  lastCheckAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  fetchMode: string | null;
}

function toStatus(row: PortalTable): PortalStatus {
  return {
    portal: JSON.parse(row.definition) as Portal,
    removed: row.removed_at !== null,
    lastCheckAt: row.last_check_at,
    lastSuccessAt: row.last_success_at,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    fetchMode: row.fetch_mode,
  };
}

export class PortalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Makes the table match the config: new and changed portals saved, missing ones marked removed (their history stays). */
  async sync(portals: readonly Portal[], now = new Date()): Promise<{ removed: string[] }> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      for (const portal of portals) {
        await trx
          .insertInto('portals')
          .values({ id: portal.id, name: portal.name, definition: JSON.stringify(portal), created_at: at, updated_at: at, removed_at: null, consecutive_failures: 0 })
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: portal.name, definition: JSON.stringify(portal), updated_at: at, removed_at: null }))
          .execute();
      }
      const ids = portals.map((p) => p.id);
      let stale = trx.selectFrom('portals').select('id').where('removed_at', 'is', null);
      if (ids.length > 0) stale = stale.where('id', 'not in', ids);
      const removed = (await stale.execute()).map((r) => r.id);
      if (removed.length > 0) await trx.updateTable('portals').set({ removed_at: at, updated_at: at }).where('id', 'in', removed).execute();
      return { removed };
    });
  }

  async list(options: { includeRemoved?: boolean } = {}): Promise<PortalStatus[]> {
    let query = this.db.selectFrom('portals').selectAll().orderBy('id');
    if (!options.includeRemoved) query = query.where('removed_at', 'is', null);
    return (await query.execute()).map(toStatus);
  }

  async get(id: string): Promise<PortalStatus | null> {
    const row = await this.db.selectFrom('portals').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStatus(row) : null;
  }

  async recordSuccess(id: string, fetchMode: string, now = new Date()): Promise<void> {
    const at = now.toISOString();
    await this.db.updateTable('portals').set({ last_check_at: at, last_success_at: at, consecutive_failures: 0, last_error: null, fetch_mode: fetchMode }).where('id', '=', id).execute();
  }

  async recordFailure(id: string, error: string, now = new Date()): Promise<void> {
    await this.db
      .updateTable('portals')
      .set((eb) => ({ last_check_at: now.toISOString(), last_error: error, consecutive_failures: eb('consecutive_failures', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }
}
