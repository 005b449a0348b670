/**
 * Reports published as a PDF or Word attachment to a short notice page: read the notice, find the
 * files it links to, read their text, and make the report from the notice's metadata and the file's text.
 */
export { findAttachments, type Attachment, type AttachmentKind } from './find';
export { extractAttachmentText } from './text';
export { extractNotice } from './notice';
export { extractReportWithAttachment, isAttachmentOnlyNotice } from './report';
export { attachmentToFollow, fileKind } from './follow';
export { extractReportSource, type ReportSource } from './report-source';
