#!/usr/bin/env bash
# Writes the benchmark's baseline into DIR: a CDKTF Java app as the conventional template makes it
# (cdktf.json's app command `mvn -e -q compile exec:java`), with one AwsProvider and one resource,
# on the same cdktf, provider, jsii and plugin versions as this project's pom.xml.
# It also gets a copy of this project's launcher, to measure the launcher on one resource.
# Usage: baseline.sh DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$1"
mkdir -p "$dir/src/main/java/baseline" "$dir/src/main/scripts"

# A property of this project's pom.xml, so that the two builds cannot drift apart.
version() {
  local value
  value="$(sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p;T;q" "$root/pom.xml")"
  [ -n "$value" ] || { echo "baseline.sh: no <$1> in pom.xml" >&2; exit 1; }
  echo "$value"
}
plugin() {
  local value
  value="$(grep -A1 "<artifactId>$1</artifactId>" "$root/pom.xml" |
    sed -n 's:.*<version>\(.*\)</version>.*:\1:p;T;q')"
  [ -n "$value" ] || { echo "baseline.sh: no version of $1 in pom.xml" >&2; exit 1; }
  echo "$value"
}

cat >"$dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>baseline</artifactId>
  <version>0.1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
    <main.class>baseline.Main</main.class>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>software.amazon.jsii</groupId>
        <artifactId>jsii-runtime</artifactId>
        <version>$(version jsii-runtime.version)</version>
      </dependency>
      <dependency>
        <groupId>software.constructs</groupId>
        <artifactId>constructs</artifactId>
        <version>$(version constructs.version)</version>
      </dependency>
      <dependency>
        <groupId>com.fasterxml.jackson</groupId>
        <artifactId>jackson-bom</artifactId>
        <version>$(version jackson.version)</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
      <dependency>
        <groupId>org.jetbrains</groupId>
        <artifactId>annotations</artifactId>
        <version>$(version jetbrains-annotations.version)</version>
      </dependency>
      <dependency>
        <groupId>javax.annotation</groupId>
        <artifactId>javax.annotation-api</artifactId>
        <version>$(version javax-annotation-api.version)</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.hashicorp</groupId>
      <artifactId>cdktf</artifactId>
      <version>$(version cdktf.version)</version>
    </dependency>
    <dependency>
      <groupId>com.hashicorp</groupId>
      <artifactId>cdktf-provider-aws</artifactId>
      <version>$(version cdktf-provider-aws.version)</version>
    </dependency>
    <dependency>
      <groupId>software.constructs</groupId>
      <artifactId>constructs</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>$(plugin maven-resources-plugin)</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>$(plugin maven-compiler-plugin)</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>$(plugin maven-dependency-plugin)</version>
      </plugin>
      <plugin>
        <groupId>org.codehaus.mojo</groupId>
        <artifactId>exec-maven-plugin</artifactId>
        <version>$(plugin exec-maven-plugin)</version>
        <configuration>
          <mainClass>\${main.class}</mainClass>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF

cat >"$dir/src/main/java/baseline/Main.java" <<'EOF'
package baseline;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopicConfig;
import software.constructs.Construct;

public final class Main {
  static final class OneResourceStack extends TerraformStack {
    OneResourceStack(Construct scope, String id) {
      super(scope, id);
      new AwsProvider(this, "aws", AwsProviderConfig.builder().region("us-east-1").build());
      new SnsTopic(this, "topic", SnsTopicConfig.builder().name("baseline").build());
    }
  }

  public static void main(String[] args) {
    App app = new App();
    new OneResourceStack(app, "baseline");
    app.synth();
  }
}
EOF

cat >"$dir/cdktf.json" <<'EOF'
{
  "language": "java",
  "app": "mvn -e -q compile exec:java",
  "projectId": "baseline",
  "sendCrashReports": "false",
  "terraformProviders": [],
  "terraformModules": [],
  "codeMakerOutput": "src/main/java/imports",
  "context": {}
}
EOF

# The launcher: its scripts and its Java sources (two files, unused by the app: Maven's up-to-date
# check of the conventional command sees them, at no measurable cost).
cp "$root"/src/main/scripts/{app.sh,jsii-env.sh,synth-client.js,synth-daemons.sh} \
  "$dir/src/main/scripts/"
mkdir -p "$dir/src/main/java/io/drstack"
cp -r "$root/src/main/java/io/drstack/launcher" "$dir/src/main/java/io/drstack/"
