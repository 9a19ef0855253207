/**
 * The engine stays pure: nothing under server/engine imports the file system, git (child_process),
 * a protocol library or the editor. The adapters live in server/node and server/lsp.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { RULES } from '../../server/engine/rules';
import { ruleDocsPath } from '../../server/engine/rule';

const ROOT = path.resolve(__dirname, '../..');
const FORBIDDEN = [/^(node:)?fs(\/promises)?$/, /^(node:)?child_process$/, /^vscode$/, /^vscode-languageserver(\/.*)?$/, /^vscode-languageclient(\/.*)?$/, /^fast-glob$/, /\/node\//, /\/lsp\//];

describe('architecture', () => {
  it('keeps server/engine free of file-system, protocol and editor imports', () => {
    const offenders: string[] = [];
    for (const file of fg.sync('server/engine/**/*.ts', { cwd: ROOT })) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
        if (FORBIDDEN.some((re) => re.test(m[1]))) offenders.push(`${file} imports ${m[1]}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('lists every rule once, with a unique code and name, a description and a docs page', () => {
    const codes = RULES.map((r) => r.code);
    const names = RULES.map((r) => r.name);
    assert.equal(new Set(codes).size, codes.length, 'codes are unique');
    assert.equal(new Set(names).size, names.length, 'names are unique');
    for (const rule of RULES) {
      assert.match(rule.code, /^RG\d{3}$/);
      assert.match(rule.name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(rule.description.length > 10, `${rule.code} has a description`);
      const page = readFileSync(path.join(ROOT, ruleDocsPath(rule)), 'utf8');
      assert.match(page, new RegExp(`^# ${rule.code}`), `${ruleDocsPath(rule)} starts with its code`);
    }
  });

  it('has one rule module per rule file in server/engine/rules', () => {
    const modules = fg.sync('server/engine/rules/*.ts', { cwd: ROOT }).map((f) => path.basename(f, '.ts'));
    for (const rule of RULES.filter((r) => !r.code.startsWith('RG9'))) {
      assert.ok(modules.includes(rule.name), `server/engine/rules/${rule.name}.ts exists`);
    }
  });
});
