// Started detached by processes.mjs: reads the current process-group ids on stdin and, once
// the parent (argv[2]) is gone, kills those groups. This is what stops workerd after a
// SIGKILL of `npm start` or of the test runner.
const parent = Number(process.argv[2]);
let groups = [];
let buffer = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  const lines = buffer.split("\n");
  buffer = lines.pop();
  if (lines.length) groups = lines.at(-1).split(" ").filter(Boolean).map(Number);
});
// stdin closing means the parent exited (or was killed): clean up at once.
process.stdin.on("end", reap);
const timer = setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    reap();
  }
}, 500);

function reap() {
  clearInterval(timer);
  for (const pid of groups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  process.exit(0);
}
