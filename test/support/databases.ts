import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openStore, type Store } from '../../src/store';

/** A store on a database of its own, and how to give that database back. */
export interface OpenedStore {
  store: Store;
  /** Opens a second store on the same database (migrations run again; the data is the same). */
  reopen(): Promise<Store>;
  /** Closes every store opened here, then deletes the database. */
  cleanup(): Promise<void>;
  /** PostgreSQL only: the test database's URL, for tests that must set the server up beyond the store's reach. */
  url?: string;
}

export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStore>;
}

/**
 * Every engine the storage tier should be tested on: SQLite always, PostgreSQL when
 * DATABASE_URL points at a server. Each `open()` gets an empty database, so tests never
 * share rows and can run in any order.
 */
export function storeTargets(): StoreTarget[] {
  const targets: StoreTarget[] = [{ name: 'sqlite', open: openSqlite }];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) targets.push({ name: 'postgres', open: () => openPostgres(databaseUrl) });
  return targets;
}

/** `describe.each` over the targets: one block per engine, titled e.g. "store [postgres]". */
export function describeEachStore(title: string, fn: (target: StoreTarget) => void): void {
  describe.each(storeTargets().map((target) => [target.name, target] as const))(`${title} [%s]`, (_name, target) => fn(target));
}

async function tracked(first: Store, openAnother: () => Promise<Store>, release: () => Promise<void>): Promise<OpenedStore> {
  const stores = [first];
  return {
    store: first,
    async reopen() {
      const store = await openAnother();
      stores.push(store);
      return store;
    },
    async cleanup() {
      for (const store of stores.splice(0).reverse()) await store.close();
      await release();
    },
  };
}

async function openSqlite(): Promise<OpenedStore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-store-'));
  const release = async () => rmSync(dataDir, { recursive: true, force: true });
  try {
    return await tracked(await openStore({ dataDir }), () => openStore({ dataDir }), release);
  } catch (error) {
    await release();
    throw error;
  }
}

/** Runs statements on the server named by DATABASE_URL (CREATE/DROP DATABASE cannot run in a transaction or a pool). */
async function admin(databaseUrl: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * pg-pool's end() resolves once it has asked its clients to end, before their sockets close; a
 * FORCE drop in that gap kills sessions whose client then emits an unhandled 'error'. So wait
 * (briefly) for the closed stores' sessions to go; FORCE then only ends what a test leaked.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let waited = 0; waited < 2_000; waited += 20) {
    const { rows } = await client.query<{ sessions: number }>('SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1', [name]);
    if (rows[0]?.sessions === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

async function openPostgres(databaseUrl: string): Promise<OpenedStore> {
  // Only databases this helper created are ever dropped: the name is fresh and never taken from outside.
  const name = `nianbao_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const testUrl = url.toString();
  // dataDir is unused when a URL is given; the store requires one all the same.
  const open = () => openStore({ databaseUrl: testUrl, dataDir: os.tmpdir() });
  await admin(databaseUrl, (client) => client.query(`CREATE DATABASE "${name}"`).then(() => undefined));
  const release = () => admin(databaseUrl, (client) => dropDatabase(client, name));
  try {
    return { ...(await tracked(await open(), open, release)), url: testUrl };
  } catch (error) {
    await release();
    throw error;
  }
}
