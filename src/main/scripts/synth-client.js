// Sends one synth to the synth daemon (io.drstack.launcher.SynthDaemon) listening on the Unix
// socket given as the first argument, relays its standard output and error, and exits with its
// status. The second argument matches the names of the variables a request carries, the third
// those never sent (secrets), even among them (app.sh).
// Run by app.sh, which reads two statuses of this script's own:
//   75: no daemon listens on the socket (app.sh starts one);
//   76: the daemon ended before it answered, or did not answer in time (app.sh synthesizes
//       without it).
"use strict";
const net = require("net");

const NO_DAEMON = 75;
const DAEMON_LOST = 76;
const [STDOUT, STDERR, EXIT, ACCEPTED] = [1, 2, 3, 4];
// The daemon takes one request at a time; another synth's (a few seconds, more on a loaded
// machine) may come first. A daemon that has not taken this one by then is stuck.
const ACCEPT_TIMEOUT_MS = 20000;
// Once taken, a synth prints at least its first line within seconds; this long a silence means
// a daemon that hangs.
const SILENCE_TIMEOUT_MS = 300000;

const socket = net.createConnection(process.argv[2]);
let pending = Buffer.alloc(0);
let status = null;
let accepted = false;

const giveUp = () => {
  process.stderr.write(
    `synth-client: the synth daemon did not ${accepted ? "answer" : "take the request"} within ` +
      `${(accepted ? SILENCE_TIMEOUT_MS : ACCEPT_TIMEOUT_MS) / 1000} s\n`,
  );
  process.exitCode = DAEMON_LOST;
  socket.destroy();
};
socket.setTimeout(ACCEPT_TIMEOUT_MS, giveUp);

socket.on("connect", () => {
  // The request: the variables a synth needs, as NUL-separated NAME=value entries.
  const needed = new RegExp(process.argv[3] || "^$");
  const secret = new RegExp(process.argv[4] || "$^", "i");
  const entries = Object.entries(process.env)
    .filter(([name]) => needed.test(name) && !secret.test(name))
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
    if (kind === ACCEPTED && !accepted) {
      accepted = true;
      socket.setTimeout(SILENCE_TIMEOUT_MS);
    } else if (kind === STDOUT) process.stdout.write(payload);
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
