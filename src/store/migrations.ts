import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Migrations are written once; the two engines differ only in the id and blob column types. */
function initialSchema(engine: Engine): Migration {
  const id = engine === 'postgres' ? 'serial' : 'integer';
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('portals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .addColumn('last_check_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('fetch_mode', 'text')
        .execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', id, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('portal_id', 'text', (c) => c.notNull().references('portals.id'))
        // One report under several URLs (www. and bare host, /gate/big5/ copies) has one key.
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('type', 'text')
        .addColumn('year', 'integer')
        .addColumn('publisher', 'text')
        .addColumn('published_date', 'text')
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('version_count', 'integer', (c) => c.notNull())
        .addColumn('current_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_portal').on('reports').column('portal_id').execute();
      await db.schema
        .createTable('versions')
        .addColumn('id', id, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
        .addColumn('version_no', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('fetched_at', 'text', (c) => c.notNull())
        .addColumn('raw', sql.raw(blob), (c) => c.notNull())
        .addColumn('raw_content_type', 'text')
        .addColumn('raw_sha256', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('normalized_text', 'text', (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addUniqueConstraint('versions_report_version', ['report_id', 'version_no'])
        .execute();
      await db.schema
        .createTable('changes')
        .addColumn('id', id, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
        .addColumn('version_id', 'integer', (c) => c.notNull().unique().references('versions.id'))
        .addColumn('previous_version_id', 'integer', (c) => c.references('versions.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('detected_at', 'text', (c) => c.notNull())
        .addColumn('text_diff', 'text')
        .addColumn('figure_changes', 'text')
        .execute();
      await db.schema
        .createTable('subscribers')
        .addColumn('id', id, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('frequency', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('last_change_id', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('deliveries')
        .addColumn('id', id, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id'))
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('change_from', 'integer', (c) => c.notNull())
        .addColumn('change_to', 'integer', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addUniqueConstraint('deliveries_subscriber_period', ['subscriber_id', 'period_key'])
        .execute();
    },
  };
}

/** ETag / Last-Modified per fetched URL, so the next check can ask "changed since?" and get a 304. */
const httpValidators: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('http_validators')
      .addColumn('url', 'text', (c) => c.primaryKey())
      .addColumn('etag', 'text')
      .addColumn('last_modified', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/** A city portal reposting a district's report: the repost points at the report it copies. */
const reportDuplicates: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('reports').addColumn('duplicate_of', 'integer', (c) => c.references('reports.id')).execute();
    await db.schema.createIndex('reports_current_hash').on('reports').column('current_hash').execute();
  },
};

export function migrationsFor(engine: Engine): MigrationProvider {
  return { getMigrations: async () => ({ '0001-initial-schema': initialSchema(engine), '0002-http-validators': httpValidators, '0003-report-duplicates': reportDuplicates }) };
}
