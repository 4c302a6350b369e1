package io.drstack.constructs;

/**
 * The instances' boot script: a small web server that answers {@code /health} and a page naming its
 * region, run by an unprivileged systemd service, with its access log shipped to CloudWatch.
 */
final class UserData {
  private UserData() {}

  static String render(String region, int port, String logGroupName) {
    return """
        #!/bin/bash
        set -euo pipefail
        install -d -m 0755 /srv/dr-app /var/log/dr-app
        cat > /srv/dr-app/index.html <<'PAGE'
        <!doctype html><title>DR stack</title><h1>Served from %1$s</h1>
        PAGE
        echo ok > /srv/dr-app/health
        cat > /etc/systemd/system/dr-app.service <<'UNIT'
        [Unit]
        Description=DR stack application
        After=network-online.target
        [Service]
        DynamicUser=yes
        ExecStart=/usr/bin/python3 -m http.server %2$d --directory /srv/dr-app
        StandardError=append:/var/log/dr-app/access.log
        Restart=always
        [Install]
        WantedBy=multi-user.target
        UNIT
        systemctl daemon-reload
        systemctl enable --now dr-app.service
        dnf install -y amazon-cloudwatch-agent
        cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'AGENT'
        {"logs": {"logs_collected": {"files": {"collect_list": [{
          "file_path": "/var/log/dr-app/access.log",
          "log_group_name": "%3$s",
          "log_stream_name": "{instance_id}"}]}}}}
        AGENT
        /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 \\
          -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json -s
        """
        .formatted(region, port, logGroupName);
  }
}
