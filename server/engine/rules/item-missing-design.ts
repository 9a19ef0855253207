import type { Rule } from '../rule';
import { missingLinkFindings } from './itemLinks';

/** RG001: an open roadmap item in scope has no design (or decision) link. */
export const itemMissingDesign: Rule = {
  code: 'RG001',
  name: 'item-missing-design',
  description: 'Roadmap item without a design doc link',
  defaultSeverity: 'warning',
  tags: ['roadmap', 'links'],
  check(context) {
    missingLinkFindings(context, 'design');
  },
};
