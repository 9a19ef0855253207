import type { StandardsConfig } from '../config';
import type { Plan, WorkspaceModel } from '../model';
import type { Rule } from '../rule';
import { cleanValue, docField, startsWithWords } from '../lifecycle';
import { requiresStandards } from './standards-section-missing';
import { convention } from '../presets';
import { standardsRequiredSince } from '../presets/standards-gate';

/**
 * RG006: the standards section does not say which standard is used, where it
 * is enforced and which tests prove conformance (the seed plan's "Standards
 * gate rule"), or it names only placeholders such as TBD.
 */
export const standardsSectionIncomplete: Rule = {
  code: 'RG006',
  name: 'standards-section-incomplete',
  description: 'Standards section that does not name the standard, where it is enforced and the tests that prove it',
  defaultSeverity: 'warning',
  tags: ['plans', 'standards'],
  reportsIn: ['plans'],
  reads: ['plans'],
  check(context) {
    const { model, config } = context;
    if (!convention(model, 'standardsGate').on) return;
    const since = standardsRequiredSince(model, config, context.today);
    for (const plan of model.plans.values()) {
      const section = plan.standards;
      if (!section || !requiresStandards(plan, config, since)) continue;
      const review = reviewStandardsText(section.text, config.standards);
      if (review.missing.length === 0) continue;
      const name = section.heading.text.trim();
      let message: string;
      if (review.onlyPlaceholders) {
        message = review.placeholders.length
          ? `Standards section "${name}" names only placeholders (${review.placeholders.join(', ')}): say which standard is used, where it is enforced and which tests prove conformance.`
          : `Standards section "${name}" is empty: say which standard is used, where it is enforced and which tests prove conformance.`;
      } else {
        message = `Standards section "${name}" does not say ${joinAnd(review.missing.map((m) => WHAT[m]))}.`;
        if (review.placeholders.length) message += ` It still has placeholders (${review.placeholders.join(', ')}).`;
      }
      const draft = draftStatus(model, plan, config.standards.draftStatuses);
      if (draft) message += ` The plan is still ${draft}.`;
      context.report({
        path: plan.path,
        range: section.heading.range,
        message,
        data: { missing: review.missing, placeholders: review.placeholders, ...(draft ? { draft } : {}) },
        lower: draft ? config.standards.draftSeverity : undefined,
      });
    }
  },
};

/** The plan's Status when it is one of `statuses` (a draft), else undefined. */
function draftStatus(model: WorkspaceModel, plan: Plan, statuses: readonly string[]): string | undefined {
  const status = docField(model, plan.doc, 'status');
  if (!status) return undefined;
  const value = cleanValue(status.value);
  return statuses.find((s) => startsWithWords(value, s));
}

export type StandardsAspect = 'standard' | 'enforcement' | 'tests';

const WHAT: Record<StandardsAspect, string> = {
  standard: 'which standard is used',
  enforcement: 'where it is enforced',
  tests: 'which tests prove conformance',
};

export interface StandardsReview {
  missing: StandardsAspect[];
  /** Placeholder texts found (as written in the config), in config order. */
  placeholders: string[];
  /** True when nothing but placeholders (or nothing at all) is written. */
  onlyPlaceholders: boolean;
}

/**
 * Reads a standards section's body. Lines whose value is a placeholder
 * (`- **Where enforced:** TBD`) say nothing; bold labels are questions, not
 * answers, so only the text after them counts.
 */
