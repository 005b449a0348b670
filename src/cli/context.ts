import path from 'node:path';
import { createQueues, type Queues } from '../../jobs/queues';
import { loadPortalFiles } from '../app/portal-files';
import { redisOptionsFromUrl } from '../app/redis-options';
import { runningOwnRedis } from '../app/redis-server';
import { NianbaoError } from '../core/errors';
import { parseSettings, type Settings } from '../core/settings';
import { openStore, type Store } from '../store';

export function loadSettings(): Settings {
  return parseSettings(process.env);
}

/** Chinese first; English when NIANBAO_LOCALE=en. */
export function say(settings: Settings, zh: string, en: string): string {
  return settings.locale === 'en' ? en : zh;
}

export async function withStore<T>(settings: Settings, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** The queues of the running system: REDIS_URL, or the redis-server a running `nianbao start` manages for this data folder. */
export async function withQueues<T>(settings: Settings, run: (queues: Queues) => Promise<T>): Promise<T> {
  const url = settings.redisUrl ?? runningOwnRedis(settings.dataDir);
  if (!url) {
    throw new NianbaoError(
      'ERR_INPUT_INVALID',
      say(settings, `没有正在运行的 nianbao（数据目录 ${settings.dataDir}）。请先运行 "npx nianbao start"，或设置 REDIS_URL。`, `no running nianbao for data folder ${settings.dataDir}; run "npx nianbao start" first or set REDIS_URL`),
    );
  }
  const queues = createQueues(redisOptionsFromUrl(url), settings.queuePrefix);
  try {
    return await run(queues);
  } finally {
    await queues.close();
  }
}

export function configuredPortals(settings: Settings) {
  return loadPortalFiles(path.join(settings.configDir, 'portals'));
}
