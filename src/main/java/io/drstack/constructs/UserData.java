package io.drstack.constructs;

import io.drstack.config.CanarySettings;
import io.drstack.config.TargetHealth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * The instances' boot script: a small web server that answers {@code /health} and a page naming its
 * region, run by an unprivileged systemd service, with its access log shipped to CloudWatch; the
 * region's table reaches it through its environment. With the canary, a second unprivileged service
 * runs {@code canary/dr_canary.py} (embedded as it is, so that CI runs the same code) and the web
 * server serves its status on {@code /canary}. With readiness ({@link TargetHealth#READY}) the
 * canary runs under {@code canary/dr_ready.py}, which keeps the file the web server serves as
 * {@code /ready}.
 */
final class UserData {
  private UserData() {}

  /** What the application answers only while it serves: the load balancer and Route 53 probe it. */
  static final String HEALTH_PATH = TargetHealth.SERVING.path();

  /** Where the canary's code is, on the classpath and in the repository's src/main/resources. */
  static final String CANARY_RESOURCE = "/canary/dr_canary.py";

  /** Where the canary writes its status; {@code /srv/dr-app/canary} links to it. */
  static final String CANARY_STATUS_FILE = "/run/dr-canary/canary.json";

  /** The readiness code, which runs the canary's cycle and keeps {@link #READY_FILE}. */
  static final String READY_RESOURCE = "/canary/dr_ready.py";

  /** Present only while the region is ready; {@code /srv/dr-app/ready} links to it. */
  static final String READY_FILE = "/run/dr-canary/ready";

  /** EC2's limit on user data, before base64; cloud-init unpacks gzip-compressed user data. */
  static final int USER_DATA_LIMIT_BYTES = 16 * 1024;

  /**
   * What the instances are told.
   *
   * @param region the instances' region
   * @param port the port the application serves on
   * @param logGroupName the application's log group
   * @param data the table's replica in {@code region}, the peer region and the canary
   * @param targetHealth what the load balancer checks: with {@link TargetHealth#READY}, {@code
   *     /ready} from the canary
   */
  record App(
      String region, int port, String logGroupName, DataTier data, TargetHealth targetHealth) {

    /** Whether the canary also keeps the region's readiness. */
    boolean ready() {
      return targetHealth == TargetHealth.READY;
    }
  }

  /** The environment of the application's services, in {@code /etc/dr-app/env}. */
  static Map<String, String> environment(App app) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", app.region());
    env.put("DR_REGION", app.region());
    env.put("DR_PEER_REGION", app.data().peerRegion());
    env.put("DR_TABLE_NAME", app.data().table().name());
    env.put("DR_TABLE_PARTITION_KEY", GlobalTable.PARTITION_KEY);
    env.put("DR_TABLE_SORT_KEY", GlobalTable.SORT_KEY);
    CanarySettings canary = app.data().canary();
    if (canary.enabled()) {
      env.put("DR_CANARY_NAMESPACE", canary.namespace());
      env.put("DR_CANARY_INTERVAL_SECONDS", String.valueOf(canary.intervalSeconds()));
      env.put("DR_CANARY_STATUS_FILE", CANARY_STATUS_FILE);
    }
    if (app.ready()) {
      env.put("DR_CANARY_READY_FILE", READY_FILE);
    }
    return env;
  }

  /**
   * The script as the launch template takes it, base64-encoded: as it is while it fits EC2's limit,
   * else gzip-compressed (cloud-init's "Gzip Compressed Content"). Compressed with no time stamp,
   * so the same script always gives the same user data.
   */
  static String encoded(App app) {
    byte[] script = render(app).getBytes(StandardCharsets.UTF_8);
    if (script.length <= USER_DATA_LIMIT_BYTES) {
      return Base64.getEncoder().encodeToString(script);
    }
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (compressed.size() > USER_DATA_LIMIT_BYTES) {
      throw new IllegalStateException(
          "the instances' user data is "
              + compressed.size()
              + " bytes compressed, over EC2's 16 KB");
    }
    return Base64.getEncoder().encodeToString(compressed.toByteArray());
  }

  static String render(App app) {
    if (app.ready() && !app.data().canary().enabled()) {
      throw new IllegalArgumentException("readiness comes from the canary, which is off");
    }
    String env =
        environment(app).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n"));
    String script =
        """
        #!/bin/bash
        set -euo pipefail
        install -d -m 0755 /srv/dr-app /var/log/dr-app /etc/dr-app
        cat > /etc/dr-app/env <<'ENV'
        %4$s
        ENV
        cat > /srv/dr-app/index.html <<'PAGE'
        <!doctype html><title>DR stack</title><h1>Served from %1$s</h1>
        PAGE
        echo ok > /srv/dr-app%5$s
        cat > /etc/systemd/system/dr-app.service <<'UNIT'
        [Unit]
        Description=DR stack application
        After=network-online.target
        [Service]
        DynamicUser=yes
        EnvironmentFile=/etc/dr-app/env
        ExecStart=/usr/bin/python3 -m http.server %2$d --directory /srv/dr-app
        StandardError=append:/var/log/dr-app/access.log
        Restart=always
        [Install]
        WantedBy=multi-user.target
        UNIT
        """
            .formatted(app.region(), app.port(), app.logGroupName(), env, HEALTH_PATH);
    if (app.data().canary().enabled()) {
      script += canary(app);
    }
    script +=
        """
        systemctl daemon-reload
        systemctl enable --now dr-app.service%s
        dnf install -y amazon-cloudwatch-agent
        cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'AGENT'
        {"logs": {"logs_collected": {"files": {"collect_list": [{
          "file_path": "/var/log/dr-app/access.log",
          "log_group_name": "%s",
          "log_stream_name": "{instance_id}"}]}}}}
        AGENT
        /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 \\
          -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json -s
        """
            .formatted(
                app.data().canary().enabled() ? " dr-canary.service" : "", app.logGroupName());
    return script;
  }

  /**
   * The canary's code and its service. Its status is linked into the web root, so {@code /canary}
   * serves it while {@code /health} stays a static file: a data-tier problem must not fail both
   * regions' health checks at once (help/architecture.md). With readiness, {@code /ready} is linked
   * to the file the readiness code keeps, for the load balancer alone.
   */
  private static String canary(App app) {
    String command = "/usr/local/bin/dr-canary";
    String install =
        "cat > /usr/local/bin/dr-canary <<'CANARY'\n" + code(CANARY_RESOURCE, "CANARY");
    String links = "";
    if (app.ready()) {
      // The readiness code runs the canary's cycle, read from where it is installed.
      command = "/usr/local/bin/dr-ready /usr/local/bin/dr-canary";
      install += "cat > /usr/local/bin/dr-ready <<'READY'\n" + code(READY_RESOURCE, "READY");
      links = "ln -sfn " + READY_FILE + " /srv/dr-app" + app.targetHealth().path() + "\n";
    }
    return install
        + """
        chmod 0755 %s
        ln -sfn %s /srv/dr-app/canary
        %s\
        cat > /etc/systemd/system/dr-canary.service <<'UNIT'
        [Unit]
        Description=DR stack data-tier canary
        After=network-online.target
        [Service]
        DynamicUser=yes
        EnvironmentFile=/etc/dr-app/env
        RuntimeDirectory=dr-canary
        RuntimeDirectoryMode=0755
        StateDirectory=dr-canary
        StateDirectoryMode=0700
        ExecStart=/usr/bin/python3 %s
        Restart=always
        RestartSec=5
        [Install]
        WantedBy=multi-user.target
        UNIT
        """
            .formatted(command, CANARY_STATUS_FILE, links, command);
  }

  /** The code of {@code resource}, as in the repository, and the heredoc's {@code delimiter}. */
  private static String code(String resource, String delimiter) {
    try (InputStream in = UserData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // The heredoc ends at the first line that is exactly its delimiter.
      if (code.lines().anyMatch(delimiter::equals) || !code.endsWith("\n")) {
        throw new IllegalStateException(resource + " cannot be embedded as it is");
      }
      return code + delimiter + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
