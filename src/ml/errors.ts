/** What went wrong, in words: an Error's message, or the thrown value itself. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The end of an exhaustive switch: a new case that nobody handles fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/**
 * For an error nobody foresaw: its first line, cut short, so an alert stays a sentence
 * (never a library's stack of lines) yet still says enough to report.
 */
export function shortReason(error: unknown, max = 120): string {
  const line = (errorMessage(error).split('\n')[0] ?? '').trim() || 'no reason given';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
