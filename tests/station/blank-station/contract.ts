/**
 * The "blank" station: the smallest station kind there is, one view and one method, to show that a
 * new station is its contract, its agent, its screen and a few lines of wiring on the platform.
 */
export interface BlankView {
  greeting: string;
  count: number;
}

export type BlankMethods = {
  /** Adds `by` (1 to 10) to the count. */
  bump: { params: { by: number }; result: { count: number } };
};
