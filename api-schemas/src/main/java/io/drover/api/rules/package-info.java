/**
 * Supvisors rules, resolved: which rules apply to an application and to each of its processes, computed exactly as
 * Supvisors computes them from its rules files (name and pattern matching, models, aliases, the {@code *}/{@code #}/
 * {@code @} signs, defaults and post-load checks), plus the rules an Application manifest writes itself.
 *
 * <ul>
 *   <li>{@link io.drover.api.rules.RuleResolver}: effective rules of applications and processes;</li>
 *   <li>{@link io.drover.api.rules.RuleSetValidator}: what drover refuses or warns about in rule sets;</li>
 *   <li>{@link io.drover.api.rules.NodeFilter}: the nodes effective identifiers designate at use time.</li>
 * </ul>
 * Everything here is pure: no I/O, immutable inputs and results.
 */
package io.drover.api.rules;
