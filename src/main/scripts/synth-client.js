// Sends one synth to the synth daemon (io.drstack.launcher.SynthDaemon) listening on the Unix
// socket given as the first argument, relays its standard output and error, and exits with its
// status. The second argument matches the names of variables never sent (secrets; app.sh).
// Run by app.sh, which reads two statuses of this script's own:
//   75: no daemon listens on the socket (app.sh starts one);
//   76: the daemon ended before it answered (app.sh synthesizes without it).
"use strict";
const net = require("net");

const NO_DAEMON = 75;
const DAEMON_LOST = 76;
const [STDOUT, STDERR, EXIT] = [1, 2, 3];

const socket = net.createConnection(process.argv[2]);
let pending = Buffer.alloc(0);
let status = null;

socket.on("connect", () => {
  // The request: this process's environment but its secrets, as NUL-separated NAME=value entries.
  const secret = new RegExp(process.argv[3] || "$^", "i");
  const entries = Object.entries(process.env)
    .filter(([name]) => !secret.test(name))
    .map(([name, value]) => `${name}=${value}\0`);
  socket.end(entries.join(""));
});

socket.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 5) {
    const length = pending.readUInt32BE(1);
    if (pending.length < 5 + length) break;
    const kind = pending[0];
    const payload = pending.subarray(5, 5 + length);
    pending = pending.subarray(5 + length);
    if (kind === STDOUT) process.stdout.write(payload);
    else if (kind === STDERR) process.stderr.write(payload);
    else if (kind === EXIT) status = Number(payload.toString("ascii"));
  }
});

socket.on("error", (error) => {
  if (status === null && ["ENOENT", "ECONNREFUSED"].includes(error.code)) {
    process.exitCode = NO_DAEMON;
  } else if (status === null) {
    process.stderr.write(`synth-client: ${error.message}\n`);
    process.exitCode = DAEMON_LOST;
  }
});

socket.on("close", () => {
  if (status !== null) process.exitCode = status;
  else if (process.exitCode === undefined) process.exitCode = DAEMON_LOST;
});
