// Defaults of the statistics: the confidence level of intervals, the significance level of tests and the bins of a reliability diagram.

/** The standard normal quantile for a two-sided 95% interval (Φ⁻¹(0.975)). */
export const Z_95 = 1.959964;

/** A paired comparison calls a change significant when its p-value is below this. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** Equal-width bins of a reliability diagram (confidence 0-1 in tenths), as calibration papers draw them. */
export const CALIBRATION_BINS = 10;
