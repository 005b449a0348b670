import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SMTPServer } from 'smtp-server';

export interface SmtpSinkOptions {
  /** Where messages are saved; created when missing. */
  dir: string;
  /** Loopback by default: the sink takes mail from anyone who can reach it, without auth. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, ready for createMailer. */
  url: string;
  port: number;
  /** Messages saved in `dir` (also by earlier runs), oldest first. */
  received(): Promise<Array<{ file: string; receivedAt: Date }>>;
  close(): Promise<void>;
}

/** A digest is a few hundred kB at most; the cap only keeps a runaway client from filling the disk. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * ISO 8601 basic format, `20261121T083000.123Z-1.eml`: file names sort by time, and carry no
 * colons, which Windows forbids and scp reads as a host separator.
 */
const FILE_NAME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z-(\d+)\.eml$/;

/**
 * An SMTP server that stores every message it is given as a raw .eml file instead of
 * delivering it. The app runs it when no SMTP_URL is configured, so a user can read what
 * would have been sent.
 */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const { dir, host = '127.0.0.1', port = 0 } = options;
  await mkdir(dir, { recursive: true });
  let count = 0;

  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    // Closing the app should not wait the default 30 s for an idle pooled client.
    closeTimeout: 5_000,
    onData(stream, _session, callback) {
      const name = `${basicIso(new Date())}-${++count}.eml`;
      const partial = join(dir, `.${name}.part`);
      // Written aside and renamed once complete, so received() never lists half a message,
      // and the sender hears 250 only once the file is there.
      pipeline(stream, createWriteStream(partial))
        .then(async () => {
          if (stream.sizeExceeded) {
            await rm(partial, { force: true });
            return callback(Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 }));
          }
          await rename(partial, join(dir, name));
          callback();
        })
        .catch(async (error: unknown) => {
          await rm(partial, { force: true });
          callback(Object.assign(new Error(`Could not save the message: ${String(error)}`), { responseCode: 451 }));
        });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client that drops its connection is the client's problem, and it sees the failure itself;
  // without a listener the emitted error would crash the app.
  server.on('error', () => {});

  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    async received() {
      const saved = (await readdir(dir)).flatMap((file) => {
        const m = FILE_NAME.exec(file);
        if (!m) return [];
        const [y, mo, d, h, mi, s, ms, n] = m.slice(1).map(Number) as [number, number, number, number, number, number, number, number];
        return [{ file: join(dir, file), receivedAt: new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms)), n }];
      });
      return saved.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.n - b.n).map(({ file, receivedAt }) => ({ file, receivedAt }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function basicIso(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}
