import { SETTINGS } from './settings';

function defaultOf(schema: unknown): string {
  const result = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
  return result.success && result.data !== undefined ? `\`${String(result.data)}\`` : '—';
}

/** The configuration table in README.md, generated from the settings schema so the two cannot drift. */
export function settingsReference(): string {
  const rows = Object.values(SETTINGS).map((spec) => `| \`${spec.env}\` | ${defaultOf(spec.schema)} | ${spec.doc.replace(/\|/g, '\\|')} |`);
  return ['| 变量 Variable | 默认 Default | 说明 Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
