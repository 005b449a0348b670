import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract';
import { SEEDS, seedExpectation, seedHtml } from '../fixtures/extract/seeds';

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe.each(SEEDS)('extractPage on %s', (seed) => {
  const expected = seedExpectation(seed);
  const page = extractPage({ body: seedHtml(seed), url: expected.url, contentType: expected.contentType });
  const paragraphs = page.text.split('\n\n');

  it('reads the metadata a reader sees', () => {
    const { title, publisher, date, dateConfidence, indexNo, docNo, category, type, year } = page;
    expect({ title, publisher, date, dateConfidence, indexNo, docNo, category, type, year }).toEqual(expected.metadata);
  });

  it('keeps the whole body once, from its first paragraph to its last', () => {
    expect(paragraphs[0]!.startsWith(expected.firstParagraphStartsWith)).toBe(true);
    expect(paragraphs.at(-1)!.startsWith(expected.lastParagraphStartsWith)).toBe(true);
    expect(paragraphs).toHaveLength(expected.paragraphs);
    for (const sentence of expected.once) expect(occurrences(page.text, sentence), sentence).toBe(1);
  });

  it('leaves navigation, counters, widgets, related articles and footers out', () => {
    for (const noise of expected.noise) expect(page.text, noise).not.toContain(noise);
  });

  it('hashes the normalised text', () => {
    expect(page.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(page.normalizedText).not.toMatch(/\n\n|[ \t]{2}/);
  });
});

describe('seed 004 (traditional characters with pinyin)', () => {
  const expected = seedExpectation('seed-004');
  const page = extractPage({ body: seedHtml('seed-004'), url: expected.url, contentType: expected.contentType });

  it('normalises to simplified characters without pinyin', () => {
    expect(page.normalizedText).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/);
    expect(page.normalizedText).toContain('2022年,我镇以习近平新时代中国特色社会主义思想为指导');
    expect(page.normalizedText).toContain('全年共检查督导90间相关场所');
    for (const traditional of ['鎮', '習', '時', '會', '黨', '與', '調', '國家機關']) expect(page.normalizedText).not.toContain(traditional);
  });
});
