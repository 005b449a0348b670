import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { NianbaoError } from '../core/errors';
import { redactUrl } from '../core/redact';
import { migrationsFor, type Engine } from './migrations';
import type { Database } from './schema';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for logs and health output (password removed). */
  location: string;
}

/** PostgreSQL when a URL is given, else an SQLite file under the data folder: one query path for both. */
export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): DatabaseHandle {
  if (options.databaseUrl) {
    // BIGINT (count(*)) comes back as a string by default; our counts fit in a JS number.
    pg.types.setTypeParser(20, (value) => Number(value));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres', location: redactUrl(options.databaseUrl) };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.resolve(options.dataDir, 'nianbao.sqlite');
  const sqlite = new SQLite(file);
  // WAL lets the web process read while a worker writes; busy_timeout covers several local processes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), engine: 'sqlite', location: file };
}

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const migrator = new Migrator({ db: handle.db, provider: migrationsFor(handle.engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new NianbaoError('ERR_DB', `数据库迁移失败 / migration ${failed} failed on ${handle.location}`, { cause: error, retryable: false });
  }
}
