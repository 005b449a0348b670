export { composeDigest, type ComposedDigest, type DigestInput, type DigestItem, type Locale, type PortalAlert } from './compose';
export { digestPeriod, type DigestFrequency, type DigestPeriod } from './period';
export { createMailer, type Mailer, type MailerOptions, type OutgoingMessage, type SentMessage } from './mailer';
export { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtp-sink';
