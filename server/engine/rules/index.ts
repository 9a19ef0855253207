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
import { lifecycleInvalidState } from './lifecycle-invalid-state';
import { lifecycleMarkerMismatch } from './lifecycle-marker-mismatch';
import { supersededWithoutSuccessor } from './superseded-without-successor';
import { supersessionNotMutual } from './supersession-not-mutual';
import { linkToSupersededPlan } from './link-to-superseded-plan';
import { planMetadataMissing } from './plan-metadata-missing';
import { planMetadataInvalid } from './plan-metadata-invalid';
import { planDateMismatch } from './plan-date-mismatch';
import { roadmapMetadataMissing } from './roadmap-metadata-missing';
import { changelogAlignment } from './changelog-alignment';
import { releaseTemplateHeadings } from './release-template-headings';
import { requiredFileMissing } from './required-file-missing';
import { checkedItemDraftPlan } from './checked-item-draft-plan';
import { statusTableDrift } from './status-table-drift';
import { phasePlanDrift } from './phase-plan-drift';
import { specKitDrift } from './spec-kit-drift';
import { kiroSpecDrift } from './kiro-spec-drift';
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
  lifecycleInvalidState,
  lifecycleMarkerMismatch,
  supersededWithoutSuccessor,
  supersessionNotMutual,
  linkToSupersededPlan,
  planMetadataMissing,
  planMetadataInvalid,
  planDateMismatch,
  roadmapMetadataMissing,
  changelogAlignment,
  releaseTemplateHeadings,
  requiredFileMissing,
  checkedItemDraftPlan,
  statusTableDrift,
  phasePlanDrift,
  specKitDrift,
  kiroSpecDrift,
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
