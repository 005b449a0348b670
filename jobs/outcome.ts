import { UnrecoverableError } from 'bullmq';
import { isNianbaoError } from '../src/core/errors';

/**
 * The one place where errors become job outcomes: an error that retrying cannot fix fails the job
 * at once; anything else is rethrown so the queue's attempts and backoff apply.
 */
export function toJobError(error: unknown): Error {
  if (isNianbaoError(error) && !error.retryable) return new UnrecoverableError(`${error.code}: ${error.message}`);
  if (isNianbaoError(error)) return Object.assign(new Error(`${error.code}: ${error.message}`, { cause: error }), { code: error.code });
  return error instanceof Error ? error : new Error(String(error));
}
