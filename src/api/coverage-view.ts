import { publicationStatus, type CoverageRow } from '../coverage';
import { DEFAULT_REPORT_TYPES } from '../core/report-types';
import type { Store } from '../store';

/** Publication status of every watched portal, from what the store holds now. */
export async function coverageNow(store: Store, year?: number): Promise<CoverageRow[]> {
  const [portals, reports] = await Promise.all([store.portals.list(), store.reports.summaries()]);
  return publicationStatus({
    portals: portals.map((p) => ({ id: p.portal.id, name: p.portal.name, reportTypes: p.portal.reportTypes })),
    reports,
    types: DEFAULT_REPORT_TYPES,
    now: new Date(),
    ...(year ? { year } : {}),
  });
}
