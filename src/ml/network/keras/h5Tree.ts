/*
 * HDF5 as this app's Keras code sees it, free of any HDF5 library: what to write, as a list of
 * groups and datasets in the order they are made, and what can be asked of a file being read.
 * The worker puts h5wasm behind both; the tests can put anything.
 */

export type H5Attributes = Readonly<Record<string, string | readonly string[]>>;

export type H5Node =
  | { readonly kind: 'group'; readonly path: string; readonly attrs?: H5Attributes }
  | { readonly kind: 'dataset'; readonly path: string; readonly shape: readonly number[]; readonly values: Float32Array };

/** A dataset's type and shape, known before its values are read. */
export interface H5Description {
  /** float32, float64, int32… or "another type". */
  readonly dtype: string;
  readonly shape: readonly number[];
  /**
   * Stored as Keras stores weights: unfiltered, not virtual, in chunks no larger than itself. A
   * compressed chunk can declare gigabytes in a small file, so nothing else is read.
   */
  readonly plain: boolean;
}

export interface H5Reader {
  /** A text attribute of the object at `path`; null if there is none or it is not text. */
  text(path: string, attr: string): string | null;
  /** A list-of-text attribute of at most `limit` items; an empty attribute of any type is an empty list; null if there is none. */
  texts(path: string, attr: string, limit: number): string[] | null;
  /** The names of a group's members; null if there is no group at `path`. */
  members(path: string): string[] | null;
  /** A dataset's type and shape, without its values; null if there is no dataset at `path`. */
  describe(path: string): H5Description | null;
  /** A float32 dataset's values: ask only once its description was checked, so a huge one is never read. */
  floats(path: string): Float32Array;
}
