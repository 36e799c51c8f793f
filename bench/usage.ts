/** `--help` for the benchmark scripts: prints what the script measures and its arguments, then exits. */
export function printUsageIfAsked(usage: string): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
}
