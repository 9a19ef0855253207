/**
 * Findings the engine itself raises (config, suppressions, unreadable files).
 * They are rules too, so they have codes, severities and docs pages.
 */
import type { Rule } from '../rule';

export const configInvalid: Rule = {
  code: 'RG900',
  name: 'config-invalid',
  description: 'The config file is not valid; the defaults are used where it is wrong',
  defaultSeverity: 'error',
  tags: ['config'],
  check() {
    // Raised by the engine while loading the config.
  },
};

export const internalError: Rule = {
  code: 'RG901',
  name: 'internal-error',
  description: 'A rule failed; the other rules still ran',
  defaultSeverity: 'error',
  tags: ['engine'],
  check() {
    // Raised by the engine when a rule throws.
  },
};

export const suppressionInvalid: Rule = {
  code: 'RG902',
  name: 'suppression-invalid',
  description: 'An inline suppression gives no reason or names an unknown rule',
  defaultSeverity: 'warning',
  tags: ['suppressions'],
  check() {
    // Raised by the engine when it applies suppressions.
  },
};

export const fileSkipped: Rule = {
  code: 'RG903',
  name: 'file-skipped',
  description: 'A document could not be read, or is binary or too large, and was not checked',
  defaultSeverity: 'warning',
  tags: ['engine'],
  check({ model, report }) {
    for (const [path, reason] of model.skipped) {
      report({ path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Not checked: ${reason}.` });
    }
  },
};
