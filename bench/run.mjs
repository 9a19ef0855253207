#!/usr/bin/env node
/**
 * The benchmark of issues 2 and 3 ("Speed"): generates deterministic corpora,
 * times our CLI and language server against remark-cli + remark-validate-links
 * and VS Code's markdown language server, and prints medians and the ratios the
 * targets are stated in, with PASS / MISS.
 *
 *   npm run bench                       # build, then a full run (~15 min on 2 cores)
 *   node bench/run.mjs --quick          # ~2 min: after-snapshot + N=200, 1 run each
 *   node bench/run.mjs --sizes 200,2000 --runs 5 --edits 100 --peers-max 2000
 *
 * Options:
 *   --sizes A,B,…      corpus sizes N (roadmap items = plans = other docs); default 200,2000,10000
 *   --runs R           runs per measurement (median reported); default 3, 1 with --quick.
 *                      A measurement whose first run takes over --slow seconds (default 30) runs once.
 *   --edits E          keystrokes in the editor-path measurement; default 100
 *   --peers-max N      run the peers (remark-validate-links, VS Code's server workspace check) only up to this N; default 2000
 *   --parse-max N      time "read + remark parse" of every file only up to this N; default 2000 (remark needs many minutes on 20,000 files)
 *   --roadmap-sizes …  sizes whose roadmap parse is timed; default: the corpus sizes plus 2000 and 10000
 *   --timeout S        per-command limit in seconds; default 300 (a timed-out figure counts as a MISS)
 *   --real DIR         the after-snapshot; default ../shared/corpus/kaiku-after-gap-closure (skipped when absent)
 *   --watch-cycles C   files created and deleted per run of the "file created on disk" figure; default 10
 *   --watch-sizes …    generated sizes that get that figure (the after-snapshot always does); default 2000
 *   --parent-size N    the parent-folder case: a folder holding the corpus of N (every root-relative path broken); default 2000
 *   --typo-size N      the typo case: the corpus of N with and without one typo link per plan (N plans); default 5000
 *   --roadmap-items N  the long-roadmap case: a workspace of only a roadmap of N items (about 50,000 lines); default 14620
 *   --no-peers, --no-editor, --no-real, --no-watch, --no-cases   leave those parts out
 *   --json FILE        also write every figure as JSON (default bench/.work/results.json)
 *   --report FILE      measure nothing: print the tables again from a results.json
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './lib/generate.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(benchDir, '..');
const workDir = join(benchDir, '.work');
const hook = join(benchDir, 'lib', 'rss-hook.cjs');

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    edits: { type: 'string' },
    'peers-max': { type: 'string', default: '2000' },
    'parse-max': { type: 'string', default: '2000' },
    'roadmap-sizes': { type: 'string' },
    timeout: { type: 'string', default: '300' },
    slow: { type: 'string', default: '30' },
    real: { type: 'string', default: resolve(repoDir, '..', 'shared', 'corpus', 'kaiku-after-gap-closure') },
    quick: { type: 'boolean', default: false },
    'no-peers': { type: 'boolean', default: false },
    'no-editor': { type: 'boolean', default: false },
    'no-real': { type: 'boolean', default: false },
    'no-watch': { type: 'boolean', default: false },
    'no-cases': { type: 'boolean', default: false },
    'parent-size': { type: 'string', default: '2000' },
    'typo-size': { type: 'string', default: '5000' },
    'roadmap-items': { type: 'string', default: '14620' },
    'watch-cycles': { type: 'string', default: '10' },
    'watch-sizes': { type: 'string', default: '2000' },
    json: { type: 'string', default: join(workDir, 'results.json') },
    report: { type: 'string' },
  },
});
const quick = opts.quick;
const sizes = (opts.sizes ?? (quick ? '200' : '200,2000,10000')).split(',').map(Number).filter((n) => n > 0);
const roadmapSizes = [...new Set((opts['roadmap-sizes'] ?? (quick ? '2000,10000' : [...sizes, 2000, 10000].join(','))).split(',').map(Number))].sort((a, b) => a - b);
const RUNS = Number(opts.runs ?? (quick ? 1 : 3));
let EDITS = Number(opts.edits ?? (quick ? 30 : 100));
const PEERS_MAX = Number(opts['peers-max']);
const PARSE_MAX = Number(opts['parse-max']);
const TIMEOUT_MS = Number(opts.timeout) * 1000;
const SLOW_MS = Number(opts.slow) * 1000;
const withPeers = !opts['no-peers'];
const withEditor = !opts['no-editor'];
const withWatch = withEditor && !opts['no-watch'];
const WATCH_SIZES = opts['watch-sizes'].split(',').map(Number).filter((n) => n > 0);

const results = { slowS: SLOW_MS / 1000, date: new Date().toISOString(), command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(), machine: machine(), runs: RUNS, edits: EDITS, targets: [] };

function machine() {
  const c = cpus();
  return `${c.length} × ${c[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

/** Runs a command; resolves with wall time, exit code, output and the peak RSS the hook recorded. */
function run(command, args, { cwd = repoDir, timeoutMs = TIMEOUT_MS, rss = false } = {}) {
  const rssFile = rss ? join(workDir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`) : undefined;
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...(rssFile ? { BENCH_RSS_FILE: rssFile } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    let timedOut = false;
    let hwmKb;
    const timer = setTimeout(() => {
      timedOut = true;
      // The hook cannot report from a killed process: read its peak RSS so far from /proc first.
      try {
        const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwmKb = Number(m[1]);
      } catch {
        // Already gone.
      }
      try {
        process.kill(-child.pid, 'SIGKILL'); // the group we started, by its id
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      let rssKb;
      let cpuMs;
      if (rssFile && existsSync(rssFile)) {
        const rows = readFileSync(rssFile, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
        rssKb = Math.max(...rows.map((r) => r[0]));
        cpuMs = rows.reduce((sum, r) => sum + (r[1] ?? 0), 0);
        rmSync(rssFile, { force: true });
      }
      // Let the pipes drain before resolving.
      setImmediate(() => resolvePromise({ ms, code, stdout, stderr, rssKb: rssKb ?? hwmKb, cpuMs, timedOut }));
    });
  });
}

function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Repeats `once` up to RUNS times (once when the first run is slow) and
 * reports the median of `ms` and of every other numeric field.
 */
async function measure(label, once, runs = RUNS) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const sample = await once(i);
    samples.push(sample);
    if (sample.error || sample.timedOut) break;
    if (i === 0 && sample.ms > SLOW_MS) break;
  }
  const out = { n: samples.length };
  const failed = samples.find((s) => s.error || s.timedOut);
  if (failed) out.error = failed.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : failed.error;
  if (failed?.timedOut && failed.rssKb) out.rssKbAtTimeout = failed.rssKb;
  const ok = samples.filter((s) => !s.error && !s.timedOut);
  for (const key of new Set(ok.flatMap((s) => Object.keys(s)))) {
    if (typeof ok[0][key] === 'number') out[key] = key === 'rssKb' || key === 'peakRssKb' ? Math.max(...ok.map((s) => s[key] ?? 0)) : median(ok.map((s) => s[key]));
    else if (out[key] === undefined) out[key] = ok[0][key];
  }
  log(`  ${label}: ${out.error ? `FAILED (${out.error})` : `${fmtMs(out.ms)} (n=${out.n})`}`);
  return out;
}

function fmtMs(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

function fmtMb(kb) {
  return kb ? `${(kb / 1024).toFixed(0)} MB` : '–';
}

function cell(m) {
  if (!m) return 'skipped';
  if (m.error) return `✗ ${m.error}`.replace(/\|/g, '/').slice(0, 90);
  return `${fmtMs(m.ms)} (n=${m.n})`;
}

// Both runs pass --cache: the cold one (caches cleared first) does the full check and stores
// its findings, the repeated one finds the folder unchanged and reuses them.
function cliCheck(dir) {
  return async () => {
    const r = await run(process.execPath, ['-r', hook, join(repoDir, 'dist', 'cli.js'), 'check', dir, '--format', 'json', '--cache'], { rss: true });
    if (r.timedOut) return { timedOut: true, rssKb: r.rssKb };
    if (r.code !== 0 && r.code !== 1) return { error: `exit ${r.code}: ${firstErrorLine(r.stderr)}` };
    let findings;
    try {
      const parsed = JSON.parse(r.stdout);
      findings = Array.isArray(parsed) ? parsed.length : (parsed.findings?.length ?? undefined);
    } catch {
      findings = undefined;
    }
    return { ms: r.ms, cpuMs: r.cpuMs, rssKb: r.rssKb, findings };
  };
}

/** The line of a stack trace or log that says what went wrong, on one line. */
function firstErrorLine(text) {
  const lines = String(text).split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /^(\w*Error|error|fatal)\b|Error:/.test(l)) ?? lines.pop() ?? '').slice(0, 160);
}

/** Persistent caches the engine may keep in the folder: removed before every cold run. */
const CACHE_DIRS = ['.roadmap-governance-cache'];

function clearCaches(dir) {
  for (const c of CACHE_DIRS) rmSync(join(dir, c), { recursive: true, force: true });
}

function nodeScript(script, args, extra = {}) {
  return async () => {
    const r = await run(process.execPath, ['-r', hook, join(benchDir, 'lib', script), ...args], { cwd: benchDir, rss: true, ...extra });
    if (r.timedOut) return { timedOut: true };
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let data = {};
    try {
      data = JSON.parse(line);
    } catch {
      return { error: `exit ${r.code}: ${firstErrorLine(r.stderr || line)}` };
    }
    if (data.error) return { error: data.error };
    return { ms: r.ms, cpuMs: r.cpuMs, rssKb: r.rssKb, ...data, wallMs: r.ms };
  };
}

function remarkValidateLinks(dir) {
  return async () => {
    const cli = join(benchDir, 'node_modules', 'remark-cli', 'cli.js');
    const r = await run(process.execPath, ['-r', hook, cli, dir, '--use', 'remark-gfm', '--use', 'remark-validate-links=repository:false', '--quiet', '--no-stdout', '--no-color'], { cwd: benchDir, rss: true });
    if (r.timedOut) return { timedOut: true };
    const m = /(\d+) messages?|(\d+) (?:errors?|warnings?)/.exec(r.stderr.split('\n').reverse().find((l) => /messages?|errors?|warnings?/.test(l)) ?? '');
    return { ms: r.ms, cpuMs: r.cpuMs, rssKb: r.rssKb, messages: m ? Number(m[1] ?? m[2]) : 0 };
  };
}

function lspBench(server, mode, dir, extra = []) {
  return async () => {
    const r = await run(process.execPath, [join(benchDir, 'lib', 'lsp-bench.mjs'), server, mode, dir, ...extra, '--timeout', String(TIMEOUT_MS - 5000)], { cwd: repoDir, timeoutMs: TIMEOUT_MS + 10000 });
    if (r.timedOut) return { timedOut: true };
    const line = r.stdout.trim().split('\n').pop() ?? '';
    try {
      const data = JSON.parse(line);
      if (data.error) return { error: firstErrorLine(data.error) };
      // `ms` is what `measure` takes the median of and the slow-run guard reads.
      return { ...data, ms: data.ms ?? data.firstDiagnosticsMs };
    } catch {
      return { error: `exit ${r.code}: ${firstErrorLine(r.stderr || line)}` };
    }
  };
}

async function ensurePeers() {
  if (existsSync(join(benchDir, 'node_modules', 'vscode-langservers-extracted')) && existsSync(join(benchDir, 'node_modules', 'remark-cli'))) return true;
  log('Installing the peers (npm ci --prefix bench) …');
  try {
    execFileSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    return true;
  } catch (error) {
    log(`Could not install the peers: ${error.message}. Peer figures are skipped.`);
    return false;
  }
}

async function bundleParser() {
  const out = join(workDir, 'parse.cjs');
  const esbuild = await import(join(repoDir, 'node_modules', 'esbuild', 'lib', 'main.js'));
  await (esbuild.build ?? esbuild.default.build)({
    entryPoints: [join(repoDir, 'server', 'engine', 'markdown', 'remark.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return out;
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoDir, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server'], { cwd: repoDir, encoding: 'utf8' }).trim() ? ' + uncommitted server/ changes' : '';
    return head + dirty;
  } catch {
    return 'unknown';
  }
}

async function benchTarget(target, { peers, editor, watch }) {
  log(`\n== ${target.label}: ${target.files} files, roadmap ${target.roadmap}`);
  const out = { ...target };
  out.cold = await measure('our CLI, full check (cold)', async (i) => {
    clearCaches(target.dir);
    return cliCheck(target.dir)(i);
  });
  // A check that timed out cold would time out again: do not spend the time twice.
  out.repeat = out.cold.error ? { n: 0, error: `not run: ${out.cold.error}` } : await measure('our CLI, repeated check (unchanged)', cliCheck(target.dir));
  out.read = await measure('list + read every file', nodeScript('read-files.mjs', [target.dir]));
  if (target.kind === 'real' || target.n <= PARSE_MAX) out.readParse = await measure('read + parse (remark-parse + remark-gfm)', nodeScript('read-files.mjs', [target.dir, '--parse']));
  if (peers) {
    out.remark = await measure('remark-cli + remark-validate-links', remarkValidateLinks(target.dir));
    out.vscode = await measure("VS Code's markdown server, every file", lspBench('vscode', 'workspace', target.dir));
  }
  if (editor) {
    const edits = (i) => ['--edits', String(i === 0 ? EDITS : 0)];
    if (existsSync(join(repoDir, 'dist', 'server.js'))) {
      out.editorOurs = await measure('our server: first roadmap diagnostics + keystrokes', (i) => lspBench('ours', 'editor', target.dir, [target.roadmap, ...edits(i), '--server', join(repoDir, 'dist', 'server.js')])(i));
    } else {
      out.editorOurs = { error: 'dist/server.js is absent (server/lsp not built yet)' };
      log('  our server: skipped, dist/server.js is absent');
    }
    {
      out.editorVscode = await measure("VS Code's server: first roadmap diagnostics + keystrokes", (i) => lspBench('vscode', 'editor', target.dir, [target.roadmap, ...edits(i)])(i));
    }
  }
  if (watch && existsSync(join(repoDir, 'dist', 'server.js'))) {
    // One run each: it times --watch-cycles creations and deletions itself and gives their medians.
    for (const [key, watching, label] of [['watchClient', 'client', "VS Code's mode (client sends didChangeWatchedFiles)"], ['watchServer', 'server', 'client without watching (server watches)']]) {
      out[key] = await measure(`file created on disk -> corrected diagnostics, ${label}`, lspBench('ours', 'watch', target.dir, [target.roadmap, '--watching', watching, '--cycles', opts['watch-cycles'], '--server', join(repoDir, 'dist', 'server.js')]), 1);
    }
  }
  return out;
}

async function main() {
  mkdirSync(workDir, { recursive: true });
  if (!existsSync(join(repoDir, 'dist', 'cli.js'))) {
    log('dist/cli.js is missing: run `npm run build` (or `npm run bench`, which builds first).');
    process.exit(2);
  }
  const peersReady = withPeers || withEditor ? await ensurePeers() : false;
  results.commit = gitCommit();
  results.loadBefore = loadavg()[0];
  if (results.loadBefore > cpus().length * 0.5) log(`Note: the 1-minute load average is ${results.loadBefore.toFixed(1)} on ${cpus().length} cores; wall times will be inflated (CPU times less so).`);
  log(`Roadmap Governance benchmark — ${results.date} — ${results.machine} — commit ${results.commit}`);
  log(`runs per figure: ${RUNS} (1 when the first run takes over ${SLOW_MS / 1000} s); edits: ${EDITS}; peers up to N=${PEERS_MAX}`);

  const targets = [];
  if (!opts['no-real'] && existsSync(join(opts.real, 'docs', 'project', 'roadmap.md'))) {
    // A copy, so that nothing (a cache, a fix) ever writes into the shared corpus.
    const copy = join(workDir, 'kaiku-after-gap-closure');
    if (!existsSync(join(copy, 'docs', 'project', 'roadmap.md'))) cpSync(opts.real, copy, { recursive: true });
    const count = execFileSync('find', [copy, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n').length;
    targets.push({ label: 'after-snapshot (real)', kind: 'real', dir: copy, files: count, roadmap: 'docs/project/roadmap.md', n: 0 });
  } else if (!opts['no-real']) {
    log(`The real after-snapshot is not at ${opts.real}: its figures are skipped.`);
  }
  for (const n of sizes) {
    log(`Generating corpus N=${n} …`);
    const c = ensureCorpus(workDir, n);
    targets.push({ label: `generated N=${n}`, kind: 'generated', dir: c.dir, files: c.files, bytes: c.bytes, roadmap: 'docs/project/roadmap.md', n });
  }

  results.targets = [];
  for (const t of targets) {
    const peers = withPeers && peersReady && (t.kind === 'real' || t.n <= PEERS_MAX);
    const editor = withEditor && peersReady;
    // Our server only: no peers needed.
    const watch = withWatch && (t.kind === 'real' || WATCH_SIZES.includes(t.n));
    results.targets.push(await benchTarget(t, { peers, editor, watch }));
    results.roadmapParse = [];
    report({ print: false }); // partial tables in .work/last-run.md while the run goes on
    results.ratios = [];
  }

  if (!opts['no-cases']) {
    results.cases = await benchCases({ editor: withEditor && existsSync(join(repoDir, 'dist', 'server.js')) });
    report({ print: false });
    results.ratios = [];
  }

  // Roadmap parse alone: plain remark versus our chunked parseMarkdown.
  log('\n== roadmap parse alone');
  const bundle = await bundleParser();
  results.roadmapParse = [];
  for (const n of roadmapSizes) {
    const c = ensureCorpus(workDir, n);
    const file = join(c.dir, 'docs', 'project', 'roadmap.md');
    const row = { n, bytes: readFileSync(file).length };
    row.ours = await measure(`N=${n} ours (parseMarkdown, cold)`, nodeScript('parse-roadmap.mjs', ['ours', file, bundle]));
    row.oursRemark = quick && n > 2000 ? undefined : await measure(`N=${n} ours (parseMarkdownWithRemark: remark chunk by chunk)`, nodeScript('parse-roadmap.mjs', ['ours-remark', file, bundle]), n > 2000 ? 1 : RUNS);
    // Plain remark on 10,000 items takes over a minute: once, and not in --quick.
    row.remark = quick && n > 2000 ? undefined : await measure(`N=${n} remark-parse + remark-gfm`, nodeScript('parse-roadmap.mjs', ['remark', file]), n > 2000 ? 1 : RUNS);
    results.roadmapParse.push(row);
  }

  results.loadAfter = loadavg()[0];
  report();
  writeFileSync(opts.json, JSON.stringify(results, null, 2));
  log(`\nAll figures: ${opts.json}`);
}

/** A cold check of `dir`, with the caches of `dir` and of every folder in `clear` removed first. */
function coldCheck(dir, clear = []) {
  return async (i) => {
    for (const d of [dir, ...clear]) clearCaches(d);
    return cliCheck(dir)(i);
  };
}

/**
 * The cases of issue 13 (speed and memory): the parent folder of a corpus
 * (every root-relative path broken, each broken link looks for its nearest
 * file), a corpus with one typo link per plan against the same corpus without,
 * and a workspace of one 50,000-line roadmap, checked by the CLI and opened in
 * our server.
 */
async function benchCases({ editor }) {
  log('\n== issue 13 cases');
  const out = {};
  const parentN = Number(opts['parent-size']);
  if (parentN > 0) {
    const root = join(workDir, `parent-${parentN}`);
    const inner = ensureCorpus(root, parentN);
    out.parent = { n: parentN, files: inner.files };
    out.parent.inner = await measure(`N=${parentN}: the corpus folder`, coldCheck(inner.dir));
    out.parent.outer = await measure(`N=${parentN}: its parent folder (every root-relative path broken)`, coldCheck(root, [inner.dir]));
  }
  const typoN = Number(opts['typo-size']);
  if (typoN > 0) {
    log(`Generating corpus N=${typoN} with and without typo links …`);
    const plain = ensureCorpus(workDir, typoN);
    const typos = ensureCorpus(workDir, typoN, 'typos');
    out.typos = { n: typoN, files: plain.files };
    out.typos.plain = await measure(`N=${typoN}: no typo links`, coldCheck(plain.dir));
    out.typos.typos = await measure(`N=${typoN}: ${typoN} typo links (one per plan)`, coldCheck(typos.dir));
  }
  const items = Number(opts['roadmap-items']);
  if (items > 0) {
    const c = ensureCorpus(workDir, items, 'roadmap-only');
    const lines = readFileSync(join(c.dir, 'docs', 'project', 'roadmap.md'), 'utf8').split('\n').length;
    out.longRoadmap = { items, lines, bytes: c.bytes };
    out.longRoadmap.cli = await measure(`${lines}-line roadmap alone: CLI check`, coldCheck(c.dir));
    if (editor) out.longRoadmap.server = await measure(`${lines}-line roadmap alone: our server, spawn -> first roadmap diagnostics`, lspBench('ours', 'editor', c.dir, ['docs/project/roadmap.md', '--edits', '0', '--server', join(repoDir, 'dist', 'server.js')]));
  }
  return out;
}

function ratioRow(what, num, den, target, note = '') {
  const value = num !== undefined && den ? num / den : undefined;
  const verdict = value === undefined ? 'n/a' : value <= target ? 'PASS' : 'MISS';
  results.ratios = results.ratios ?? [];
  results.ratios.push({ what, value, target, verdict, note });
}

function report({ print = true } = {}) {
  const T = results.targets;
  const lines = [];
  lines.push(`# Roadmap Governance benchmark`, '');
  lines.push(`${results.date} · ${results.machine} · commit ${results.commit} · \`${results.command}\``);
  lines.push(`Medians of n runs (n shown; a figure whose first run took over ${results.slowS ?? SLOW_MS / 1000} s ran once). Wall time of a fresh process each run (node start included), files in the OS page cache. 1-minute load average ${results.loadBefore?.toFixed(1)} before, ${results.loadAfter?.toFixed(1)} after, on ${cpus().length} cores.`, '');
  lines.push('## Whole workspace', '');
  lines.push('| corpus | files | our check | its CPU time | our repeated check | list + read | read + remark parse | remark-validate-links | VS Code md server | our peak RSS | findings |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of T) {
    lines.push(`| ${t.label} | ${t.files} | ${cell(t.cold)} | ${fmtMs(t.cold?.cpuMs)} | ${cell(t.repeat)} | ${cell(t.read)} | ${cell(t.readParse)} | ${cell(t.remark)} | ${cell(t.vscode)} | ${t.cold?.rssKb ? fmtMb(t.cold.rssKb) : t.cold?.rssKbAtTimeout ? `≥ ${fmtMb(t.cold.rssKbAtTimeout)} at the timeout` : '–'} | ${t.cold?.findings ?? '–'} |`);
  }
  lines.push('', '## Roadmap parse alone', '');
  lines.push('In-process parse time (node start and module load excluded).', '');
  lines.push('| roadmap items | bytes | remark-parse + remark-gfm, one piece | ours: parseMarkdown, cold | ours: parseMarkdown after one keystroke | ours: remark chunk by chunk, cold | after one keystroke |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results.roadmapParse) {
    lines.push(`| ${r.n} | ${r.bytes} | ${cell(r.remark)} | ${cell(r.ours)} | ${fmtMs(r.ours?.warmEditMs)} | ${cell(r.oursRemark)} | ${fmtMs(r.oursRemark?.warmEditMs)} |`);
  }
  // The parse times are in-process figures: the scripts print them, the wall time includes node start.
  if (withEditor) {
    lines.push('', `## Editor path (roadmap open, ${EDITS} one-character edits)`, '');
    lines.push('Keystrokes are typed right after the first diagnostics (while the server may still read the workspace), then, for a server with workspace diagnostics, again after a workspace pull has answered (its whole workspace checked): "settled".', '');
    lines.push('| corpus | server | spawn → first roadmap diagnostics | initialize result → first diagnostics | keystroke → diagnostics p50 | p95 | max | settled p50 | settled p95 | settled max | server peak RSS |');
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const t of T) {
      for (const [name, m] of [['ours', t.editorOurs], ['VS Code md', t.editorVscode]]) {
        if (!m) continue;
        if (m.error) {
          lines.push(`| ${t.label} | ${name} | ${cell(m)} | | | | | | | | |`);
          continue;
        }
        const cut = m.incomplete ? ` (${m.edits} of ${EDITS} edits: ${m.incomplete.replace(/ after .*/, '')})` : '';
        lines.push(`| ${t.label} | ${name} | ${fmtMs(m.firstDiagnosticsMs)} (n=${m.n}) | ${fmtMs(m.firstDiagnosticsMs - m.initializedMs)} | ${fmtMs(m.p50)} | ${fmtMs(m.p95)}${cut} | ${fmtMs(m.max)} | ${fmtMs(m.settledP50)} | ${fmtMs(m.settledP95)} | ${fmtMs(m.settledMax)} | ${fmtMb(m.peakRssKb)} |`);
      }
    }
  }

  if (T.some((t) => t.watchClient || t.watchServer)) {
    lines.push('', '## File created on disk → corrected diagnostics (roadmap open, workspace settled)', '');
    lines.push(
      `Each cycle links an item of the open roadmap to a plan that does not exist yet, writes the plan on disk and times until a pull of the roadmap (after the server's refresh request) no longer has that RG003; then deletes it and times until the RG003 is back. Medians of ${opts['watch-cycles']} cycles in one server. VS Code's mode: the client sends didChangeWatchedFiles right after each write (VS Code's own watcher delay is not in the figure). Client without watching: no didChangeWatchedFiles, the server's own watch (directories only) sees the file.`,
      '',
    );
    lines.push('| corpus | client | created → RG003 gone, median | max | deleted → RG003 back, median | max | own watch of the server: set up in (folders) | server peak RSS |');
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const t of T) {
      for (const [name, m] of [["VS Code's mode (sends didChangeWatchedFiles)", t.watchClient], ['no watching (server watches)', t.watchServer]]) {
        if (!m) continue;
        if (m.error) lines.push(`| ${t.label} | ${name} | ${cell(m)} | | | | | |`);
        else lines.push(`| ${t.label} | ${name} | ${fmtMs(m.createP50)} (n=${m.cycles}) | ${fmtMs(m.createMax)} | ${fmtMs(m.deleteP50)} | ${fmtMs(m.deleteMax)} | ${m.watching === 'server' ? `${fmtMs(m.watchSetupMs)} (${m.watchFolders} folders)` : '–'} | ${fmtMb(m.peakRssKb)} |`);
      }
    }
  }

  const C = results.cases;
  if (C) {
    lines.push('', '## Issue 13 cases', '');
    lines.push('Cold CLI checks (`check DIR --format json --cache`, caches removed first), and the server opening a workspace of only a long roadmap (spawn → its first diagnostics, as in the editor path).', '');
    lines.push('| case | files | figure | its CPU time | peak RSS | findings |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    const row = (what, files, m, findings = m?.findings) => lines.push(`| ${what} | ${files ?? '–'} | ${cell(m)} | ${fmtMs(m?.cpuMs)} | ${fmtMb(m?.rssKb ?? m?.peakRssKb)} | ${findings ?? '–'} |`);
    if (C.parent) {
      row(`corpus N=${C.parent.n}, its own folder`, C.parent.files, C.parent.inner);
      row(`the same corpus from its parent folder (every root-relative path broken)`, C.parent.files, C.parent.outer);
    }
    if (C.typos) {
      row(`corpus N=${C.typos.n}, no typo links`, C.typos.files, C.typos.plain);
      row(`the same with one typo link in each of its ${C.typos.n} plans`, C.typos.files, C.typos.typos);
    }
    if (C.longRoadmap) {
      row(`a ${C.longRoadmap.lines}-line roadmap alone (${C.longRoadmap.items} items): CLI check`, 1, C.longRoadmap.cli);
      if (C.longRoadmap.server) row(`the same opened in our server: spawn → first roadmap diagnostics`, 1, C.longRoadmap.server, C.longRoadmap.server.firstDiagnostics);
    }
  }

  // Ratios against the targets of issues 2 and 3.
  const real = T.find((t) => t.kind === 'real');
  const n2000 = T.find((t) => t.n === 2000);
  // Issue 13.
  ratioRow('full check, N=2,000 (4,003 files): ours / list + read', n2000?.cold?.ms, n2000?.read?.ms, 3);
  ratioRow('full check, N=2,000 (4,003 files): ours / VS Code server (issue 13)', n2000?.cold?.ms, n2000?.vscode?.ms, 0.07);
  if (C?.parent) ratioRow(`parent folder of N=${C.parent.n} (every link broken) / the corpus folder`, C.parent.outer?.ms, C.parent.inner?.ms, 1.5);
  if (C?.typos) ratioRow(`${C.typos.n} typo links: extra time over none / 1 s`, C.typos.typos?.ms !== undefined && C.typos.plain?.ms !== undefined ? C.typos.typos.ms - C.typos.plain.ms : undefined, 1000, 1);
  if (C?.longRoadmap?.server) ratioRow(`${C.longRoadmap.lines}-line roadmap: our server's first diagnostics / the CLI's check`, C.longRoadmap.server.firstDiagnosticsMs, C.longRoadmap.cli?.ms, 1.5);
  ratioRow('full check, after-snapshot: ours / VS Code server', real?.cold?.ms, real?.vscode?.ms, 0.5);
  ratioRow('full check, N=2,000 (4,003 files): ours / VS Code server', n2000?.cold?.ms, n2000?.vscode?.ms, 0.3);
  const rp = (n) => results.roadmapParse.find((r) => r.n === n);
  ratioRow('roadmap parse, ours: 10,000 items / 2,000 items', rp(10000)?.ours?.ms, rp(2000)?.ours?.ms, 6);
  if (rp(10000)?.remark?.ms && rp(2000)?.remark?.ms) ratioRow('roadmap parse, plain remark: 10,000 / 2,000 (context, no target)', rp(10000).remark.ms, rp(2000).remark.ms, Infinity);
  for (const t of T) ratioRow(`repeated check / list + read, ${t.label}`, t.repeat?.ms, t.read?.ms, 3);
  const largest = [...T].filter((t) => t.kind === 'generated').sort((a, b) => b.n - a.n)[0];
  if (largest) {
    const gb = 1024 * 1024;
    const rssKb = largest.cold?.rssKb ?? largest.cold?.rssKbAtTimeout;
    const note = [largest.files < 20000 ? 'the target is stated for 20,000 files: run N=10000' : '', !largest.cold?.rssKb && rssKb ? 'a lower bound: the check timed out' : ''].filter(Boolean).join('; ');
    ratioRow(`peak RSS of our check on the largest corpus (${largest.label}, ${largest.files} files) / 1 GB`, rssKb, gb, 1, note);
  }
  if (withEditor) {
    if (real?.editorOurs && !real.editorOurs.error) ratioRow('editor p95, real roadmap / 100 ms', real.editorOurs.p95, 100, 1);
    if (real?.editorOurs?.settledP95 !== undefined) ratioRow('editor p95 settled, real roadmap / 100 ms', real.editorOurs.settledP95, 100, 1);
    const t10 = T.find((t) => t.n === 10000);
    if (t10?.editorOurs && !t10.editorOurs.error) ratioRow('editor p95, 10,000-item roadmap / 300 ms', t10.editorOurs.p95, 300, 1);
    if (t10?.editorOurs?.peakRssKb) ratioRow('server peak RSS through the editor path, N=10,000 (20,003 files) / 1 GB', t10.editorOurs.peakRssKb, 1024 * 1024, 1);
    if (t10?.editorOurs?.settledP95 !== undefined) ratioRow('editor p95 settled, 10,000-item roadmap / 300 ms', t10.editorOurs.settledP95, 300, 1);
    for (const t of T) {
      if (t.editorOurs && !t.editorOurs.error && t.editorVscode && !t.editorVscode.error) {
        ratioRow(`first roadmap diagnostics after initialize, ${t.label}: ours / VS Code ("well under": ≤ 0.5)`, t.editorOurs.firstDiagnosticsMs - t.editorOurs.initializedMs, t.editorVscode.firstDiagnosticsMs - t.editorVscode.initializedMs, 0.5);
      }
    }
  }
  lines.push('', '## Ratios against the targets', '');
  lines.push('| ratio | value | target | verdict |');
  lines.push('|---|---:|---:|---|');
  for (const r of results.ratios ?? []) {
    lines.push(`| ${r.what}${r.note ? ` (${r.note})` : ''} | ${r.value === undefined ? 'n/a' : r.value.toFixed(3)} | ${r.target === Infinity ? '–' : `≤ ${r.target}`} | ${r.target === Infinity ? '' : r.verdict} |`);
  }
  const text = lines.join('\n') + '\n';
  writeFileSync(join(workDir, 'last-run.md'), text);
  writeFileSync(opts.json, JSON.stringify(results, null, 2));
  if (print) process.stdout.write('\n' + text);
}

if (opts.report) {
  // Re-render the tables of an earlier run (for example after a change to the report's layout).
  Object.assign(results, JSON.parse(readFileSync(opts.report, 'utf8')), { ratios: [] });
  EDITS = results.edits;
  opts.json = join(workDir, 'results-rerendered.json');
  report();
} else main().catch((error) => {
  log(`bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
