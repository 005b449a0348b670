import type { FigureChange, TextDiff } from '../core/types';
import { renderHtml } from './internals/render-html';
import { renderText } from './internals/render-text';
import type { Locale } from './internals/strings';
import { buildView } from './internals/view';

export type { Locale };

export interface DigestItem {
  kind: 'new' | 'revised';
  report: {
    title: string;
    url: string;
    portalName: string;
    publisher: string | null;
    /** YYYY-MM-DD */
    date: string | null;
    typeName: string | null;
    year: number | null;
  };
  detectedAt: Date;
  textDiff?: TextDiff;
  figureChanges?: FigureChange[];
}

export interface PortalAlert {
  portalName: string;
  consecutiveFailures: number;
  lastError: string;
}

export interface DigestInput {
  subscriberEmail: string;
  /** Shown in the subject and heading, e.g. `2026-11-21` (see digestPeriod). */
  periodLabel: string;
  items: DigestItem[];
  failingPortals?: PortalAlert[];
  manageUrl?: string;
}

export interface ComposedDigest {
  subject: string;
  text: string;
  html: string;
}

/**
 * The mail for one subscriber and period: new reports first, then revised ones with their
 * changed figures (or a text excerpt when no figure moved), then failing portals.
 * Within a group, reports keep the order in which they were detected.
 */
export function composeDigest(input: DigestInput, locale: Locale = 'zh-CN'): ComposedDigest {
  const view = buildView(input, locale);
  return { subject: view.subject, text: renderText(view), html: renderHtml(view) };
}
