/** Progress on stderr, so stdout stays the report. */
export function progress(message: string): void {
  console.error(`[bench:scheduling] ${message}`);
}
