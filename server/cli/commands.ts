/** The CLI commands other than `check`, and `--fix`. */
import type { Engine } from '../engine/engine';
import type { Finding } from '../engine/types';

export const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {};

/** Applies the preferred fix of each finding; returns how many were applied. */
export async function applyFixes(_engine: Engine, _findings: Finding[]): Promise<number> {
  return 0;
}
