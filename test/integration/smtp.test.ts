import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isNianbaoError, type NianbaoError } from '../../src/core/errors';
import { composeDigest, createMailer, startSmtpSink, type Mailer, type SmtpSink } from '../../src/digest';

const FROM = '年报监测 <nianbao@nianbao.test>';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function mailer(smtpUrl: string): Mailer {
  const m = createMailer({ smtpUrl, from: FROM });
  cleanups.push(() => m.close());
  return m;
}

/** A hand-configured server for the failure cases; answers over plain SMTP on a free loopback port. */
async function server(options: SMTPServerOptions): Promise<string> {
  const s = new SMTPServer({ logger: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, ...options });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => s.close(() => resolve())));
  return `127.0.0.1:${(s.server.address() as AddressInfo).port}`;
}

async function failure(promise: Promise<unknown>): Promise<NianbaoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isNianbaoError(error)) throw new Error(`expected a NianbaoError, got ${String(error)}`);
  return error;
}

const message = { to: 'reader@example.org', subject: '测试', text: '正文', html: '<p>正文</p>' };

describe('SMTP sink and mailer', () => {
  let dir: string;
  let sink: SmtpSink;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nianbao-smtp-'));
    sink = await startSmtpSink({ dir: join(dir, 'outbox') });
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    cleanups.push(() => sink.close());
  });

  it('delivers a composed digest that parses back with subject, recipient, Message-ID, Chinese text and HTML', async () => {
    const digest = composeDigest({
      subscriberEmail: 'reader@example.org',
      periodLabel: '2026-11-21',
      items: [
        {
          kind: 'revised',
          report: {
            title: '柯城区2023年<script>法治政府建设年度报告',
            url: 'https://www.kecheng.gov.cn/art/2024/3/1/art_1.html',
            portalName: '柯城区人民政府',
            publisher: '柯城区司法局',
            date: '2024-03-01',
            typeName: '法治政府建设年度报告',
            year: 2023,
          },
          detectedAt: new Date('2026-11-21T01:00:00Z'),
          figureChanges: [
            { change: 'changed', label: '收到行政复议申请', unit: '件', section: '', oldValue: 41, newValue: 43, oldSentence: null, newSentence: null },
          ],
        },
      ],
    });
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    const before = Date.now();
    const sent = await mailer(sink.url).send({ to: 'reader@example.org', ...digest, messageId: '<digest.7.2026-11-21@nianbao.test>' });
    expect(sent.messageId).toBe('<digest.7.2026-11-21@nianbao.test>');
    expect(sent.response).toMatch(/^250/);

    const saved = await sink.received();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(saved[0]!.receivedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(saved[0]!.file.startsWith(join(dir, 'outbox'))).toBe(true);

    const parsed = await simpleParser(await readFile(saved[0]!.file));
    expect(parsed.subject).toBe('【年报监测】1 份报告有修订（2026-11-21）');
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value[0]?.address).toBe('reader@example.org');
    expect(parsed.from?.value[0]).toEqual({ address: 'nianbao@nianbao.test', name: '年报监测' });
    expect(parsed.messageId).toBe('<digest.7.2026-11-21@nianbao.test>');
    expect(parsed.text).toContain('收到行政复议申请 41件 → 43件');
    expect(parsed.text).toContain('柯城区2023年<script>法治政府建设年度报告');
    expect(parsed.html).toEqual(expect.stringContaining('柯城区2023年&lt;script&gt;法治政府建设年度报告'));
    expect(parsed.html).toEqual(expect.stringContaining('<a href="https://www.kecheng.gov.cn/art/2024/3/1/art_1.html"'));
  });

  it('puts angle brackets around a bare messageId and keeps extra headers', async () => {
    const m = mailer(sink.url);
    const sent = await m.send({ ...message, messageId: 'digest.8.2026-W47@nianbao.test', headers: { 'X-Nianbao-Delivery': '42' } });
    expect(sent.messageId).toBe('<digest.8.2026-W47@nianbao.test>');
    const [saved] = await sink.received();
    const parsed = await simpleParser(await readFile(saved!.file));
    expect(parsed.messageId).toBe('<digest.8.2026-W47@nianbao.test>');
    expect(parsed.headers.get('x-nianbao-delivery')).toBe('42');
  });

  it('saves each message in its own file, oldest first, and ignores other files in the directory', async () => {
    await writeFile(join(dir, 'outbox', 'notes.txt'), 'not a message');
    const m = mailer(sink.url);
    const first = await m.send({ ...message, subject: '第一封' });
    const second = await m.send({ ...message, subject: '第二封' });
    // Without a caller's id, nodemailer makes a fresh one per message.
    expect(first.messageId).toMatch(/^<[^<>@]+@[^<>@]+>$/);
    expect(second.messageId).not.toBe(first.messageId);
    const saved = await sink.received();
    expect(saved).toHaveLength(2);
    expect(saved[0]!.file).not.toBe(saved[1]!.file);
    expect(saved[0]!.file).toMatch(/\.eml$/);
    const subjects = await Promise.all(saved.map(async ({ file }) => (await simpleParser(await readFile(file))).subject));
    expect(subjects).toEqual(['第一封', '第二封']);
  });

  it('writes nothing to stdout while receiving', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const log = vi.spyOn(console, 'log');
    cleanups.push(() => {
      write.mockRestore();
      log.mockRestore();
    });
    await mailer(sink.url).send(message);
    expect(write).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('verifies a reachable server', async () => {
    await expect(mailer(sink.url).verify()).resolves.toBeUndefined();
  });
});

