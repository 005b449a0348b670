#!/usr/bin/env node
// Makes a checkout runnable: Node version, npm packages (with better-sqlite3's native addon), redis-server.
// Runs before node_modules exists, so it uses nothing but Node itself. Silent when nothing is missing.
//
//   node scripts/setup.mjs              what `npm run demo` and `npm run bench` need
//   node scripts/setup.mjs --for-tests  what `npm test` needs: the same, and chromium is required (the tests drive it)
//
// Exit 0 when the project is ready, 1 with a message (Chinese, then English) when it cannot be made so.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Keep in step with "engines" in package.json (test/unit/setup-script.test.ts checks that they agree).
const MIN_NODE = [20, 19, 0];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = path.join(root, 'package-lock.json');
const modulesDir = path.join(root, 'node_modules');
// npm writes this "hidden lockfile" at the end of every install; it describes what node_modules holds.
const npmMarker = path.join(modulesDir, '.package-lock.json');
// Ours: the lockfile hash and Node ABI that node_modules was last installed or checked against.
const stampFile = path.join(modulesDir, '.nianbao-setup-stamp');
const sqliteAddon = path.join(modulesDir, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** An expected failure: printed as a message, never as a stack trace. */
class SetupError extends Error {}

function say(zh, en) {
  console.log(`[setup] ${zh} / ${en}`);
}

function fail(zh, en, ...details) {
  return new SetupError([`[setup] ${zh}`, `[setup] ${en}`, ...details].join('\n'));
}

/** Runs a command with the terminal attached, so its progress shows; returns its exit status. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw fail(`无法运行 ${command}：${result.error.message}`, `could not run ${command}: ${result.error.message}`);
  if (result.signal) throw fail(`${command} 被信号 ${result.signal} 终止`, `${command} was killed by ${result.signal}`);
  return result.status;
}

// ---------------------------------------------------------------------------------------------
// Node

function parseVersion(text) {
  return text.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
}

function isAtLeast(version, minimum) {
  for (let i = 0; i < minimum.length; i++) {
    const a = version[i] || 0;
    if (a !== minimum[i]) return a > minimum[i];
  }
  return true;
}

function checkNode() {
  if (isAtLeast(parseVersion(process.versions.node), MIN_NODE)) return;
  const wanted = MIN_NODE.slice(0, 2).join('.');
  throw fail(
    `需要 Node.js ${wanted} 或更高版本，当前是 ${process.version}。请先升级 Node.js（例如 nvm install 22）。`,
    `Node.js ${wanted} or newer is needed; this is ${process.version}. Please upgrade Node.js first (e.g. nvm install 22).`,
  );
}

// ---------------------------------------------------------------------------------------------
// npm packages

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

function writeStamp(lockHash) {
  const stamp = { lock: lockHash, abi: process.versions.modules, node: process.version };
  writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
}

/**
 * Whether node_modules matches package-lock.json. Either sign is enough:
 * - npm's own marker is newer than the lockfile: npm installed after the lockfile last changed
 *   (this also covers `npm install some-package` by hand, which writes the lockfile first);
 * - the lockfile's content is what our stamp says we installed (a checkout that only touched it).
 */
function packagesUpToDate({ lockMtimeMs, markerMtimeMs, lockHash, stampLockHash }) {
  if (markerMtimeMs === null) return false;
  if (markerMtimeMs >= lockMtimeMs) return true;
  return stampLockHash !== null && stampLockHash === lockHash();
}

function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** npm itself when we were started by an npm script (the same version as the user's), else npm on PATH. */
function npmCommand(args) {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.[cm]?js$/.test(cli)) return [process.execPath, [cli, ...args]];
  return ['npm', args];
}

function runNpm(args) {
  const [command, fullArgs] = npmCommand(args);
  return run(command, fullArgs);
}

/** Loads the native addon for real: `require('better-sqlite3')` alone defers loading it until a database opens. */
function sqliteLoads() {
  const result = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status === 0) return { ok: true };
  const lines = `${result.stderr || ''}${result.error ? result.error.message : ''}`.trim().split('\n');
  const reason = lines.find((line) => /Error|error:/.test(line)) || lines[0] || `exit ${result.status}`;
  return { ok: false, reason: reason.trim() };
}

/**
 * better-sqlite3 ships no binary for every Node version, and npm 11 runs its install script only
 * because package.json's "allowScripts" permits it. If the addon still does not load (a blocked
 * script, a Node upgrade since the install), build it from source once.
 */
function ensureSqliteAddon() {
  if (sqliteLoads().ok) return;
  say('正在从源码编译 better-sqlite3（约 80 秒）…', 'building better-sqlite3 from source (about 80 s)…');
  const status = runNpm(['rebuild', 'better-sqlite3']);
  const check = sqliteLoads();
  if (status === 0 && check.ok) return;
  throw fail(
    `better-sqlite3 无法加载${check.reason ? `：${check.reason}` : ''}。编译需要 python3、make 和 g++（apt-get install -y python3 make g++）。`,
    `better-sqlite3 does not load${check.reason ? `: ${check.reason}` : ''}. Building it needs python3, make and g++ (apt-get install -y python3 make g++).`,
  );
}

