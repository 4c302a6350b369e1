package io.drstack.config;

/**
 * What a region's load balancer checks on its instances, and so what Global Accelerator, which
 * follows the load balancer's target health, takes as the region's health. Route 53's own checks
 * always probe the static {@code /health}.
 */
public enum TargetHealth {
  /**
   * The instance serves: a static {@code /health}. Auto Scaling replaces an instance the load
   * balancer finds unhealthy. With the DNS front door, where Route 53 decides the region's health.
   */
  SERVING("/health", 15, 5, "ELB"),
  /**
   * The region is ready: {@code /ready} answers while the canary's last cycle wrote and read the
   * region's own replica and the region is not marked out of service. Checked every 5 s, so that
   * Global Accelerator takes a region out within seconds. Auto Scaling judges instances by EC2's
   * status only: a region taken out on purpose, or whose table fails, keeps its instances.
   */
  READY("/ready", 5, 2, "EC2");

  /** Consecutive successful checks before a target is healthy again. */
  public static final int HEALTHY_THRESHOLD = 2;

  /** Consecutive failed checks before a target is unhealthy. */
  public static final int UNHEALTHY_THRESHOLD = 2;

  /**
   * The longest a readiness call of the canary to the region's replica may take: the call fails
   * after it, however it hangs, and a failed call removes the ready file at once. {@code
   * CALL_TIMEOUT} in {@code canary/dr_ready.py}.
   */
  public static final int READINESS_CALL_TIMEOUT_SECONDS = 2;

  /** The partition key of the items that mark a region out of service; the sort key is its name. */
  public static final String OUT_OF_SERVICE_KEY = "dr-stack#out-of-service";

  private final String path;
  private final int intervalSeconds;
  private final int timeoutSeconds;
  private final String autoScalingHealthCheckType;

  TargetHealth(
      String path, int intervalSeconds, int timeoutSeconds, String autoScalingHealthCheckType) {
    this.path = path;
    this.intervalSeconds = intervalSeconds;
    this.timeoutSeconds = timeoutSeconds;
    this.autoScalingHealthCheckType = autoScalingHealthCheckType;
  }

  /**
   * {@link #READY} before Global Accelerator, which follows target health; else {@link #SERVING}.
   */
  public static TargetHealth of(FrontDoor frontDoor) {
    return frontDoor == FrontDoor.ACCELERATOR ? READY : SERVING;
  }

  /** The path the load balancer probes; a 200 is healthy. */
  public String path() {
    return path;
  }

  /** Seconds between two checks of a target. */
  public int intervalSeconds() {
    return intervalSeconds;
  }

  /** Seconds without an answer after which a check fails. */
  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  /** The Auto Scaling group's {@code health_check_type}. */
  public String autoScalingHealthCheckType() {
    return autoScalingHealthCheckType;
  }

  /**
   * The longest from a target's first failing check to the load balancer marking it unhealthy:
   * {@link #UNHEALTHY_THRESHOLD} checks, each up to an interval apart and a timeout long.
   */
  public int unhealthySeconds() {
    return UNHEALTHY_THRESHOLD * (intervalSeconds + timeoutSeconds);
  }

  /**
   * The longest from the region's table failing to the ready file being gone: the cycle under way
   * may have just finished its calls, so the next starts up to an interval later, and its first
   * call fails within {@link #READINESS_CALL_TIMEOUT_SECONDS}.
   */
  public static int readinessLossSeconds(int canaryIntervalSeconds) {
    return canaryIntervalSeconds + READINESS_CALL_TIMEOUT_SECONDS;
  }
}
