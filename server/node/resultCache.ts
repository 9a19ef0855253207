/**
 * `check --cache`: the findings of the last check, stored under a key of
 * everything they depend on (`Engine.inputsKey`). A repeated check of an
 * unchanged folder then costs reading the files, not analysing them. The
 * cache is one JSON file, written atomically; a broken one is ignored.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine/types';

/** The folder the cache lives in, inside the checked folder; the file listing skips it. */
export const CACHE_FOLDER = '.roadmap-governance-cache';

interface Stored {
  format: 1;
  key: string;
  findings: Finding[];
}

export class ResultCache {
  constructor(readonly file: string) {}

  static inFolder(root: string): ResultCache {
    return new ResultCache(path.join(root, CACHE_FOLDER, 'check.json'));
  }

  async load(key: string): Promise<Finding[] | undefined> {
    try {
      const stored = JSON.parse(await fs.readFile(this.file, 'utf8')) as Stored;
      return stored.format === 1 && stored.key === key && Array.isArray(stored.findings) ? stored.findings : undefined;
    } catch {
      return undefined;
    }
  }

  async save(key: string, findings: Finding[]): Promise<void> {
    // Fixes keep their titles (output formats say a finding is fixable) but not their steps:
    // --fix never reads the cache.
    const slim = findings.map((f) => (f.fixes ? { ...f, fixes: f.fixes.map((x) => ({ title: x.title, preferred: x.preferred, steps: [] })) } : f));
    const stored: Stored = { format: 1, key, findings: slim };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(stored));
    await fs.rename(temp, this.file);
  }
}
