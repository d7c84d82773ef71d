package io.drover.api.model;

/**
 * One process of a program: a program with {@code numprocs: 3} has three. {@code processIndex} is the 0-based
 * position in the family (Supvisors orders {@code #}/{@code @} assignments by it); {@code processNum} is the
 * Supervisor {@code %(process_num)d} value ({@code numprocsStart + processIndex}).
 */
public record ProcessInstance(String processName, String programName, int processIndex, int processNum) {
}
