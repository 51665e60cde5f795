/** Whether `value` is one of a fixed list of names: the type guard every `as const` list of choices shares. */
export function isOneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return choices.some((choice) => choice === value);
}
