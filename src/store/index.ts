import { sql } from 'kysely';
import { DeliveryRepository } from './deliveries';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './database';
import { PortalRepository } from './portals';
import { ReportRepository } from './reports';
import { SubscriberRepository } from './subscribers';
import { ValidatorRepository } from './validators';

export type { Delivery, Claim } from './deliveries';
export type { PortalStatus } from './portals';
export type { ChangeRow, CurrentVersion, Observation, RecordOutcome, Revision } from './reports';
export { subscriptionSchema, type Subscriber, type Subscription } from './subscribers';
export type { Engine } from './migrations';

export interface Store {
  readonly engine: DatabaseHandle['engine'];
  readonly location: string;
  readonly portals: PortalRepository;
  readonly reports: ReportRepository;
  readonly subscribers: SubscriberRepository;
  readonly deliveries: DeliveryRepository;
  readonly validators: ValidatorRepository;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and returns the repositories: the only way the app touches storage. */
export async function openStore(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Store> {
  const handle = openDatabase(options);
  await migrateToLatest(handle);
  const { db } = handle;
  return {
    engine: handle.engine,
    location: handle.location,
    portals: new PortalRepository(db),
    reports: new ReportRepository(db, handle.engine),
    subscribers: new SubscriberRepository(db),
    deliveries: new DeliveryRepository(db),
    validators: new ValidatorRepository(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
