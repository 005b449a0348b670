import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, SubscriberTable } from './schema';

export const subscriptionSchema = z.object({
  email: z.email({ error: 'must be an e-mail address, e.g. "analyst@example.com"' }).transform((e) => e.toLowerCase()),
  frequency: z.enum(['immediate', 'daily', 'weekly'], { error: 'use one of: immediate, daily, weekly' }).default('daily'),
  locale: z.enum(['zh-CN', 'en'], { error: 'use zh-CN or en' }).default('zh-CN'),
});
export type Subscription = z.output<typeof subscriptionSchema>;

export interface Subscriber {
  id: number;
  email: string;
  frequency: SubscriberTable['frequency'];
  locale: SubscriberTable['locale'];
  active: boolean;
  createdAt: string;
  lastChangeId: number;
}

type Row = Omit<SubscriberTable, 'id'> & { id: number };

function toSubscriber(row: Row): Subscriber {
  return { id: row.id, email: row.email, frequency: row.frequency, locale: row.locale, active: row.active === 1, createdAt: row.created_at, lastChangeId: row.last_change_id };
}

export class SubscriberRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds or updates a subscription. A new subscriber hears of changes from now on
   * (`startAfterChangeId`), not of the whole history.
   */
  async subscribe(input: Subscription, startAfterChangeId: number, now = new Date()): Promise<{ subscriber: Subscriber; created: boolean }> {
    const subscription = { ...input, email: input.email.toLowerCase() };
    const existing = await this.byEmail(subscription.email);
    if (existing) {
      // Someone coming back after unsubscribing hears of changes from now on, not of everything they missed.
      const lastChangeId = existing.active ? existing.lastChangeId : Math.max(existing.lastChangeId, startAfterChangeId);
      await this.db.updateTable('subscribers').set({ frequency: subscription.frequency, locale: subscription.locale, active: 1, last_change_id: lastChangeId }).where('id', '=', existing.id).execute();
      return { subscriber: { ...existing, frequency: subscription.frequency, locale: subscription.locale, active: true, lastChangeId }, created: false };
    }
    await this.db
      .insertInto('subscribers')
      .values({ ...subscription, created_at: now.toISOString(), active: 1, last_change_id: startAfterChangeId })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const subscriber = await this.byEmail(subscription.email);
    if (!subscriber) throw new Error(`subscriber ${subscription.email} vanished after insert`);
    return { subscriber, created: true };
  }

  async unsubscribe(email: string): Promise<boolean> {
    const result = await this.db.updateTable('subscribers').set({ active: 0 }).where('email', '=', email.toLowerCase()).where('active', '=', 1).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async byEmail(email: string): Promise<Subscriber | null> {
    const row = await this.db.selectFrom('subscribers').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row ? toSubscriber(row) : null;
  }

  async get(id: number): Promise<Subscriber | null> {
    const row = await this.db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSubscriber(row) : null;
  }

  async list(options: { frequency?: Subscriber['frequency']; activeOnly?: boolean } = {}): Promise<Subscriber[]> {
    let query = this.db.selectFrom('subscribers').selectAll().orderBy('id');
    if (options.frequency) query = query.where('frequency', '=', options.frequency);
    if (options.activeOnly) query = query.where('active', '=', 1);
    return (await query.execute()).map(toSubscriber);
  }
}
