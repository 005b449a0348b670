import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { DEFAULT_REPORT_TYPES } from './report-types';

const KNOWN_TYPE_IDS = DEFAULT_REPORT_TYPES.map((t) => t.id);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isCron(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression);
    return true;
  } catch {
    return false;
  }
}

export const listingSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL of a listing page' }),
  /** How many listing pages to walk (TRS index.shtml, index_1.shtml …). */
  pages: z.number().int().min(1).max(50).default(1),
});

export const scheduleSchema = z.object({
  cron: z.string().refine(isCron, 'not a cron expression; write e.g. "0 8 * * *" (08:00 daily) or "*/30 * * * * *" (every 30 s, six fields)'),
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone; write e.g. "Asia/Shanghai"').default('Asia/Shanghai'),
});

/**
 * One watched portal. The same schema validates config/ files, the HTTP API and the CLI.
 */
export const portalSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use 2-63 lower-case letters, digits and dashes, e.g. "liuzhou-chengzhong"'),
  name: z.string().min(1, 'give the portal a name, e.g. "柳州市城中区人民政府"'),
  regions: z.array(z.string().min(1)).default([]),
  listings: z.array(listingSchema).min(1, 'list at least one listing page under "listings"'),
  reportTypes: z
    .array(z.enum(KNOWN_TYPE_IDS as [string, ...string[]], { error: `use one of: ${KNOWN_TYPE_IDS.join(', ')}` }))
    .min(1)
    .default(KNOWN_TYPE_IDS),
  schedule: scheduleSchema.default({ cron: '0 8 * * *', timezone: 'Asia/Shanghai' }),
  fetchMode: z.enum(['http', 'browser', 'auto'], { error: 'use one of: http, browser, auto' }).default('auto'),
  /** How the listing is laid out; detected from the first page when not given. */
  adapter: z.enum(['trs', 'hanweb', 'gkmlpt', 'generic'], { error: 'use one of: trs, hanweb, gkmlpt, generic (or leave it out to detect)' }).optional(),
});

export type Portal = z.output<typeof portalSchema>;
export type PortalInput = z.input<typeof portalSchema>;

/** A config file holds a list of portals under `portals:`. */
export const portalFileSchema = z
  .object({ portals: z.array(portalSchema) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.portals.forEach((portal, index) => {
      if (seen.has(portal.id)) ctx.addIssue({ code: 'custom', path: ['portals', index, 'id'], message: `duplicate portal id "${portal.id}"; ids must be unique` });
      seen.add(portal.id);
    });
  });
