package io.drstack.config;

/** Auto Scaling group size of one region's service. */
public record Capacity(int min, int desired, int max) {}