function ensurePackages() {
  if (!existsSync(lockFile)) {
    throw fail('缺少 package-lock.json，无法安装依赖。', 'package-lock.json is missing; cannot install packages.');
  }
  const lockMtimeMs = mtimeMs(lockFile);
  const stamp = readStamp();
  let hash = null;
  const lockHash = () => {
    if (hash === null) hash = sha256(lockFile);
    return hash;
  };
  const upToDate = packagesUpToDate({
    lockMtimeMs,
    markerMtimeMs: mtimeMs(npmMarker),
    lockHash,
    stampLockHash: stamp && typeof stamp.lock === 'string' ? stamp.lock : null,
  });

  if (!upToDate) {
    say('安装 npm 依赖…', 'installing npm packages…');
    // `npm install`, not `npm ci`: the registry these machines reach has no builds for other platforms
    // (e.g. @rollup/rollup-darwin-arm64 is a 404), so npm cannot record those optional packages in
    // package-lock.json, and `npm ci` then always refuses the lockfile as "out of sync" (npm/cli#4828).
    // Without arguments, `npm install` installs exactly the locked versions when package.json agrees.
    const status = runNpm(['install', '--no-audit', '--no-fund']);
    if (status !== 0) {
      throw fail(`npm install 失败（退出码 ${status}），见上方输出。`, `npm install failed (exit code ${status}); see the output above.`);
    }
    ensureSqliteAddon();
    writeStamp(lockHash());
    return;
  }

  // node_modules is current. The addon is only checked for real when something could have broken it:
  // no stamp yet (installed by hand), another Node ABI than at the last check, or the file is gone.
  if (!stamp || stamp.abi !== process.versions.modules || !existsSync(sqliteAddon)) {
    ensureSqliteAddon();
    writeStamp(lockHash());
  } else if (stamp.lock !== lockHash()) {
    writeStamp(lockHash());
  }
}

// ---------------------------------------------------------------------------------------------
// redis-server

/** Where the app looks for it too (src/app/redis-server.ts): PATH, then Debian's folders. */
function findExecutable(name) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter).filter(Boolean), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return null;
}

/**
 * Installs a Debian package when its program is missing: apt-get as root, else the command to run.
 * The app starts its own redis-server child (own port, own data folder) whenever REDIS_URL is unset,
 * so only the binary is needed: no service is started here. Chromium serves browser mode (portals
 * behind bot challenges or with script-rendered listings); Playwright's own browser download cannot
 * work on these machines, Debian's build can.
 */
function ensureDebianPackage({ program, pkg, why }, { required = true } = {}) {
  if (findExecutable(program)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = findExecutable('apt-get');
  if (!isRoot || !apt) {
    const command = apt ? `sudo apt-get install -y ${pkg}` : `用系统的包管理器安装 ${pkg} / install ${pkg} with your package manager`;
    if (!required) {
      say(`未找到 ${program}（${why.zh}），请稍后安装：${command}`, `${program} not found (${why.en}); install it later: ${command}`);
      return;
    }
    throw fail(`未找到 ${program}（${why.zh}）。请安装后重试：`, `${program} not found (${why.en}). Install it, then run again:`, `  ${command}`);
  }
  say(`安装 ${pkg}（apt-get）…`, `installing ${pkg} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A stale or partly failing source list should not stop the install if the package is known already.
  if (run(apt, ['update'], { env }) !== 0) say('apt-get update 未完全成功，继续安装', 'apt-get update did not fully succeed; installing anyway');
  const status = run(apt, ['install', '-y', '--no-install-recommends', pkg], { env });
  if (status !== 0) {
    throw fail(`apt-get install ${pkg} 失败（退出码 ${status}），见上方输出。`, `apt-get install ${pkg} failed (exit code ${status}); see the output above.`);
  }
  if (!findExecutable(program)) {
    throw fail(`apt-get 已安装 ${pkg}，但仍找不到 ${program}。`, `apt-get installed ${pkg}, yet ${program} is still not found.`);
  }
}

const REDIS = { program: 'redis-server', pkg: 'redis-server', why: { zh: 'nianbao 会自行启动它；或设置 REDIS_URL 使用已有的 Redis', en: 'nianbao starts its own; or set REDIS_URL to use an existing Redis' } };
const CHROMIUM = { program: 'chromium', pkg: 'chromium', why: { zh: '浏览器模式需要它', en: 'browser mode drives it' } };

// ---------------------------------------------------------------------------------------------

const USAGE = 'usage: node scripts/setup.mjs [--for-tests]';

function main(argv) {
  const unknown = argv.filter((arg) => arg !== '--for-tests');
  const forTests = argv.includes('--for-tests');
  if (unknown.length > 0) throw fail(`未知参数：${unknown.join(' ')}`, `unknown argument: ${unknown.join(' ')}`, USAGE);
  checkNode();
  // Before the long npm install, so a machine where they cannot be installed fails at once.
  ensureDebianPackage(REDIS);
  // The demo's portal needs no browser; the tests drive one, and portals behind a bot challenge do too.
  ensureDebianPackage(CHROMIUM, { required: forTests });
  ensurePackages();
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
