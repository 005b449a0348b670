import type { Generated } from 'kysely';

/**
 * Table shapes as both SQLite and PostgreSQL return them. Times are ISO-8601 UTC strings
 * (they sort and compare as text on both engines); structured values are JSON text.
 */
export interface Database {
  portals: PortalTable;
  reports: ReportTable;
  versions: VersionTable;
  changes: ChangeTable;
  subscribers: SubscriberTable;
  deliveries: DeliveryTable;
  http_validators: HttpValidatorTable;
}

export interface HttpValidatorTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  updated_at: string;
}

export interface PortalTable {
  id: string;
  name: string;
  definition: string;
  created_at: string;
  updated_at: string;
  /** Set when the portal left the config; its reports and history stay. */
  removed_at: string | null;
  last_check_at: string | null;
  last_success_at: string | null;
  consecutive_failures: number;
  last_error: string | null;
  fetch_mode: string | null;
}

export interface ReportTable {
  id: Generated<number>;
  portal_id: string;
  /** Identity of the report across its URLs (see src/crawl/report-url.ts). */
  key: string;
  /** The URL it was first found at, to fetch and to show. */
  url: string;
  title: string;
  type: string | null;
  year: number | null;
  publisher: string | null;
  published_date: string | null;
  first_seen_at: string;
  last_seen_at: string;
  version_count: number;
  current_hash: string;
  /** Set when the report was first seen with the very text of another report (a repost on another portal). */
  duplicate_of: number | null;
}

export interface VersionTable {
  id: Generated<number>;
  report_id: number;
  version_no: number;
  content_hash: string;
  fetched_at: string;
  raw: Buffer;
  raw_content_type: string | null;
  raw_sha256: string;
  text: string;
  normalized_text: string;
  metadata: string;
  figures: string;
}

export interface ChangeTable {
  id: Generated<number>;
  report_id: number;
  version_id: number;
  previous_version_id: number | null;
  kind: 'new' | 'revised';
  detected_at: string;
  text_diff: string | null;
  figure_changes: string | null;
}

export interface SubscriberTable {
  id: Generated<number>;
  email: string;
  frequency: 'immediate' | 'daily' | 'weekly';
  locale: 'zh-CN' | 'en';
  created_at: string;
  active: number;
  /** Changes up to this id have been claimed by a delivery. */
  last_change_id: number;
}

export interface DeliveryTable {
  id: Generated<number>;
  subscriber_id: number;
  period_key: string;
  change_from: number;
  change_to: number;
  subject: string;
  text: string;
  html: string;
  message_id: string;
  status: 'pending' | 'sent' | 'failed';
  error: string | null;
  attempts: number;
  created_at: string;
  sent_at: string | null;
}
