import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const script = path.join(repo, 'scripts/setup.mjs');

/**
 * scripts/setup.mjs copied into a project folder of its own, with node_modules as an install left it,
 * a stand-in redis-server, and a stand-in npm that only records how it was called (and fails).
 */
function fakeProject() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-setup-'));
  const lock = '{"lockfileVersion":3}\n';
  mkdirSync(path.join(dir, 'scripts'));
  copyFileSync(script, path.join(dir, 'scripts/setup.mjs'));
  writeFileSync(path.join(dir, 'package-lock.json'), lock);
  mkdirSync(path.join(dir, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), '');
  writeFileSync(path.join(dir, 'node_modules/.package-lock.json'), lock);
  const stamp = { lock: createHash('sha256').update(lock).digest('hex'), abi: process.versions.modules, node: process.version };
  writeFileSync(path.join(dir, 'node_modules/.nianbao-setup-stamp'), JSON.stringify(stamp));
  mkdirSync(path.join(dir, 'bin'));
  writeFileSync(path.join(dir, 'bin/redis-server'), '#!/bin/sh\nexit 0\n');
  writeFileSync(path.join(dir, 'bin/npm'), `#!/bin/sh\necho "$@" >> "${path.join(dir, 'npm-calls')}"\nexit 1\n`);
  chmodSync(path.join(dir, 'bin/redis-server'), 0o755);
  chmodSync(path.join(dir, 'bin/npm'), 0o755);
  // npm wrote its marker after the lockfile.
  setMtime(dir, 'package-lock.json', 1_000);
  setMtime(dir, 'node_modules/.package-lock.json', 2_000);

  const run = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
    delete env.npm_execpath; // so the stand-in npm on PATH is the one called
    return spawnSync(process.execPath, [path.join(dir, 'scripts/setup.mjs'), ...args], { cwd: dir, env, encoding: 'utf8' });
  };
  const npmCalls = () => (existsSync(path.join(dir, 'npm-calls')) ? readFileSync(path.join(dir, 'npm-calls'), 'utf8').trim().split('\n') : []);
  return { dir, run, npmCalls, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function setMtime(dir: string, file: string, seconds: number) {
  utimesSync(path.join(dir, file), seconds, seconds);
}

describe('scripts/setup.mjs', () => {
  let project: ReturnType<typeof fakeProject> | undefined;
  afterEach(() => project?.cleanup());

  it('says nothing and runs no npm when everything is in place', () => {
    project = fakeProject();
    const result = project.run('--for-tests');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(project.npmCalls()).toEqual([]);
  });

  it('keeps node_modules when the lockfile was only touched (same content as installed)', () => {
    project = fakeProject();
    setMtime(project.dir, 'package-lock.json', 3_000);
    const result = project.run();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(project.npmCalls()).toEqual([]);
  });

  it('installs when the lockfile changed after the last install, and reports a failed install plainly', () => {
    project = fakeProject();
    writeFileSync(path.join(project.dir, 'package-lock.json'), '{"lockfileVersion":3,"changed":true}\n');
    setMtime(project.dir, 'package-lock.json', 3_000);
    const result = project.run();
    expect(project.npmCalls()).toEqual(['install --no-audit --no-fund']);
    expect(result.stdout).toContain('[setup] 安装 npm 依赖… / installing npm packages…');
    expect(result.stderr).toContain('npm install failed (exit code 1)');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.status).toBe(1);
  });

  it('rejects an unknown argument with a message in both languages and no stack trace', () => {
    project = fakeProject();
    const result = project.run('--bogus');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('未知参数：--bogus');
    expect(result.stderr).toContain('unknown argument: --bogus');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('asks for the Node version package.json names in "engines"', () => {
    const engines = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const minimum = /const MIN_NODE = \[(\d+), (\d+), (\d+)\];/.exec(readFileSync(script, 'utf8'));
    expect(minimum).not.toBeNull();
    const [, major, minor, patch] = minimum!;
    expect(engines).toBe(patch === '0' ? `>=${major}.${minor}` : `>=${major}.${minor}.${patch}`);
  });
});
