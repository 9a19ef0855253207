/**
 * Templates for new documents and the safe file names they get.
 * Built-in defaults, overridden by `<templates>/<kind>.md` in the workspace.
 */
import type { Config } from './config';

export type DocKind = 'design' | 'implementation' | 'decision';

export const BUILTIN_TEMPLATES: Record<DocKind | 'standards', string> = {
  design: `# {{title}} - Design

**Date:** {{date}}
**Status:** Draft
**Roadmap Item:** {{item}}

## Problem

## Goals

## Non-Goals

## Design

## Open Standards Profile

- **Standards used:** TBD
- **Where enforced:** TBD
- **Conformance tests:** TBD

## Risks
`,
  implementation: `# {{title}} - Implementation Plan

**Date:** {{date}}
**Status:** Draft
**Roadmap Item:** {{item}}
**Design Reference:** {{design}}

## Goal

## Tasks

### Task 1

## Open Standards Enforcement

- **Standards used:** TBD
- **Where enforced:** TBD
- **Conformance tests:** TBD

## Verification
`,
  decision: `# {{title}} - Decision Record

**Date:** {{date}}
**Status:** Proposed
**Roadmap Item:** {{item}}

## Context

## Options

## Decision

## Open Standards Profile

- **Standards used:** TBD
- **Where enforced:** TBD
- **Conformance tests:** TBD

## Consequences
`,
  standards: `## Open Standards Profile

- **Standards used:** TBD (see the standards profile)
- **Where enforced:** TBD
- **Conformance tests:** TBD
`,
};

/** `text` without its standards-compliance section (the heading and its body, up to the next heading of its level or higher). */
export function withoutStandardsSection(text: string, headings: readonly string[]): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && headings.some((h) => l.toLowerCase().includes(h.toLowerCase())));
  if (start < 0) return text;
  const depth = /^#+/.exec(lines[start])![0].length;
  let end = start + 1;
  while (end < lines.length && !(/^#{1,6}\s/.test(lines[end]) && /^#+/.exec(lines[end])![0].length <= depth)) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

export function templatePath(config: Config, kind: DocKind | 'standards'): string {
  return `${config.templates.replace(/\/+$/, '')}/${kind}.md`;
}

/**
 * Replaces `{{name}}` by its value; unknown names are left as written. Only
 * the values' own string properties count: `{{constructor}}` or `{{toString}}`
 * in a user's template is text, not the object's inherited methods.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    return typeof value === 'string' ? sanitizeValue(value) : whole;
  });
}

function sanitizeValue(value: string): string {
  // Control characters would end up in the document; drop them.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file-name slug from a free title: lower case, ASCII letters, digits and
 * dashes, at most 60 characters. Never empty, never a path, never reserved.
 */
export function slugify(title: string): string {
  const slug = title
    .replace(/^\s*\[[^\]]*\]\s*/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (!slug || RESERVED.test(slug)) return slug ? `${slug}-doc` : 'untitled';
  return slug;
}

export function newDocFileName(kind: DocKind, title: string, date: string): string {
  return `${date}-${slugify(title)}-${kind}.md`;
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
