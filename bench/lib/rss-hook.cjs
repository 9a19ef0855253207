// Preloaded with `node -r` into a measured process: on exit, appends the
// process's peak resident set size (KiB, from getrusage) and its CPU time
// (user + system, ms) to $BENCH_RSS_FILE, as "maxRSS cpuMs".
const { appendFileSync } = require('node:fs');
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      appendFileSync(file, `${usage.maxRSS} ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
    } catch {
      // A failed measurement must not change the measured process's exit.
    }
  });
}
