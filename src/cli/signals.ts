/** A shutdown that hangs (a check stuck on a dead portal) must not keep the process alive for ever. */
const SHUTDOWN_LIMIT_MS = 30_000;

/**
 * Resolves on the first Ctrl-C or SIGTERM; a second one exits at once for an impatient user, and the
 * process exits anyway after SHUTDOWN_LIMIT_MS: jobs interrupted then are picked up again as stalled.
 */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal}: 正在停止… / stopping… (再按一次立即退出 / press again to exit now)\n`);
      process.once('SIGINT', () => process.exit(130));
      setTimeout(() => {
        process.stderr.write('停止超时，强制退出 / shutdown took too long, exiting\n');
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS).unref();
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
