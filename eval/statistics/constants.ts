// Defaults of the statistics: the confidence level of intervals and the significance level of tests.

/** The standard normal quantile for a two-sided 95% interval (Φ⁻¹(0.975)). */
export const Z_95 = 1.959964;

/** A paired comparison calls a change significant when its p-value is below this. */
export const SIGNIFICANCE_LEVEL = 0.05;
