/** The registry: every rule, in code order. Adding a rule means adding it here. */
import type { Rule } from '../rule';
import { brokenFragment } from './broken-fragment';
import { brokenLink } from './broken-link';
import { itemMissingDesign } from './item-missing-design';
import { itemMissingImplementation } from './item-missing-implementation';
import { standardsSectionMissing } from './standards-section-missing';
import { standardsSectionIncomplete } from './standards-section-incomplete';
import { orphanPlan } from './orphan-plan';
import { designWithoutImplementation } from './design-without-implementation';
import { implementationWithoutDesign } from './implementation-without-design';
import { danglingPlanReference } from './dangling-plan-reference';
import { configInvalid, fileSkipped, internalError, suppressionInvalid } from './meta';

export const RULES: readonly Rule[] = [
  itemMissingDesign,
  itemMissingImplementation,
  brokenLink,
  brokenFragment,
  standardsSectionMissing,
  standardsSectionIncomplete,
  orphanPlan,
  designWithoutImplementation,
  implementationWithoutDesign,
  danglingPlanReference,
  configInvalid,
  internalError,
  suppressionInvalid,
  fileSkipped,
];

const byKey = new Map<string, Rule>();
for (const rule of RULES) {
  byKey.set(rule.code, rule);
  byKey.set(rule.name, rule);
}

/** The rule with this code or name. */
export function ruleFor(codeOrName: string): Rule | undefined {
  return byKey.get(codeOrName);
}
