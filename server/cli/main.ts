/**
 * `roadmap-governance`: the engine for CI and scripts.
 * Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or config error.
 */
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { Engine } from '../engine/engine';
import { FsWorkspace } from '../node/fsWorkspace';
import { formatFindings, FORMATS, type Format } from './formats';

const USAGE = `Usage:
  roadmap-governance check [DIR] [--format text|json|sarif|github|junit] [--config FILE] [--fix]
  roadmap-governance coverage [DIR] [--format markdown|json] [--output FILE]
  roadmap-governance new design|implementation|decision --title "..." [--item "..."] [--phase N] [DIR]
  roadmap-governance init [DIR]
`;

export class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'check':
      return check(rest);
    default: {
      const extra = await import('./commands');
      const handler = extra.COMMANDS[command];
      if (!handler) throw new UsageError(`Unknown command "${command}".`);
      return handler(rest);
    }
  }
}

/** Loads the folder, with an optional config path given relative to the current directory. */
export async function openEngine(dir: string, config?: string): Promise<Engine> {
  const root = path.resolve(dir);
  const workspace = new FsWorkspace(root);
  const configPath = config ? path.relative(root, path.resolve(config)).split(path.sep).join('/') : undefined;
  const engine = new Engine(workspace, { configPath });
  await engine.scan();
  return engine;
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, config: { type: 'string' }, fix: { type: 'boolean', default: false } },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}"; use one of ${FORMATS.join(', ')}.`);
  if (positionals.length > 1) throw new UsageError('check takes one folder.');
  const dir = positionals[0] ?? '.';
  const engine = await openEngine(dir, values.config);
  if (values.config && engine.configProblems.some((p) => /cannot be read/.test(p.message))) {
    process.stderr.write(`roadmap-governance: ${engine.configProblems[0].message}\n`);
    return 2;
  }
  let findings = engine.check();
  if (values.fix) {
    const { applyFixes } = await import('./commands');
    const fixed = await applyFixes(engine, findings);
    if (fixed > 0) {
      await engine.scan();
      findings = engine.check();
    }
    process.stderr.write(`roadmap-governance: applied ${fixed} fix${fixed === 1 ? '' : 'es'}.\n`);
  }
  process.stdout.write(formatFindings(findings, format, { root: path.resolve(dir) }));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`roadmap-governance: ${(error as Error).message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`roadmap-governance: ${(error as Error).message ?? String(error)}\n`);
    }
    process.exitCode = 2;
  },
);
