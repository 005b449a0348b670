/**
 * `npm run bench`: each case measures itself against a baseline taken in the same run and prints ratios,
 * so results compare across machines. Cases run one after another to keep the two cores quiet.
 */
import benchCrawl from './crawl';
import benchExtract from './extract';

const cases: Array<[string, () => Promise<string[]>]> = [
  ['extract', benchExtract],
  ['crawl', benchCrawl],
];

for (const [name, run] of cases) {
  process.stdout.write(`\n== ${name}\n`);
  for (const line of await run()) process.stdout.write(`${line}\n`);
}
