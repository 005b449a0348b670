import type { Job } from 'bullmq';
import { composeDigest, type DigestItem, type PortalAlert } from '../src/digest';
import type { ChangeRow, Delivery } from '../src/store';
import type { JobDeps } from './deps';
import { fanOutDigests } from './digest-fan-out';
import { digestJobSchema, type DigestJobData } from './queues';

export type DigestResult = { status: 'sent' | 'already-sent'; deliveryId: number; messageId: string } | { status: 'nothing-new' | 'inactive' } | { status: 'fanned-out'; subscribers: number };

function toItem(change: ChangeRow, locale: 'zh-CN' | 'en', types: JobDeps['reportTypes']): DigestItem {
  const type = types.find((t) => t.id === change.type);
  return {
    kind: change.kind,
    report: {
      title: change.title,
      url: change.url,
      portalName: change.portalName,
      publisher: change.publisher,
      date: change.publishedDate,
      typeName: type ? (locale === 'en' ? type.nameEn : type.name) : null,
      year: change.year,
    },
    detectedAt: new Date(change.detectedAt),
    ...(change.textDiff ? { textDiff: change.textDiff } : {}),
    ...(change.figureChanges ? { figureChanges: change.figureChanges } : {}),
  };
}

/** Portals an administrator must hear about: failing for `failingAfter` checks in a row. */
async function failingPortalsNow(deps: JobDeps): Promise<PortalAlert[]> {
  const portals = await deps.store.portals.list();
  return portals
    .filter((p) => p.consecutiveFailures >= deps.admin.failingAfter)
    .map((p) => ({ portalName: p.portal.name, consecutiveFailures: p.consecutiveFailures, lastError: p.lastError ?? '' }));
}

/**
 * Finds or claims this period's delivery, then sends it. A retried or doubled job finds the
 * claimed delivery and re-sends the very same message (same Message-ID) only if it was not sent.
 */
async function deliveryFor(deps: JobDeps, data: { subscriberId: number; periodKey: string; upToChangeId: number; periodLabel: string }): Promise<Delivery | 'nothing-new' | 'inactive'> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await deps.store.deliveries.find(data.subscriberId, data.periodKey);
    if (existing) return existing;
    const subscriber = await deps.store.subscribers.get(data.subscriberId);
    if (!subscriber?.active) return 'inactive';
    const failingPortals = deps.admin.emails.includes(subscriber.email) ? await failingPortalsNow(deps) : [];
    if (data.upToChangeId <= subscriber.lastChangeId && failingPortals.length === 0) return 'nothing-new';
    const upTo = Math.max(data.upToChangeId, subscriber.lastChangeId);
    const changes = await deps.store.reports.changesBetween(subscriber.lastChangeId, upTo);
    const message = composeDigest(
      { subscriberEmail: subscriber.email, periodLabel: data.periodLabel, items: changes.map((c) => toItem(c, subscriber.locale, deps.reportTypes)), failingPortals, manageUrl: deps.publicUrl },
      subscriber.locale,
    );
    const messageId = `<digest.${subscriber.id}.${data.periodKey}@${deps.messageIdDomain}>`;
    const claimed = await deps.store.deliveries.claim({ subscriberId: subscriber.id, periodKey: data.periodKey, changeFrom: subscriber.lastChangeId, changeTo: upTo, message: { ...message, messageId } });
    if (claimed) return claimed;
  }
  throw new Error(`could not claim digest ${data.periodKey} for subscriber ${data.subscriberId}: the cursor kept moving`);
}

/** Digest periods are named in the portals' time, like the daily and weekly ones. */
function shanghaiMinute(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** An immediate digest covers everything stored when it runs; the last change id names its period. */
async function immediatePeriod(deps: JobDeps, subscriberId: number) {
  const upToChangeId = await deps.store.reports.maxChangeId();
  return { subscriberId, upToChangeId, periodKey: `upto-${upToChangeId}`, periodLabel: shanghaiMinute(new Date()) };
}

async function deliver(deps: JobDeps, delivery: Delivery): Promise<void> {
  try {
    await deps.mailer.send({ to: delivery.email, subject: delivery.subject, text: delivery.text, html: delivery.html, messageId: delivery.messageId });
  } catch (error) {
    await deps.store.deliveries.markFailed(delivery.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await deps.store.deliveries.markSent(delivery.id);
}

export async function sendDigest(job: Job<DigestJobData>, deps: JobDeps): Promise<DigestResult> {
  const data = digestJobSchema.parse(job.data);
  if (data.kind === 'fan-out') return { status: 'fanned-out', subscribers: await fanOutDigests(deps, data.frequency) };
  // A claimed digest that was never sent (its job gave up on a mail outage, or a retry claimed a
  // later period) holds changes nobody else will send: it goes out first, as it was composed.
  for (const earlier of await deps.store.deliveries.unsent(data.subscriberId)) await deliver(deps, earlier);
  const delivery = await deliveryFor(deps, data.kind === 'immediate' ? await immediatePeriod(deps, data.subscriberId) : data);
  if (typeof delivery === 'string') return { status: delivery };
  if (delivery.status === 'sent') return { status: 'already-sent', deliveryId: delivery.id, messageId: delivery.messageId };
  await deliver(deps, delivery);
  return { status: 'sent', deliveryId: delivery.id, messageId: delivery.messageId };
}
