import nodemailer from 'nodemailer';
import { toMailError } from './internals/mail-errors';

export interface MailerOptions {
  /** e.g. `smtps://user:pass@smtp.example.org` or `smtp://127.0.0.1:2525`; query parameters set nodemailer options. */
  smtpUrl: string;
  /** From header, e.g. `年报监测 <nianbao@example.org>`. */
  from: string;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Used as the Message-ID, so a re-sent digest is recognisable as the same message. Angle brackets optional. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface SentMessage {
  /** As sent, in angle brackets. */
  messageId: string;
  /** The server's final reply, e.g. `250 OK: queued as …`. */
  response: string;
}

export interface Mailer {
  /** Rejects with a NianbaoError: ERR_MAIL_AUTH, ERR_MAIL_REJECTED, or ERR_MAIL_TRANSIENT (retryable). */
  send(message: OutgoingMessage): Promise<SentMessage>;
  /** Connects and authenticates without sending; rejects like `send`. */
  verify(): Promise<void>;
  /** Closes pooled connections; messages already handed to `send` are finished first. */
  close(): void;
}

export function createMailer(options: MailerOptions): Mailer {
  const transport = nodemailer.createTransport(
    {
      url: options.smtpUrl,
      // One digest run sends a mail per subscriber: reusing connections saves a TCP, TLS and
      // AUTH handshake each and stays under providers' connection-rate limits.
      pool: true,
      // nodemailer waits up to 2 and 10 minutes; a stalled server should fail the job soon
      // and leave the retry to the queue's backoff.
      connectionTimeout: 30_000,
      socketTimeout: 60_000,
    },
    { from: options.from },
  );

  return {
    async send(message) {
      try {
        // nodemailer brackets a bare id in the header but reports it back bare; bracket it here so both agree.
        const messageId = message.messageId?.replace(/^<?([^<>]*)>?$/, '<$1>');
        const info = await transport.sendMail({ ...message, messageId });
        return { messageId: info.messageId, response: info.response };
      } catch (error) {
        throw toMailError(error);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw toMailError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
