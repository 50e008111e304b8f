// What every bench file shares: how a figure is reported, the median, and how times are printed.

/** Prints one `figure: NAME VALUE  # NOTE` line. */
export type Figure = (name: string, value: number | string, note?: string) => void;

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Three significant digits or so: 123, 12.3, 1.23. */
export const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
