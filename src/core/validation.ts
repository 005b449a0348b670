import type { z } from 'zod';
import { NianbaoError, type ErrorCode } from './errors';

/** `portals[0].schedule.cron` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** One line per problem: where it is, what is wrong, how to fix it. */
export function describeIssues(source: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${source}: ${formatPath(issue.path) || '(root)'}: ${issue.message}`);
}

/** Parses or throws one NianbaoError that names the source (a file, "request body", a CLI flag) and every field at fault. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, source: string, code: ErrorCode = 'ERR_INPUT_INVALID'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = describeIssues(source, result.error);
  throw new NianbaoError(code, `${code === 'ERR_CONFIG_INVALID' ? '配置无效 / invalid configuration' : '输入无效 / invalid input'}:\n  ${problems.join('\n  ')}`, {
    details: { source, problems },
  });
}
