package io.drstack.config;

/**
 * The recovery targets the operator declares; the stack refuses a configuration that cannot meet
 * them.
 *
 * @param targetRtoSeconds longest acceptable time until users are served again after a regional
 *     failure
 * @param targetRpoSeconds longest acceptable window of writes that may be lost
 */
public record Objectives(int targetRtoSeconds, int targetRpoSeconds) {}
