package io.drover.operator.status;

/**
 * One process as the application status needs it.
 *
 * @param name      process name (what formulas match)
 * @param displayed its displayed state
 * @param required  its {@code required} rule
 */
public record ProcessSummary(String name, DisplayedProcess displayed, boolean required) {
}
