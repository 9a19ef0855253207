/**
 * Phase plans: the layout the GSD ("get shit done") planning workflow writes
 * beside its roadmap (`.planning/ROADMAP.md`): a folder per phase,
 * `phases/NN-slug/`, holding that phase's plans `NN-MM-PLAN.md` and, once a
 * plan is executed, its `NN-MM-SUMMARY.md`. The roadmap lists each phase's
 * plans as task items (`- [x] 14-01-PLAN.md — …` or `- [ ] 02-03: …`).
 */
import type { WorkspaceModel } from './model';
import { dirname, joinPath } from './paths';

export interface PhasePlanFiles {
  /** The phases folder (`.planning/phases`). */
  folder: string;
  /** By plan key (`14-1`, `2.1-3`): the PLAN and SUMMARY files. */
  plans: Map<string, { plan?: string; summary?: string; phaseFolder: string }>;
  /** Phase folders by phase key (`14`, `2.1`). */
  phases: Map<string, string>;
}

const PHASE_FOLDER = /^(\d+(?:\.\d+)*[a-z]?)-[^/]+$/i;
const PLAN_FILE = /^(\d+(?:\.\d+)*[a-z]?)-(\d+)-(PLAN|SUMMARY)\.md$/i;

/** `02.1` → `2.1`, `014` → `14`: a phase number as the roadmap and the folders may pad it. */
export function phaseKey(text: string): string {
  return text
    .toLowerCase()
    .split('.')
    .map((part) => part.replace(/^0+(?=\d)/, ''))
    .join('.');
}

export const planKey = (phase: string, plan: string) => `${phaseKey(phase)}-${Number(plan)}`;

/** The phases folder beside the roadmap and its plans; undefined when there is none with a plan in it. */
export function phasePlanFiles(model: WorkspaceModel): PhasePlanFiles | undefined {
  const roadmap = model.roadmapPath();
  if (!roadmap) return undefined;
  const folder = joinPath(dirname(roadmap), 'phases');
  if (!folder) return undefined;
  const key = `phase-plans\u0000${folder}`;
  if (model.cache.memo.has(key)) return model.cache.memo.get(key) as PhasePlanFiles | undefined;
  const prefix = folder + '/';
  const plans: PhasePlanFiles['plans'] = new Map();
  const phases = new Map<string, string>();
  for (const file of model.files) {
    if (!file.startsWith(prefix)) continue;
    const parts = file.slice(prefix.length).split('/');
    if (parts.length !== 2) continue;
    const phase = PHASE_FOLDER.exec(parts[0]);
    const name = PLAN_FILE.exec(parts[1]);
    if (!phase || !name) continue;
    const phaseFolder = prefix + parts[0];
    phases.set(phaseKey(phase[1]), phaseFolder);
    const k = planKey(name[1], name[2]);
    const entry = plans.get(k) ?? { phaseFolder };
    if (name[3].toUpperCase() === 'PLAN') entry.plan = file;
    else entry.summary = file;
    plans.set(k, entry);
  }
  const found = plans.size ? { folder, plans, phases } : undefined;
  model.cache.memo.set(key, found);
  return found;
}
