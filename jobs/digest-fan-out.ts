import { digestPeriod, type DigestFrequency } from '../src/digest';
import type { JobDeps } from './deps';
import { enqueueImmediateDigest, enqueueSubscriberDigest } from './queues';

/** After a check found something: every immediate subscriber gets a digest soon, one per burst of changes. */
export async function enqueueImmediateDigests(deps: JobDeps): Promise<number> {
  const upTo = await deps.store.reports.maxChangeId();
  const subscribers = (await deps.store.subscribers.list({ frequency: 'immediate', activeOnly: true })).filter((s) => s.lastChangeId < upTo);
  for (const subscriber of subscribers) await enqueueImmediateDigest(deps.queues, subscriber.id, deps.immediateDigestDelayMs);
  return subscribers.length;
}

/** The daily or weekly tick: one digest job per subscriber, keyed by the period so a repeated tick adds nothing. */
export async function fanOutDigests(deps: JobDeps, frequency: DigestFrequency, now = new Date()): Promise<number> {
  const period = digestPeriod(frequency, now);
  const upTo = await deps.store.reports.maxChangeId();
  const subscribers = await deps.store.subscribers.list({ frequency, activeOnly: true });
  for (const subscriber of subscribers) {
    await enqueueSubscriberDigest(deps.queues, { kind: 'subscriber', subscriberId: subscriber.id, periodKey: period.key, upToChangeId: upTo, periodLabel: period.label });
  }
  return subscribers.length;
}
