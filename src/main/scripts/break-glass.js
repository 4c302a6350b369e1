// The break-glass card of a deployed stack: what an on-call engineer needs when the stack's state,
// its outputs or us-east-1 cannot be read. From the project root, after every deploy:
//   terraform -chdir=$S output -json | node src/main/scripts/break-glass.js "$S/cdk.tf.json"
// It reads `terraform output -json` on stdin and the synthesized JSON (for the state backend), and
// prints Markdown to keep outside AWS. An output the card needs and the state lacks is an error.
"use strict";
const fs = require("fs");

const outputs = JSON.parse(fs.readFileSync(0, "utf8"));
const stack = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const missing = [];

function out(name) {
  if (!(name in outputs)) {
    missing.push(name);
    return "(missing)";
  }
  const value = outputs[name].value;
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function optional(name, otherwise) {
  return name in outputs ? out(name) : otherwise;
}

function backend() {
  const backends = (stack.terraform && stack.terraform.backend) || {};
  if (backends.s3) {
    const s3 = backends.s3;
    return `S3 bucket \`${s3.bucket}\`, key \`${s3.key}\`, region ${s3.region}, lock table \`${s3.dynamodb_table}\``;
  }
  if (backends.local) {
    return `local file \`${backends.local.path}\` (relative to the stack's directory)`;
  }
  return "Terraform's default (a local file in the stack's directory)";
}

/** The failover switch: pulled and released with data-plane calls in its own region. */
function switchCommands() {
  const call = (value) =>
    `\`aws cloudwatch put-metric-data --region ${out("failover_switch_region")} --namespace DrStack/FailoverSwitch --metric-name PrimaryOut --dimensions ${out("failover_switch_dimensions")} --value ${value}\``;
  return `hold the primary out: ${call(1)}; release it (after the failback gate, in one call): ${call(0)}; with a break-glass identity through that region's STS endpoint, never us-east-1`;
}

const primary = out("primary_region");
const secondary = out("secondary_region");
const rows = [
  ["Regions", `primary ${primary}, secondary ${secondary}`, "every step: pass --region explicitly"],
  ["Failover name", out("failover_dns_name"), "what users resolve"],
  [
    "Front door",
    "accelerator_dns_name" in outputs
      ? `Global Accelerator ${out("accelerator_dns_name")}, addresses ${out("accelerator_ip_addresses")}`
      : "Route 53 alone (frontDoor dns)",
    "accelerator_dns_name" in outputs
      ? "taking a region out of it: the out-of-service item, `aws dynamodb put-item` in the healthy region (help/operations.md); its traffic dial is a control-plane call to us-west-2, the last resort"
      : "the failover switch below moves DNS",
  ],
  [
    "Hosted zone",
    `${out("hosted_zone_id")}; name servers: ${optional("hosted_zone_name_servers", "an existing zone (see its own delegation)")}`,
    "DNS checks (`dig @<name server>`); Route 53 is global, its control plane is in us-east-1",
  ],
  [
    "Failover switch",
    `alarm ${out("failover_switch_alarm")} in ${out("failover_switch_region")}`,
    switchCommands(),
  ],
  [
    "Health checks",
    `endpoints: primary ${out("primary_health_check_id")}, secondary ${out("secondary_health_check_id")}; the records follow primary ${out("primary_record_health_check_id")}, secondary ${out("secondary_record_health_check_id")}`,
    "their status (`get-health-check-status`); never `update-health-check` while us-east-1 is impaired",
  ],
  [
    "Load balancers",
    `primary ${out("primary_alb_dns_name")}, secondary ${out("secondary_alb_dns_name")}`,
    "probing each region directly",
  ],
  [
    "Auto Scaling groups",
    `${out("primary_asg_name")} in ${primary}, ${out("secondary_asg_name")} in ${secondary}`,
    `scaling the standby: ${secondary} only`,
  ],
  ["Table", `${out("table_name")} (${out("table_arn")})`, "replica status: either region"],
  [
    "KMS keys",
    `primary ${out("primary_kms_key_arn")}, secondary ${out("secondary_kms_key_arn")}`,
    "key incidents: each key in its own region (the region in its ARN)",
  ],
  [
    "Alarm topics",
    `primary ${out("primary_alarm_topic_arn")}, secondary ${out("secondary_alarm_topic_arn")}, health checks ${out("health_check_alarm_topic_arn")}`,
    "checking subscriptions (`aws sns list-subscriptions-by-topic`)",
  ],
  ["SSM hand-off parameters", out("ssm_parameters"), "each in its own region"],
  [
    "Recovery objectives",
    `RTO ${out("computed_rto_seconds")} s, RPO ${out("computed_rpo_seconds")} s (computed)`,
    "what the drill is measured against",
  ],
  [
    "Failover drill",
    optional("failover_drill_template_id", "off (failoverDrill)"),
    `aws fis start-experiment --region ${primary} --experiment-template-id <id>`,
  ],
  [
    "Region switch plan",
    optional("region_switch_plan_arn", "off (regionSwitchPlan)"),
    `controlled failover: aws arc-region-switch start-plan-execution --region ${secondary}`,
  ],
  ["Terraform state", backend(), "any deploy; never deploy mid-incident"],
];

if (missing.length > 0) {
  console.error(`break-glass: the state has no output ${missing.join(", ")}: deploy first`);
  process.exit(1);
}
const cell = (text) => String(text).replace(/\|/g, "\\|");
const metadata = (stack["//"] && stack["//"].metadata) || {};
console.log(`# Break-glass card: ${metadata.stackName || "the DR stack"}`);
console.log("");
console.log(`Generated ${new Date().toISOString()} from \`terraform output\`. Keep it outside AWS.`);
console.log("See help/operations.md, \"Break glass\", for the never-do list and the procedures.");
console.log("");
console.log("| what | value | needed for |");
console.log("| --- | --- | --- |");
for (const [what, value, use] of rows) {
  console.log(`| ${cell(what)} | ${cell(value)} | ${cell(use)} |`);
}
