import type { Figure, FigureChange } from '../core/types';

/** Sentences are compared with their numbers masked, so a changed figure does not make its own sentence look different. */
function bigrams(sentence: string): Map<string, number> {
  const masked = sentence.replace(/\d+(?:[.,]\d+)*/g, '#').replace(/[零〇一二两三四五六七八九十百千万亿]+(?=[余多]?[个件次名项家人场期份条处起宗批])/g, '#');
  const grams = new Map<string, number>();
  for (let i = 0; i < masked.length - 1; i++) {
    const gram = masked.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character bigrams: 1 for the same wording, near 0 for unrelated sentences. */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const count of a.values()) total += count;
  for (const count of b.values()) total += count;
  for (const [gram, count] of a) shared += Math.min(count, b.get(gram) ?? 0);
  return total === 0 ? 1 : (2 * shared) / total;
}

interface Entry {
  figure: Figure;
  index: number;
  /** Position among the figures of the same key, to pair repeated figures in order. */
  rank: number;
  grams: Map<string, number>;
  matched: boolean;
}

function entries(figures: readonly Figure[]): Entry[] {
  return figures.map((figure, index) => ({ figure, index, rank: 0, grams: bigrams(figure.sentence), matched: false }));
}

type KeyOf = (figure: Figure) => string;

const byLabelUnitSection: KeyOf = (f) => `${f.label}\u0000${f.unit}\u0000${f.section}`;
const byLabelUnit: KeyOf = (f) => `${f.label}\u0000${f.unit}`;
const byUnit: KeyOf = (f) => f.unit;

function group(list: Entry[], keyOf: KeyOf): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const entry of list) {
    if (entry.matched) continue;
    const key = keyOf(entry.figure);
    const members = groups.get(key) ?? [];
    entry.rank = members.length;
    members.push(entry);
    groups.set(key, members);
  }
  return groups;
}

/**
 * Pairs unmatched figures that share a key, most similar sentences first, ties broken by
 * order of appearance; pairs below `minSimilarity` are left for a later pass or reported
 * as added and removed.
 */
function pairWithin(oldList: Entry[], newList: Entry[], keyOf: KeyOf, minSimilarity: number, pairs: [Entry, Entry][]): void {
  const newGroups = group(newList, keyOf);
  for (const [key, olds] of group(oldList, keyOf)) {
    const news = newGroups.get(key);
    if (!news) continue;
    const candidates: { o: Entry; n: Entry; score: number; distance: number }[] = [];
    for (const o of olds) for (const n of news) {
      const score = olds.length === 1 && news.length === 1 && minSimilarity === 0 ? 1 : similarity(o.grams, n.grams);
      if (score >= minSimilarity) candidates.push({ o, n, score, distance: Math.abs(o.rank - n.rank) });
    }
    candidates.sort((a, b) => b.score - a.score || a.distance - b.distance);
    for (const { o, n } of candidates) {
      if (o.matched || n.matched) continue;
      o.matched = n.matched = true;
      pairs.push([o, n]);
    }
  }
}

/**
 * What changed between two versions' figures: a figure is the same fact when label, unit and
 * section agree (then, for repeats, the closest sentence); a fact whose section was renumbered
 * or moved is found by label and unit; one whose label was reworded by an almost identical
 * sentence. So an inserted paragraph or a reordered section shifts nothing.
 */
export function compareFigures(oldFigures: Figure[], newFigures: Figure[]): FigureChange[] {
  const olds = entries(oldFigures);
  const news = entries(newFigures);
  const pairs: [Entry, Entry][] = [];
  pairWithin(olds, news, byLabelUnitSection, 0, pairs);
  pairWithin(olds, news, byLabelUnit, 0.5, pairs);
  pairWithin(olds, news, byUnit, 0.85, pairs);

  const changes: { order: number; change: FigureChange }[] = [];
  for (const [o, n] of pairs) {
    if (o.figure.value === n.figure.value) continue;
    changes.push({
      order: n.index,
      change: {
        change: 'changed', label: n.figure.label, unit: n.figure.unit, section: n.figure.section,
        oldValue: o.figure.value, newValue: n.figure.value, oldSentence: o.figure.sentence, newSentence: n.figure.sentence,
      },
    });
  }
  for (const n of news) {
    if (n.matched) continue;
    const { label, unit, section, value, sentence } = n.figure;
    changes.push({ order: n.index, change: { change: 'added', label, unit, section, oldValue: null, newValue: value, oldSentence: null, newSentence: sentence } });
  }
  for (const o of olds) {
    if (o.matched) continue;
    const { label, unit, section, value, sentence } = o.figure;
    changes.push({ order: newFigures.length + o.index, change: { change: 'removed', label, unit, section, oldValue: value, newValue: null, oldSentence: sentence, newSentence: null } });
  }
  return changes.sort((a, b) => a.order - b.order).map(({ change }) => change);
}