describe('mailer failures', () => {
  it('maps rejected credentials to ERR_MAIL_AUTH, not retryable', async () => {
    const address = await server({ onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')) });
    const m = mailer(`smtp://nianbao:wrong@${address}`);
    for (const attempt of [() => m.send(message), () => m.verify()]) {
      const error = await failure(attempt());
      expect(error.code).toBe('ERR_MAIL_AUTH');
      expect(error.retryable).toBe(false);
      expect((error.cause as { code?: string }).code).toBe('EAUTH');
    }
  });

  it('maps a server that demands credentials we do not have to ERR_MAIL_AUTH', async () => {
    const address = await server({});
    const error = await failure(mailer(`smtp://${address}`).send(message));
    expect(error.code).toBe('ERR_MAIL_AUTH');
    expect(error.retryable).toBe(false);
    expect(error.details.responseCode).toBe(530);
  });

  it('maps a closed port to ERR_MAIL_TRANSIENT, retryable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const error = await failure(mailer(`smtp://127.0.0.1:${port}`).send(message));
    expect(error.code).toBe('ERR_MAIL_TRANSIENT');
    expect(error.retryable).toBe(true);
    expect(['ESOCKET', 'ECONNECTION']).toContain((error.cause as { code?: string }).code);
  });

  it('maps a recipient refused with 550 to ERR_MAIL_REJECTED, not retryable', async () => {
    const address = await server({
      authOptional: true,
      onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('No such user here'), { responseCode: 550 })),
    });
    const error = await failure(mailer(`smtp://${address}`).send(message));
    expect(error.code).toBe('ERR_MAIL_REJECTED');
    expect(error.retryable).toBe(false);
    expect((error.cause as { code?: string }).code).toBe('EENVELOPE');
    expect(error.details.rejected).toEqual(['reader@example.org']);
  });

  it('maps a recipient deferred with 450 to ERR_MAIL_TRANSIENT, retryable', async () => {
    const address = await server({
      authOptional: true,
      onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 })),
    });
    const error = await failure(mailer(`smtp://${address}`).send(message));
    expect(error.code).toBe('ERR_MAIL_TRANSIENT');
    expect(error.retryable).toBe(true);
    expect(error.details.responseCode).toBe(450);
  });
});
