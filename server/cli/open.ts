/** What every CLI command starts with: a checked folder, an engine on it, and usage errors. */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../engine/engine';
import { FsWorkspace } from '../node/fsWorkspace';

/** A mistake in the command line or its inputs: exit 2 with the message, no stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Print the usage text after the message (for mistakes in the command line itself). */
    readonly showUsage = false,
  ) {
    super(message);
  }
}

/** The absolute folder, or a usage error when it is not a folder. */
export function resolveFolder(dir: string): string {
  const root = path.resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new UsageError(`${dir} is not a folder.`);
  return root;
}

/** Loads the folder, with an optional config path given relative to the current directory. */
export async function openEngine(dir: string, config?: string, options: { now?: () => Date } = {}): Promise<Engine> {
  const root = resolveFolder(dir);
  const workspace = new FsWorkspace(root);
  const configPath = config ? path.relative(root, path.resolve(config)).split(path.sep).join('/') : undefined;
  const engine = new Engine(workspace, { configPath, now: options.now });
  await engine.scan();
  return engine;
}

/** Fails with exit 2 when an explicit `--config` could not be read (a broken one is a finding instead). */
export function assertConfigReadable(engine: Engine, config: string | undefined): void {
  if (!config) return;
  const problem = engine.configProblems.find((p) => /cannot be read/.test(p.message));
  if (problem) throw new UsageError(`${config}: ${problem.message}`);
}

/** A workspace path shown relative to the current directory, with forward slashes. */
export function displayPath(root: string, workspacePath: string): string {
  const rel = path.relative(process.cwd(), path.join(root, workspacePath));
  return (rel.startsWith('..') || path.isAbsolute(rel) ? path.join(root, workspacePath) : rel).split(path.sep).join('/');
}
