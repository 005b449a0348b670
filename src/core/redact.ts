/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`: for logs, errors and health output. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/([^:/@\s]*):[^@\s]*@/g, '//$1:***@');
}
