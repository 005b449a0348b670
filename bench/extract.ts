import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractPage } from '../src/extract';
import { extractFigures } from '../src/figures';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/extract/', import.meta.url));
const TARGET_BYTES = 20 * 1024 * 1024;

function pages(): { name: string; body: Buffer }[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => ({ name: file, body: readFileSync(`${FIXTURES}${file}`) }));
}

/** Page HTML through extractPage + extractFigures on one core, seed fixtures repeated to ≥ 20 MB. */
export default async function benchExtract(): Promise<string[]> {
  const fixtures = pages();
  // Warm-up: the first calls compile regexes and load the OpenCC dictionaries.
  for (const { name, body } of fixtures) extractFigures(extractPage({ body, url: `http://bench.test/${name}` }).text);
  let bytes = 0;
  let figures = 0;
  let calls = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  while (bytes < TARGET_BYTES) {
    for (const { name, body } of fixtures) {
      figures += extractFigures(extractPage({ body, url: `http://bench.test/${name}` }).text).length;
      bytes += body.length;
      calls++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time as well as wall time: on a shared machine other processes stretch the wall clock.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const megabytes = bytes / 1e6;
  return [
    `extract: ${calls} pages, ${megabytes.toFixed(1)} MB of HTML in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU`,
    `extract: ${(megabytes / seconds).toFixed(2)} MB/s wall, ${(megabytes / cpuSeconds).toFixed(2)} MB/s per CPU second through extractPage + extractFigures (single thread)`,
    `extract: ${((seconds * 1000) / calls).toFixed(2)} ms per page, ${Math.round(figures / calls)} figures per page`,
  ];
}
