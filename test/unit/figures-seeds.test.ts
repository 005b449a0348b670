import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/core/types';
import { extractPage } from '../../src/extract';
import { extractFigures } from '../../src/figures';
import { SEEDS, seedExpectation, seedHtml } from '../fixtures/extract/seeds';

function describeFigure(figure: Figure): string {
  return `${figure.label} ${figure.value}${figure.unit}`;
}

describe.each(SEEDS)('extractFigures on %s', (seed) => {
  const expected = seedExpectation(seed);
  const page = extractPage({ body: seedHtml(seed), url: expected.url, contentType: expected.contentType });
  const figures = extractFigures(page.text);
  const listing = figures.map(describeFigure).join('\n');

  it('finds the hand-picked figures, each labelled by what it counts', () => {
    expect(expected.figures.length).toBeGreaterThanOrEqual(25);
    const missing = expected.figures.filter(
      ([label, value, unit]) => !figures.some((f) => f.value === value && f.unit === unit && f.label.includes(label)),
    );
    expect(missing, `found:\n${listing}`).toEqual([]);
  });

  it('labels some figures exactly as a digest shows them', () => {
    for (const [label, value, unit] of expected.exactLabels ?? []) {
      expect(figures.some((f) => f.label === label && f.value === value && f.unit === unit), `${label} ${value}${unit}\n${listing}`).toBe(true);
    }
  });

  it('marks 余, 多, 约, 超, 以上 figures as approximate', () => {
    for (const [label, value] of expected.approx) {
      const figure = figures.find((f) => f.value === value && f.label.includes(label));
      expect(figure?.approx, `${label} ${value}`).toBe(true);
    }
  });

  it('leaves dates, years, document and phone numbers, quoted names and ordinals out', () => {
    const wrong = figures.filter((f) => expected.notFigures.includes(f.value));
    expect(wrong.map(describeFigure)).toEqual([]);
  });

  it('places every figure in a sentence of the report and a section when the report has headings', () => {
    for (const figure of figures) expect(page.normalizedText).toContain(figure.sentence);
    expect(figures.filter((f) => f.section !== '').length).toBeGreaterThan(figures.length * 0.8);
  });
});
