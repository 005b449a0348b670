import { describe, expect, it } from 'vitest';
import { toMailError } from '../../src/digest/internals/mail-errors';

/** Errors shaped as nodemailer's SMTP connection makes them (code, responseCode, command). */
function smtpError(code: string, responseCode?: number, command = 'CONN'): Error {
  return Object.assign(new Error(`${code} failure`), { code, command, ...(responseCode ? { responseCode, response: `${responseCode} text` } : {}) });
}

describe('toMailError', () => {
  it.each([
    ['EAUTH', 535, 'ERR_MAIL_AUTH'],
    ['ENOAUTH', undefined, 'ERR_MAIL_AUTH'],
    ['EOAUTH2', undefined, 'ERR_MAIL_AUTH'],
    ['EENVELOPE', 530, 'ERR_MAIL_AUTH'],
    ['EENVELOPE', 550, 'ERR_MAIL_REJECTED'],
    ['EENVELOPE', undefined, 'ERR_MAIL_REJECTED'],
    ['EMESSAGE', 554, 'ERR_MAIL_REJECTED'],
    ['ETIMEDOUT', undefined, 'ERR_MAIL_TRANSIENT'],
    ['ESOCKET', undefined, 'ERR_MAIL_TRANSIENT'],
    ['ECONNECTION', undefined, 'ERR_MAIL_TRANSIENT'],
    ['EDNS', undefined, 'ERR_MAIL_TRANSIENT'],
    ['EAUTH', 454, 'ERR_MAIL_TRANSIENT'],
    ['EENVELOPE', 452, 'ERR_MAIL_TRANSIENT'],
    ['EMESSAGE', 451, 'ERR_MAIL_TRANSIENT'],
    ['EPROTOCOL', 421, 'ERR_MAIL_TRANSIENT'],
    ['ETLS', undefined, 'ERR_MAIL_TRANSIENT'],
  ] as const)('%s with reply %s → %s', (code, responseCode, expected) => {
    const cause = smtpError(code, responseCode);
    const error = toMailError(cause);
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(expected === 'ERR_MAIL_TRANSIENT');
    expect(error.cause).toBe(cause);
    expect(error.details).toMatchObject({ smtpCode: code, responseCode, command: 'CONN' });
  });

  it('keeps the original message and treats a non-Error throw as transient', () => {
    expect(toMailError(smtpError('EAUTH', 535)).message).toContain('EAUTH failure');
    const error = toMailError('socket hang up');
    expect(error.code).toBe('ERR_MAIL_TRANSIENT');
    expect(error.message).toContain('socket hang up');
  });
});
