import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { NianbaoError } from '../core/errors';

export interface OwnRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

interface ServerFile {
  pid: number;
  port: number;
  /** The nianbao process that started it; when that process is gone, the server is an orphan. */
  owner: number;
}

const INSTALL_HINT = 'sudo apt-get install -y redis-server（或设置 REDIS_URL 使用已有的 Redis / or set REDIS_URL to use an existing Redis）';

/** Debian puts redis-server in /usr/bin, but a non-login shell's PATH may lack /usr/sbin and friends. */
const DEFAULT_SEARCH_PATH = (): string[] => [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];

function findBinary(name: string, dirs: readonly string[]): string | null {
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Alive and not a zombie: a killed server whose parent is gone may linger unreaped, holding nothing. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * A redis-server we started for this folder (the pid may since have been reused by another program).
 * Redis changes into its --dir and overwrites its environment with its process title, so the working
 * directory is what identifies it.
 */
function isOurServer(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server') && readlinkSync(`/proc/${pid}/cwd`) === dir;
  } catch {
    return false;
  }
}

/** The URL of a redis-server another nianbao process runs for this data folder, if one is running. */
export function runningOwnRedis(dataDir: string): string | null {
  const file = path.resolve(dataDir, 'redis', 'server.json');
  if (!existsSync(file)) return null;
  const info = JSON.parse(readFileSync(file, 'utf8')) as ServerFile;
  return isAlive(info.pid) ? `redis://127.0.0.1:${info.port}` : null;
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused connections are expected while redis starts; connect() rejects and that is enough.
    client.on('error', () => {});
    try {
      await client.connect();
      // While the append-only file loads, Redis answers LOADING; wait for a real PONG.
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await sleep(100);
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-5).join('\n') : '';
  throw new NianbaoError('ERR_REDIS_START', `redis-server 未能启动 / redis-server did not start (see ${logFile}):\n${log}`);
}

/**
 * Runs a private redis-server for this data folder: loopback only, append-only file on, data under
 * `<dataDir>/redis`. Used when no REDIS_URL is given, so a single machine needs no set-up.
 */
export async function startOwnRedis(dataDir: string, options: { searchPath?: readonly string[] } = {}): Promise<OwnRedis> {
  const binary = findBinary('redis-server', options.searchPath ?? DEFAULT_SEARCH_PATH());
  if (!binary) throw new NianbaoError('ERR_REDIS_MISSING', `未找到 redis-server / redis-server not found. 安装 / install: ${INSTALL_HINT}`);
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const serverFile = path.join(dir, 'server.json');
  if (existsSync(serverFile)) {
    const previous = JSON.parse(readFileSync(serverFile, 'utf8')) as ServerFile;
    if (isAlive(previous.pid) && isAlive(previous.owner)) {
      throw new NianbaoError('ERR_REDIS_START', `数据目录 ${dataDir} 正被另一个 nianbao 进程使用 (pid ${previous.owner}) / the data folder is in use by another nianbao process; stop it or use another NIANBAO_DATA_DIR`);
    }
    // Its owner was killed before it could stop the server: stop the orphan so its data files are free.
    if (isAlive(previous.pid) && isOurServer(previous.pid, dir)) {
      process.kill(previous.pid, 'SIGTERM');
      for (let i = 0; i < 50 && isAlive(previous.pid); i++) await sleep(100);
    }
  }
  const port = await freePort();
  const logFile = path.join(dir, 'redis.log');
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--logfile', logFile],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  writeFileSync(serverFile, JSON.stringify({ pid: child.pid ?? 0, port, owner: process.pid } satisfies ServerFile));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        // SIGTERM makes redis fsync the append-only file before exiting.
        child.kill('SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), sleep(10_000, true, { ref: false })]);
        if (timedOut) child.kill('SIGKILL');
        await exited;
      }
      rmSync(serverFile, { force: true });
    },
  };
}
