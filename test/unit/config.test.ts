import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPortalFiles } from '../../src/app/portal-files';
import { NianbaoError } from '../../src/core/errors';
import { parseSettings } from '../../src/core/settings';

const dirs: string[] = [];
function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-config-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'portals'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'portals', name), text);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const VALID = `portals:
  - id: chengzhong
    name: 城中区人民政府
    listings:
      - url: https://www.example.gov.cn/col/index.shtml
`;

async function problemsOf(files: Record<string, string>): Promise<string[]> {
  const error = await loadPortalFiles(path.join(configDir(files), 'portals')).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NianbaoError);
  expect((error as NianbaoError).code).toBe('ERR_CONFIG_INVALID');
  return (error as NianbaoError).details.problems as string[];
}

describe('portal config files', () => {
  it('applies defaults to a minimal portal', async () => {
    const [portal] = await loadPortalFiles(path.join(configDir({ 'a.yaml': VALID }), 'portals'));
    expect(portal).toMatchObject({ id: 'chengzhong', fetchMode: 'auto', schedule: { cron: '0 8 * * *', timezone: 'Asia/Shanghai' }, listings: [{ pages: 1 }] });
    expect(portal!.reportTypes).toEqual(['law-based-government', 'gov-info-disclosure']);
  });

  it('names the file, the field and the fix for each problem', async () => {
    const problems = await problemsOf({
      'bad.yaml': `portals:
  - id: Bad Id
    name: x
    listings: [{ url: "ftp://example.com/" }]
    schedule: { cron: "every day", timezone: "Mars/Olympus" }
    fetchMode: fast
`,
    });
    const joined = problems.join('\n');
    expect(joined).toContain('bad.yaml: portals[0].id: use 2-63 lower-case letters');
    expect(joined).toContain('portals[0].listings[0].url');
    expect(joined).toContain('portals[0].schedule.cron: not a cron expression');
    expect(joined).toContain('portals[0].schedule.timezone: not an IANA time zone');
    expect(joined).toContain('portals[0].fetchMode: use one of: http, browser, auto');
  });

  it('reports YAML syntax errors with the file name', async () => {
    const problems = await problemsOf({ 'broken.yml': 'portals:\n  - id: [unclosed\n' });
    expect(problems[0]).toMatch(/broken\.yml: YAML syntax/);
  });

  it('rejects an id defined in two files, naming both', async () => {
    const problems = await problemsOf({ 'a.yaml': VALID, 'b.yaml': VALID });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/b\.yaml: portals\[0\]\.id: "chengzhong" is already defined in .*a\.yaml/);
  });

  it('an invalid portal file stops the CLI with a non-zero exit and names file and field', () => {
    const dir = configDir({ 'watch.yaml': VALID.replace('https://www.example.gov.cn/col/index.shtml', 'not a url') });
    const result = spawnSync(process.execPath, ['bin/nianbao.mjs', 'validate'], { env: { ...process.env, NIANBAO_CONFIG_DIR: dir }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ERR_CONFIG_INVALID');
    expect(result.stderr).toMatch(/watch\.yaml: portals\[0\]\.listings\[0\]\.url/);
  });
});

describe('settings from the environment', () => {
  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      parseSettings({ PORT: 'eighty', REDIS_URL: 'localhost:6379', NIANBAO_LOCALE: 'fr' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NianbaoError);
    const message = (error as NianbaoError).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('REDIS_URL="localhost:6379": must start with redis://');
    expect(message).toContain('NIANBAO_LOCALE="fr"');
  });

  it('never prints the password of a connection string it rejects', () => {
    let message = '';
    try {
      parseSettings({ DATABASE_URL: 'postgress://admin:S3cretPw@db.internal/nianbao', SMTP_URL: 'smtpx://mailer:MailPw9@smtp.internal' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('DATABASE_URL="postgress://admin:***@db.internal/nianbao"');
    expect(message).toContain('SMTP_URL="smtpx://mailer:***@smtp.internal"');
    expect(message).not.toMatch(/S3cretPw|MailPw9/);
  });

  it('fills defaults and freezes the result', () => {
    const settings = parseSettings({});
    expect(settings).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', locale: 'zh-CN', databaseUrl: undefined });
    expect(Object.isFrozen(settings)).toBe(true);
  });
});
