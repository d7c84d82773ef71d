/**
 * The {@code operational_status} formula of an application: a small Python expression over the states of its
 * processes, parsed once by {@link io.drover.api.rules.formula.StatusFormula#parse(String)} and evaluated each time a
 * process state changes.
 */
package io.drover.api.rules.formula;
