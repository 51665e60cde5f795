/*
 * The checks every part of a run file's reader shares: each field is held to what the app could
 * have recorded, and a field that is not says so in words (a RunFileError), which the Runs panel's
 * alert gives as the reason the file was not imported.
 */

export class RunFileError extends Error {
  override name = 'RunFileError';
}

export function fail(message: string): never {
  throw new RunFileError(message);
}

export type Json = Record<string, unknown>;

export const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `object[key]` if it passes `check`; else "its <key> is not <what>". */
export function field<T>(object: Json, key: string, check: (value: unknown) => value is T, what: string): T {
  const value = object[key];
  if (!check(value)) fail(`its ${key} is not ${what}`);
  return value;
}

export const isString = (value: unknown): value is string => typeof value === 'string' && value.length <= 200;
export const isNullableString = (value: unknown): value is string | null => value === null || isString(value);
export const isCount = (value: unknown): value is number => finite(value) && Number.isInteger(value) && value >= 0;
export const positiveCount = (value: unknown): value is number => isCount(value) && value >= 1;
export const nonNegative = (value: unknown): value is number => finite(value) && value >= 0;
export const share = (value: unknown): value is number => finite(value) && value >= 0 && value <= 1;
