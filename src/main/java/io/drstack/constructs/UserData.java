package io.drstack.constructs;

import io.drstack.config.CanarySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The instances' boot script: a small web server that answers {@code /health} and a page naming its
 * region, run by an unprivileged systemd service, with its access log shipped to CloudWatch; the
 * region's table reaches it through its environment. With the canary, a second unprivileged service
 * runs {@code canary/dr_canary.py} (embedded as it is, so that CI runs the same code) and the web
 * server serves its status on {@code /canary}.
 */
final class UserData {
  private UserData() {}

  /** What the application answers only while it serves: the load balancer and Route 53 probe it. */
  static final String HEALTH_PATH = "/health";

  /** Where the canary's code is, on the classpath and in the repository's src/main/resources. */
  static final String CANARY_RESOURCE = "/canary/dr_canary.py";

  /** Where the canary writes its status; {@code /srv/dr-app/canary} links to it. */
  static final String CANARY_STATUS_FILE = "/run/dr-canary/canary.json";

  /**
   * What the instances are told.
   *
   * @param region the instances' region
   * @param port the port the application serves on
   * @param logGroupName the application's log group
   * @param data the table's replica in {@code region}, the peer region and the canary
   */
  record App(String region, int port, String logGroupName, DataTier data) {}

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
    return env;
  }

  static String render(App app) {
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
      script += canary();
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
   * regions' health checks at once (help/architecture.md).
   */
  private static String canary() {
    return "cat > /usr/local/bin/dr-canary <<'CANARY'\n"
        + canaryCode()
        + "CANARY\n"
        + """
        chmod 0755 /usr/local/bin/dr-canary
        ln -sfn %s /srv/dr-app/canary
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
        ExecStart=/usr/bin/python3 /usr/local/bin/dr-canary
        Restart=always
        RestartSec=5
        [Install]
        WantedBy=multi-user.target
        UNIT
        """
            .formatted(CANARY_STATUS_FILE);
  }

  /** The canary's code, as in the repository. */
  private static String canaryCode() {
    try (InputStream in = UserData.class.getResourceAsStream(CANARY_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CANARY_RESOURCE + " is not on the classpath");
      }
      String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // The heredoc ends at the first line that is exactly its delimiter.
      if (code.lines().anyMatch("CANARY"::equals) || !code.endsWith("\n")) {
        throw new IllegalStateException(CANARY_RESOURCE + " cannot be embedded as it is");
      }
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
