/** What went wrong, in words: an Error's message, or the thrown value itself. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The end of an exhaustive switch: a new case that nobody handles fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
