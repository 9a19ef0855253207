import type { Rule } from '../rule';
import { cleanValue, docAnchor, docField, isCalendarDate, isFrontMatterField, isTemplateDoc, startsWithWords } from '../lifecycle';

const PLACEHOLDER_DATE = /^(YYYY-MM-DD|\{\{\s*date\s*\}\}|<date>|TBD|TODO)$/i;

/**
 * RG017: a `**Date:**` that is not a calendar date written YYYY-MM-DD (a
 * trailing note such as "(Updated: 2026-01-19)" is fine), or a `**Status:**`
 * whose leading words are none of `planStatuses` (case-insensitive, emoji and
 * parenthesized notes ignored). Templates keep their placeholders.
 */
export const planMetadataInvalid: Rule = {
  code: 'RG017',
  name: 'plan-metadata-invalid',
  description: 'Plan Date not a valid YYYY-MM-DD date, or Status not a known status',
  defaultSeverity: 'warning',
  tags: ['metadata'],
  reads: ['plans'],
  check({ model, config, report }) {
    for (const plan of model.plans.values()) {
      if (isTemplateDoc(model, plan.path)) continue;
      const doc = plan.doc;
      const date = docField(model, doc, 'date');
      if (date) {
        const raw = date.value.replace(/[*_`]/g, '').trim();
        const head = raw.split(/[\s(,;]/)[0] ?? '';
        if (!isCalendarDate(head) && !isHoloceneDate(head)) {
          const placeholder = PLACEHOLDER_DATE.test(head) || PLACEHOLDER_DATE.test(raw);
          report({
            path: doc.path,
            range: isFrontMatterField(doc, date) ? docAnchor(doc) : date.valueRange,
            message: placeholder
              ? `Date "${raw}" is still a placeholder: write the plan's date as YYYY-MM-DD.`
              : `Date "${raw}" is not a valid calendar date written YYYY-MM-DD.`,
            data: { value: raw },
          });
        }
      }
      const status = docField(model, doc, 'status');
      if (status) {
        const value = cleanValue(status.value);
        if (value && !config.planStatuses.some((s) => startsWithWords(value, s))) {
          report({
            path: doc.path,
            range: isFrontMatterField(doc, status) ? docAnchor(doc) : status.valueRange,
            message: `Status "${firstClause(status.value.trim())}" does not start with a known status (${config.planStatuses.slice(0, 6).join(', ')}, … see "planStatuses").`,
            data: { value: status.value.trim() },
          });
        } else if (!value) {
          report({ path: doc.path, range: isFrontMatterField(doc, status) ? docAnchor(doc) : status.range, message: 'Status is empty.', data: { value: '' } });
        }
      }
    }
  },
};

/**
 * A Holocene-calendar date (`12026-06-07`: the year plus 10,000), which some
 * projects write on purpose and document: a date, not a typo.
 */
function isHoloceneDate(text: string): boolean {
  const m = /^1(\d{4})(-\d{2}-\d{2})$/.exec(text);
  return !!m && isCalendarDate(m[1] + m[2]);
}

/**
 * A long status value quoted up to the end of its first clause (a sentence's
 * end, a semicolon, a dash or a parenthesis), and at most 60 characters: the
 * message names the value, it does not repeat a paragraph.
 */
export function firstClause(value: string): string {
  const end = /[.;:!?](?=\s)|\s[—–-]\s|\s\(/.exec(value);
  let cut = end ? value.slice(0, end.index + (/[.;:!?]/.test(end[0][0]) ? 1 : 0)) : value;
  if (cut.length > 60) cut = cut.slice(0, 60).replace(/\s+\S*$/, '') + '…';
  else if (cut.length < value.length) cut += ' …';
  return cut;
}
