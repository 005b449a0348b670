import type { NodemailerError } from 'nodemailer';
import { NianbaoError } from '../../core/errors';

/** Codes from nodemailer's `lib/errors.js` that mean the connection failed, not the message. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY']);
const AUTH_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2']);
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);
/**
 * RFC 4954 replies that say the server wants (other) credentials: 530 authentication required,
 * 534 mechanism too weak, 535 credentials invalid, 538 encryption required. A server sends
 * 530 to MAIL FROM, which nodemailer reports as EENVELOPE although the envelope is fine.
 */
const AUTH_REPLIES = new Set([530, 534, 535, 538]);

/**
 * Turns a nodemailer failure into what the job runner needs to know: may a retry help?
 * A 4xx reply is transient whatever the step (421 closing, 450 mailbox busy, 454 auth
 * temporarily unavailable). Errors not known to be permanent are transient: a few retries
 * with backoff cost less than a digest lost to a glitch.
 */
export function toMailError(error: unknown): NianbaoError {
  const err: NodemailerError = error instanceof Error ? error : new Error(String(error));
  const { code = '', responseCode } = err;
  const details = { smtpCode: code || undefined, responseCode, command: err.command, response: err.response, rejected: err.rejected };
  const fail = (nianbaoCode: 'ERR_MAIL_AUTH' | 'ERR_MAIL_REJECTED' | 'ERR_MAIL_TRANSIENT') =>
    new NianbaoError(nianbaoCode, `SMTP: ${err.message}`, { cause: error, details });

  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) return fail('ERR_MAIL_TRANSIENT');
  if (AUTH_CODES.has(code) || (responseCode !== undefined && AUTH_REPLIES.has(responseCode))) return fail('ERR_MAIL_AUTH');
  if (CONNECTION_CODES.has(code)) return fail('ERR_MAIL_TRANSIENT');
  if (MESSAGE_CODES.has(code) || (responseCode !== undefined && responseCode >= 500)) return fail('ERR_MAIL_REJECTED');
  return fail('ERR_MAIL_TRANSIENT');
}
