/**
 * The standards profile (`standards.profile`, a table Domain | Required
 * standards, as in the seed plan's section 2): which standards a feature of a
 * domain must follow. New docs and added standards sections name them where
 * the roadmap item's domain matches a row, instead of a bare TBD.
 */
import { detached } from './detach';
import type { RoadmapItem, WorkspaceModel } from './model';

export interface ProfileRow {
  domain: string;
  standards: string;
}

/** The profile's rows: every table with a Domain column and a standards column. */
export function profileRows(model: WorkspaceModel): ProfileRow[] {
  const doc = model.docs.get(model.config.standards.profile);
  if (!doc) return [];
  const key = 'profile-rows';
  const known = model.cache.memo.get(key) as { doc: unknown; rows: ProfileRow[] } | undefined;
  if (known?.doc === doc) return known.rows;
  const rows: ProfileRow[] = [];
  for (const table of doc.summary.tables) {
    const header = table.header.map((h) => h.toLowerCase());
    const domainCol = header.findIndex((h) => h.includes('domain') || h === 'area');
    const standardsCol = header.findIndex((h, i) => i !== domainCol && h.includes('standard'));
    if (domainCol < 0 || standardsCol < 0) continue;
    for (const row of table.rows) {
      const domain = row.cells[domainCol]?.text.trim();
      const standards = row.cells[standardsCol]?.text.trim();
      if (domain && standards) rows.push({ domain, standards });
    }
  }
  model.cache.memo.set(key, { doc, rows });
  return rows;
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const STOP = new Set(['and', 'the', 'for', 'with', 'of', 'to']);

/**
 * The profile row of an item's domain: its `[Category]` when that names a
 * row's domain ("Voice" → "Voice/media"), else a word of five letters or
 * more of its title ("Webhooks & Bot Gateway" → "Webhooks/events"). Only the
 * domain's first word counts, so "Data Governance" does not match "Data
 * export" through a short shared word. Undefined when no row matches or
 * several do. The row's strings do not keep the profile's text (fixes hold them).
 */
export function profileRowFor(model: WorkspaceModel, item: Pick<RoadmapItem, 'title' | 'category'> | undefined, title?: string): ProfileRow | undefined {
  const rows = profileRows(model);
  if (!rows.length) return undefined;
  const heads = rows.map((row) => words(row.domain).find((w) => !STOP.has(w)) ?? '');
  const match = (candidates: string[]) => {
    const found = rows.filter((_, i) => heads[i] && candidates.some((w) => sameWord(w, heads[i])));
    return found.length === 1 ? { domain: detached(found[0].domain), standards: detached(found[0].standards) } : undefined;
  };
  const category = item?.category ?? /^\s*\[([^\]]+)\]/.exec(item?.title ?? title ?? '')?.[1];
  const byCategory = category ? match(words(category)) : undefined;
  if (byCategory) return byCategory;
  const text = (item?.title ?? title ?? '').replace(/^\s*\[[^\]]*\]\s*/, '');
  return match(words(text).filter((w) => w.length >= 5));
}

/** The same word, or one the other with a plural or common ending (`webhook` / `webhooks`, `realtime`). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short) && long.length - short.length <= 2;
}

/**
 * `text` (a new doc or a standards section) with its "Standards used" answer
 * filled from `row` when it is still a placeholder; unchanged otherwise.
 */
export function fillFromProfile(text: string, row: ProfileRow | undefined, profilePath: string): string {
  if (!row) return text;
  return text.replace(/^(\s*[-*+]\s+\*\*Standards used:\*\*)[ \t]*TBD[^\n]*$/m, (_, label: string) => `${label} ${row.standards} (the standards profile's "${row.domain}" row, ${profilePath})`);
}
