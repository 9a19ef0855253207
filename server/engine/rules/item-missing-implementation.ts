import type { Rule } from '../rule';
import { missingLinkFindings } from './itemLinks';

/** RG002: an open roadmap item in scope has no implementation-plan link. */
export const itemMissingImplementation: Rule = {
  code: 'RG002',
  name: 'item-missing-implementation',
  description: 'Roadmap item without an implementation plan link',
  defaultSeverity: 'warning',
  tags: ['roadmap', 'links'],
  check(context) {
    missingLinkFindings(context, 'implementation');
  },
};
