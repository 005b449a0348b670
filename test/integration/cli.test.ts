import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../src/demo';
import { testSettings } from '../support/runtime';

const run = promisify(execFile);

/** The CLI as a person runs it: `npx nianbao …` in a checkout, here as `node bin/nianbao.mjs …`. */
describe('nianbao CLI', () => {
  const env = testSettings();
  const cli = (...args: string[]) => run(process.execPath, ['bin/nianbao.mjs', ...args], { env: { ...process.env, NIANBAO_DATA_DIR: env.dataDir, LOG_LEVEL: 'silent' } });
  let portal: DemoPortal;
  beforeAll(async () => {
    portal = await startDemoPortal();
  });
  afterAll(async () => {
    await portal?.close();
    env.cleanup();
  });

  it('extract --json prints metadata, text and figures of a page', async () => {
    const { stdout } = await cli('extract', 'test/fixtures/extract/seed-003.html', '--json');
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ title: '绍兴市柯桥区2023年法治政府建设年度报告', publisher: '区政府办(外事办)', date: '2024-03-06', indexNo: '00258207-5/2024-71720', type: 'law-based-government', year: 2023 });
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.figures.some((f: { value: number; unit: string }) => f.value === 17 && f.unit === '次')).toBe(true);
  });

  it('extract reads a report published as a PDF', async () => {
    const { stdout } = await cli('extract', 'test/fixtures/attachments/report.pdf', '--json');
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ title: '柳州市城中区2023年法治政府建设年度报告', type: 'law-based-government', year: 2023 });
    expect(result.text).toContain('开展3期');
  });

  it('discover --json shows the links a check would see and which are reports, storing nothing', async () => {
    const { stdout } = await cli('discover', portal.listingUrl, '--pages', '3', '--json');
    const result = JSON.parse(stdout);
    expect(result.mode).toBe('http');
    expect(result.pages).toBe(2);
    const reports = result.links.filter((l: { report: boolean }) => l.report).map((l: { url: string }) => l.url);
    expect(reports.sort()).toEqual(portal.reports().filter((r) => r.published).map((r) => r.url).sort());
    expect(result.links.find((l: { title: string }) => l.title === '2024年政府工作报告')).toMatchObject({ report: false, type: null });
  });

  it('subscribe, list and unsubscribe', async () => {
    expect((await cli('subscribe', 'Reader@Example.com', '-f', 'weekly')).stdout).toContain('reader@example.com (weekly)');
    expect(JSON.parse((await cli('subscribers', '--json')).stdout)).toMatchObject([{ email: 'reader@example.com', frequency: 'weekly', active: true }]);
    await cli('unsubscribe', 'reader@example.com');
    expect(JSON.parse((await cli('subscribers', '--json')).stdout)[0].active).toBe(false);
  });

  it('bad input gets a clear error and a non-zero exit', async () => {
    const error = await cli('subscribe', 'not-an-email').catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain('command line: email: must be an e-mail address');
  });
});
