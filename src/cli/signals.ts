/** Resolves on the first Ctrl-C or SIGTERM; a second one exits at once for an impatient user. */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal}: 正在停止… / stopping… (再按一次立即退出 / press again to exit now)\n`);
      process.once('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
