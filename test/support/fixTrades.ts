/**
 * Applies each fix the engine offers, one at a time, re-checks incrementally,
 * and reports what it traded: findings that appeared with a severity at least
 * that of the finding it fixed. Used by test/fuzz/fix-trades.test.ts and by hand:
 *   npx tsx test/support/fixTrades.ts DIR [config.json]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Engine } from '../../server/engine/engine';
import { applyEdits } from '../../server/engine/fixes';
import type { Finding, Fix, Severity } from '../../server/engine/types';
import { InMemoryWorkspace } from '../../server/engine/workspace';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export interface Trade {
  fixed: Finding;
  fix: Fix;
  /** Findings after the fix, not there before, of the fixed finding's severity or higher. */
  added: Finding[];
  /** Whether the fixed finding itself is gone. */
  gone: boolean;
  /** The texts the fix (and its follow-up) wrote, by path. */
  texts: Map<string, string>;
}

/**
 * A finding's identity across a fix: its message without the "Did you mean" a
 * new file may change, or the "still Draft" a changed status drops (the same
 * finding, at the severity of an approved plan: it was there before).
 */
const key = (f: Finding) => `${f.code}\u0000${f.path}\u0000${f.message.replace(/ Did you mean [^?]*\?$/, '').replace(/ The plan is still [^.]*\.$/, '')}`;
const same = (a: Finding, b: Finding) => key(a) === key(b) && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;

/** The multiset difference after − before, by code, path and message. */
export function appeared(before: Finding[], after: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of before) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of after) {
    const n = counts.get(key(f)) ?? 0;
    if (n > 0) counts.set(key(f), n - 1);
    else out.push(f);
  }
  return out;
}

/**
 * Every fix of every finding (or only preferred ones), applied to `ws` one at
 * a time through overlays and reverted. `engine` must have scanned `ws`.
 */
export async function fixTrades(
  ws: InMemoryWorkspace,
  engine: Engine,
  options: { preferredOnly?: boolean; limit?: number; followUp?: (fix: Fix, added: Finding[]) => Fix[] } = {},
): Promise<{ trades: Trade[]; tried: number }> {
  const before = engine.check();
  const trades: Trade[] = [];
  let tried = 0;
  for (const fixed of before) {
    for (const fix of fixed.fixes ?? []) {
      if (options.preferredOnly && !fix.preferred) continue;
      if (options.limit !== undefined && tried >= options.limit) return { trades, tried };
      tried++;
      const texts = new Map<string, string>();
      const created: string[] = [];
      const apply = async (f: Fix) => {
        const mine: string[] = [];
        for (const step of f.steps) {
          if (step.kind === 'create') {
            ws.files.set(step.path, step.content);
            texts.set(step.path, step.content);
            created.push(step.path);
            mine.push(step.path);
          } else {
            const old = texts.get(step.path) ?? engine.textOf(step.path) ?? ws.files.get(step.path) ?? '';
            texts.set(step.path, applyEdits(old, step.edits));
          }
        }
        for (const path of mine) await engine.fileChanged(path);
        for (const [path, text] of texts) engine.setOverlay(path, text);
      };
      await apply(fix);
      const rank = RANK[fixed.severity];
      let after = engine.check();
      let added = appeared(before, after).filter((f) => RANK[f.severity] >= rank);
      // A fix whose result another fix completes (a link stub, then the doc it names): judged after both.
      const next = added.length && options.followUp ? options.followUp(fix, added) : [];
      if (next.length) {
        for (const f of next) await apply(f);
        after = engine.check();
        added = appeared(before, after).filter((f) => RANK[f.severity] >= rank);
      }
      const gone = !after.some((f) => same(f, fixed));
      trades.push({ fixed, fix, added, gone, texts: new Map(texts) });
      for (const path of texts.keys()) if (!created.includes(path)) engine.clearOverlay(path);
      for (const path of created) {
        engine.clearOverlay(path);
        ws.files.delete(path);
        await engine.fileDeleted(path);
      }
    }
  }
  return { trades, tried };
}

/** Every file under `dir` (not .git, node_modules), by workspace path; files over 2 MB as empty. */
export function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.git' || name === 'node_modules') continue;
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) files[relative(dir, full).split('\\').join('/')] = st.size > 2_000_000 ? '' : readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

async function main(): Promise<void> {
  const [dir, configFile] = process.argv.slice(2);
  const files = filesOf(dir);
  if (configFile) files['.roadmap-governance.json'] = readFileSync(configFile, 'utf8');
  const ws = new InMemoryWorkspace(files);
  const engine = new Engine(ws, { now: () => new Date('2026-12-02T00:00:00Z') });
  await engine.scan();
  const { trades, tried } = await fixTrades(ws, engine);
  const bad = trades.filter((t) => t.added.length || !t.gone);
  const byRule = new Map<string, { n: number; bad: number; notGone: number; added: Map<string, number> }>();
  for (const t of trades) {
    const r = byRule.get(t.fixed.code) ?? { n: 0, bad: 0, notGone: 0, added: new Map() };
    r.n++;
    if (t.added.length) r.bad++;
    if (!t.gone) r.notGone++;
    for (const a of t.added) r.added.set(a.code, (r.added.get(a.code) ?? 0) + 1);
    byRule.set(t.fixed.code, r);
  }
  console.log(`${tried} fixes tried, ${bad.length} trade or do not remove their finding`);
  for (const [code, r] of [...byRule].sort()) console.log(`${code}: ${r.n} fixes, ${r.bad} add findings (${[...r.added].map(([c, n]) => `${c}×${n}`).join(', ')}), ${r.notGone} leave the finding`);
  if (process.env.VERBOSE) for (const t of bad.slice(0, Number(process.env.VERBOSE))) console.log(`\n${t.fixed.code} ${t.fixed.path}:${t.fixed.range.start.line + 1} ${t.fixed.message}\n  fix: ${t.fix.title}${t.gone ? '' : ' (finding stays)'}\n${t.added.map((a) => `  + ${a.code} ${a.path}:${a.range.start.line + 1} ${a.message}`).join('\n')}`);
}

if (process.argv[1]?.endsWith('fixTrades.ts')) void main();