export function reviewStandardsText(text: string, config: StandardsConfig): StandardsReview {
  const placeholders = new Set<string>();
  const answers: string[] = [];
  // A labelled answer (`**Standards used:** WAI-ARIA tree pattern`) covers the aspect its label asks about.
  const answered = new Set<StandardsAspect>();
  let fence = false;
  for (const raw of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fence = !fence;
      continue;
    }
    let line = raw.replace(/<!--.*?-->/g, '').trim();
    const label = fence ? undefined : /^(?:(?:[-*+]|\d+[.)])\s+)?(?:\*\*|__)([^*_]+?)(?:\*\*|__)/.exec(line)?.[1].toLowerCase();
    if (!fence) {
      line = line
        .replace(/^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '') // list marker, task box
        .replace(/^\|/, '')
        .replace(/^\*\*[^*]+?\*\*\s*:?\s*/, '') // **Label:**
        .replace(/^__[^_]+?__\s*:?\s*/, '')
        .trim();
    }
    if (line === '' || /^\|?[\s|:-]+$/.test(line)) continue;
    const found = placeholdersIn(line, config.placeholders);
    found.forEach((p) => placeholders.add(p));
    if (found.length && isOnlyPlaceholder(line, config.placeholders)) continue;
    answers.push(line);
    if (label) {
      if (/standard/.test(label)) answered.add('standard');
      if (/enforc|gate/.test(label)) answered.add('enforcement');
      if (/test|conformance|verif|proof/.test(label)) answered.add('tests');
    }
  }
  const body = answers.join('\n');
  const missing: StandardsAspect[] = [];
  if (!answered.has('standard') && !hasAnyWord(body, config.standardWords) && !namesAStandard(body)) missing.push('standard');
  if (!answered.has('enforcement') && !hasAnyWord(body, config.enforcementWords)) missing.push('enforcement');
  if (!answered.has('tests') && !hasAnyWord(body, config.testWords)) missing.push('tests');
  const placeholderList = config.placeholders.filter((p) => placeholders.has(p));
  return { missing: answers.length === 0 ? ['standard', 'enforcement', 'tests'] : missing, placeholders: placeholderList, onlyPlaceholders: answers.length === 0 };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Endings a configured word may take and still be that word (`enforce` → `enforced`, `test` → `tests`). */
const ENDINGS = '(?:s|es|d|ed|ing|ings|e|er|ers|or|ors|ion|ions|ment|ments|ance|ence|y|ies|ied|ication|ications|ification|ifications|ability|able|ible|ized|ize|ly|list|lists|suite|suites|n)?';

/** Whether `text` has one of `words` at a word start. Words of three letters or fewer must be whole (`ci` is not `circuit`). */
export function hasAnyWord(text: string, words: readonly string[]): boolean {
  return words.some((w) => wordPattern(w)?.test(text) ?? false);
}

const wordPatterns = new Map<string, RegExp | undefined>();

function wordPattern(w: string): RegExp | undefined {
  if (wordPatterns.has(w)) return wordPatterns.get(w);
  const word = w.trim();
  let pattern: RegExp | undefined;
  if (word) {
    const startsWord = /^\w/.test(word) ? '(?<![\\w])' : '';
    const tail = /\w$/.test(word) ? (word.length <= 3 ? '(?:s|\\d+)?(?![\\w])' : `${ENDINGS}(?![a-z])`) : '';
    pattern = new RegExp(startsWord + escape(word.toLowerCase()) + tail, 'i');
  }
  if (wordPatterns.size > 1000) wordPatterns.clear();
  wordPatterns.set(w, pattern);
  return pattern;
}

/**
 * Named standards the word lists do not cover: a name with a version
 * (`CloudEvents 1.0`, `TLS 1.3`, `RFC 6455`), `X-compatible` / `X-compliant`,
 * or "follows / aligned with / conforms to" a capitalised name.
 */
function namesAStandard(text: string): boolean {
  return (
    /\b[A-Z][A-Za-z0-9/-]*\s+v?\d+(?:\.\d+)+\b/.test(text) ||
    /\b[A-Za-z0-9]+-(?:compatible|compliant|conformant)\b/.test(text) ||
    /\b(?:follows?|following|aligned (?:with|to)|aligns? with|conforms? to|complies with|compliant with)\s+(?:the\s+)?[A-Z]/.test(text)
  );
}

/** Placeholders (as configured) that occur in `line`, as whole tokens. */
function placeholdersIn(line: string, placeholders: readonly string[]): string[] {
  return placeholders.filter((p) => p.trim() && placeholderPattern(p).test(line));
}

function placeholderPattern(p: string): RegExp {
  const body = escape(p.trim());
  const before = /^\w/.test(p.trim()) ? '(?<![\\w])' : '';
  const after = /\w$/.test(p.trim()) ? '(?![\\w])' : '';
  return new RegExp(before + body + after, /[a-z]/.test(p) ? 'i' : '');
}

/** A line that is a placeholder and nothing else of substance: `TBD`, `TODO: pick one`, `TBD (see the profile)`. */
function isOnlyPlaceholder(line: string, placeholders: readonly string[]): boolean {
  const t = line.replace(/^[`*_]+|[`*_]+$/g, '').trim();
  return placeholders.some((p) => {
    const q = p.trim();
    if (!q || !t.toLowerCase().startsWith(q.toLowerCase())) return false;
    const rest = t.slice(q.length);
    return rest === '' || /^[\s:.,;(—–-]/.test(rest);
  });
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}
