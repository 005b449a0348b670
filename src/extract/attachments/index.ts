/**
 * Reports published as a PDF or Word attachment to a short notice page: find the files a notice
 * links to, read their text, and make the report from the notice's metadata and the file's text.
 */
export { findAttachments, type Attachment, type AttachmentKind } from './find';
export { extractAttachmentText } from './text';
export { extractReportWithAttachment, isAttachmentOnlyNotice } from './report';
