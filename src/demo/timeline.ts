import type { SeedId } from './seed-articles';

export type DemoStage = 'initial' | 'new-report' | 'revised';

export const STAGES: readonly DemoStage[] = ['initial', 'new-report', 'revised'];

/**
 * The first stage at which each report is on the portal. Four reports are there from the start,
 * so the first crawl already meets a report per quirk: the doubled body (000), the crawl-doubled
 * body with a credit line (001), a foreign breadcrumb (002) and a traditional page far down on
 * listing page 2 (004). 003, with its metadata table, is held back to be the new report.
 */
export const PUBLISHED_FROM: Readonly<Record<SeedId, DemoStage>> = {
  '000': 'initial',
  '001': 'initial',
  '002': 'initial',
  '003': 'new-report',
  '004': 'initial',
};

/**
 * What the `revised` stage changes in seed 001, and nothing else: an Arabic count, a Chinese
 * numeral, and a rate the original got wrong (75 of 79 passed is 94.9%, not 98.7%) — the kind
 * of silent correction the service exists to catch. Each `before` occurs once in the body.
 */
export const DEMO_REVISION: ReadonlyArray<{ seed: SeedId; before: string; after: string }> = [
  { seed: '001', before: '开展3期', after: '开展4期' },
  { seed: '001', before: '已连续六年', after: '已连续七年' },
  { seed: '001', before: '及格率为98.7%', after: '及格率为94.9%' },
];

export function stageIndex(stage: DemoStage): number {
  return STAGES.indexOf(stage);
}

/** The stage after `stage`; the last one stays. */
export function nextStage(stage: DemoStage): DemoStage {
  return STAGES[stageIndex(stage) + 1] ?? stage;
}

export function isPublished(seed: SeedId, stage: DemoStage): boolean {
  return stageIndex(stage) >= stageIndex(PUBLISHED_FROM[seed]);
}

export function isRevised(seed: SeedId, stage: DemoStage): boolean {
  return stage === 'revised' && DEMO_REVISION.some((change) => change.seed === seed);
}

/** The body of `seed` as the portal serves it at `stage`. */
export function paragraphsAt(seed: SeedId, paragraphs: readonly string[], stage: DemoStage): readonly string[] {
  if (!isRevised(seed, stage)) return paragraphs;
  return DEMO_REVISION.filter((change) => change.seed === seed).reduce((body, { before, after }) => {
    const hits = body.filter((paragraph) => paragraph.includes(before));
    if (hits.length !== 1 || hits[0]?.indexOf(before) !== hits[0]?.lastIndexOf(before)) {
      throw new Error(`demo revision "${before}" must occur exactly once in seed ${seed}`);
    }
    return body.map((paragraph) => paragraph.replace(before, after));
  }, paragraphs);
}
