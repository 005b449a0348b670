import type { Kysely } from 'kysely';
import type { Database, DeliveryTable } from './schema';

export interface Delivery {
  id: number;
  subscriberId: number;
  email: string;
  periodKey: string;
  changeFrom: number;
  changeTo: number;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  status: DeliveryTable['status'];
  error: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}

export interface Claim {
  subscriberId: number;
  periodKey: string;
  /** The subscriber's cursor as the caller read it; the claim fails if another process moved it. */
  changeFrom: number;
  changeTo: number;
  message: { subject: string; text: string; html: string; messageId: string };
}

export class DeliveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private select() {
    return this.db
      .selectFrom('deliveries')
      .innerJoin('subscribers', 'subscribers.id', 'deliveries.subscriber_id')
      .select([
        'deliveries.id',
        'deliveries.subscriber_id as subscriberId',
        'subscribers.email',
        'deliveries.period_key as periodKey',
        'deliveries.change_from as changeFrom',
        'deliveries.change_to as changeTo',
        'deliveries.subject',
        'deliveries.text',
        'deliveries.html',
        'deliveries.message_id as messageId',
        'deliveries.status',
        'deliveries.error',
        'deliveries.attempts',
        'deliveries.created_at as createdAt',
        'deliveries.sent_at as sentAt',
      ]);
  }

  async find(subscriberId: number, periodKey: string): Promise<Delivery | null> {
    return (await this.select().where('deliveries.subscriber_id', '=', subscriberId).where('deliveries.period_key', '=', periodKey).executeTakeFirst()) ?? null;
  }

  /**
   * Takes the changes (changeFrom, changeTo] for one subscriber and period, atomically with
   * moving the subscriber's cursor. The unique (subscriber, period) key and the cursor check make
   * a retried or doubled digest job find the existing delivery instead of composing a second one.
   */
  async claim(claim: Claim, now = new Date()): Promise<Delivery | null> {
    const { messageId, ...body } = claim.message;
    const claimed = await this.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('subscribers')
        .set({ last_change_id: claim.changeTo })
        .where('id', '=', claim.subscriberId)
        .where('last_change_id', '=', claim.changeFrom)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      const inserted = await trx
        .insertInto('deliveries')
        .values({
          subscriber_id: claim.subscriberId,
          period_key: claim.periodKey,
          change_from: claim.changeFrom,
          change_to: claim.changeTo,
          ...body,
          message_id: messageId,
          status: 'pending',
          created_at: now.toISOString(),
          attempts: 0,
        })
        .onConflict((oc) => oc.columns(['subscriber_id', 'period_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new ClaimLost();
      return true;
    }).catch((error: unknown) => {
      if (error instanceof ClaimLost) return false;
      throw error;
    });
    return claimed ? this.find(claim.subscriberId, claim.periodKey) : null;
  }

  /** Claimed but not (yet) sent, oldest first. */
  async unsent(subscriberId: number): Promise<Delivery[]> {
    return this.select().where('deliveries.subscriber_id', '=', subscriberId).where('deliveries.status', '!=', 'sent').orderBy('deliveries.id').execute();
  }

  async markSent(id: number, now = new Date()): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set((eb) => ({ status: 'sent', sent_at: now.toISOString(), error: null, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set((eb) => ({ status: 'failed', error, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async list(options: { limit?: number } = {}): Promise<Delivery[]> {
    return this.select().orderBy('deliveries.id', 'desc').limit(options.limit ?? 100).execute();
  }
}

/** Rolls the claim's transaction back when the period already has a delivery. */
class ClaimLost extends Error {}
