/** A phrase made into the start of a sentence. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A size as a person reads it: kilobytes under one megabyte, else megabytes to a tenth (10 MB, 7.5 MB). */
export function sizeText(bytes: number): string {
  return bytes < 2 ** 20 ? `${Math.ceil(bytes / 1024)} kB` : `${Number((bytes / 2 ** 20).toFixed(1))} MB`;
}
