/**
 * `roadmap-governance`: the engine for CI and scripts.
 * Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or config error.
 */
import { parseArgs } from 'node:util';
import { formatFindings, FORMATS, type Format, TOOL_VERSION } from './formats';
import { UsageError, assertConfigReadable, openEngine } from './open';
import { ResultCache } from '../node/resultCache';
import { setChunkCacheEnabled } from '../engine/markdown/chunked';
import { CONFIG_FILE_NAMES } from '../engine/config';
import type { Finding } from '../engine/types';
import { describeChanges, filterChanged, gitChanges, takeChanged, type Changes } from './changed';

const USAGE = `Usage:
  roadmap-governance check [DIR] [--format text|json|sarif|github|junit] [--config FILE] [--fix] [--cache] [--changed[=BASE]]
  roadmap-governance coverage [DIR] [--format markdown|json] [--output FILE] [--config FILE]
  roadmap-governance new design|implementation|decision [--title "..."] [--item "..."] [--phase N] [--config FILE] [DIR]
  roadmap-governance init [DIR]
  roadmap-governance config [DIR] [--format text|json] [--all] [--config FILE]
  roadmap-governance --version

Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or config error.
Docs: docs/cli.md and docs/configuration.md in the package.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  switch (command) {
    case 'check':
      return check(rest);
    default: {
      const extra = await import('./commands');
      const handler = extra.COMMANDS[command];
      if (!handler) throw new UsageError(`Unknown command "${command}".`, true);
      return handler(rest);
    }
  }
}

async function check(argv: string[]): Promise<number> {
  const { rest: args, changed } = takeChanged(argv);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      fix: { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}"; use one of ${FORMATS.join(', ')}.`, true);
  if (positionals.length > 1) throw new UsageError('check takes one folder.', true);
  const dir = positionals[0] ?? '.';
  // One check, one parse of each chunk: the cache for typing would only hold memory.
  setChunkCacheEnabled(false);
  const engine = await openEngine(dir, values.config);
  assertConfigReadable(engine, values.config);
  // --changed: git says what changed before the check runs, so a bad base fails fast.
  let changes: Changes | undefined;
  if (changed !== undefined) {
    changes = gitChanges(engine.workspace.name, changed || undefined);
    process.stderr.write(`roadmap-governance: ${describeChanges(changes)}\n`);
  }
  const configPaths = [...CONFIG_FILE_NAMES, ...(engine.configSource ? [engine.configSource] : [])];
  const keep = (all: Finding[]) => (changes ? filterChanged(all, changes, configPaths) : all);
  // --cache: reuse the last findings when nothing they depend on changed (not with --fix, which needs the fixes).
  const cache = values.cache && !values.fix ? ResultCache.inFolder(engine.workspace.name) : undefined;
  const key = cache ? engine.inputsKey(TOOL_VERSION) : '';
  const all = (cache && (await cache.load(key))) || engine.check();
  if (cache) await cache.save(key, all).catch((e: Error) => process.stderr.write(`roadmap-governance: the cache was not written: ${e.message}\n`));
  let findings = keep(all);
  if (values.fix) {
    const { applyFixes } = await import('./commands');
    const fixed = await applyFixes(engine, findings, keep);
    // applyFixes rescans after it writes: check what is on disk now.
    if (fixed > 0) findings = keep(engine.check());
    process.stderr.write(`roadmap-governance: applied ${fixed} fix${fixed === 1 ? '' : 'es'}.\n`);
  }
  process.stdout.write(formatFindings(findings, format, { root: engine.workspace.name, cwd: process.cwd() }));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

// A reader that stops early (`| head`) is not an error of ours: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if ((error instanceof UsageError && error.showUsage) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`roadmap-governance: ${(error as Error).message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`roadmap-governance: ${(error as Error).message ?? String(error)}\n`);
    }
    process.exitCode = 2;
  },
);
