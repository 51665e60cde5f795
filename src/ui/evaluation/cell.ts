/** One cell of the confusion matrix: images of class `actual` predicted as `predicted`. */
export interface Cell {
  readonly actual: number;
  readonly predicted: number;
}
