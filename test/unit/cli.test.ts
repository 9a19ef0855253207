/**
 * The built CLI (dist/cli.js) as CI runs it: a child process on fixture
 * folders in a temp dir, and on the real corpus when ../shared/corpus exists.
 * Asserts what a user sees: stdout, stderr, exit codes and the files on disk.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { COVERAGE_MARKER } from '../../server/engine/coverage';
import { RULES } from '../../server/engine/rules';
import { escapeGithubData, escapeGithubProperty, escapeXml } from '../../server/cli/formats';
import { buildBundle } from './ci-helpers';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const CORPUS = path.resolve(REPO, '../shared/corpus');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (...l: string[]) => l.join('\n') + '\n';

/** A small workspace with one fixable broken link, one error without a fix, and open items. */
function fixture(root: string, extra: Record<string, string> = {}): void {
  const files: Record<string, string> = {
    'docs/project/roadmap.md': lines(
      '# Roadmap',
      '',
      '**Current Phase:** 2',
      '**Last Updated:** 2026-02-01',
      '',
      '## Phase 2: Next 🔄 **IN PROGRESS**',
      '',
      '- [ ] **[UX] Search** ([Design](../plans/2026-01-10-search-design.md), [Implementation](../plans/2026-01-10-search-implementation.md))',
      '- [ ] **[API] Webhooks** `Priority: High`',
      '  - **Design:** `docs/plans/2026-01-11-webhooks-desing.md`',
      '- [ ] **[UX] Search Again**',
    ),
    'docs/plans/2026-01-10-search-design.md': lines('# Search', '', '**Date:** 2026-01-10', '**Status:** Approved', '', 'See the [implementation](./2026-01-10-search-implementation.md).'),
    'docs/plans/2026-01-10-search-implementation.md': lines('# Search plan', '', '**Date:** 2026-01-10', '**Status:** Draft', '**Design Reference:** `docs/plans/2026-01-10-search-design.md`'),
    'docs/plans/2026-01-11-webhooks-design.md': lines('# Webhooks', '', '**Date:** 2026-01-11', '**Status:** Draft'),
    'docs/notes, v1: draft.md': lines('# Notes', '', 'A [gone](./missing-100%.md) link.'),
    ...extra,
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
}

/** A small well-formedness check: balanced tags, quoted attributes, known entities, nothing stray. */
function assertWellFormedXml(xml: string): void {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  while (rest.length) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text), `bad entity in text: ${text.slice(0, 80)}`);
    assert.ok(!text.includes('>'), `stray > in text: ${text.slice(0, 80)}`);
    if (stack.length === 0) assert.equal(text.trim(), '', 'text outside the root element');
    if (lt < 0) break;
    rest = rest.slice(lt);
    const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(rest);
    assert.ok(tag, `malformed tag at: ${rest.slice(0, 80)}`);
    const [whole, close, name, attrs, selfClose] = tag;
    assert.ok(!/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(attrs), `bad entity in attributes of <${name}>`);
    const attrNames = [...attrs.matchAll(/([A-Za-z_][\w.-]*)=/g)].map((m) => m[1]);
    assert.equal(new Set(attrNames).size, attrNames.length, `duplicate attribute in <${name}>`);
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
    rest = rest.slice(whole.length);
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.equal(roots, 1, 'exactly one root element');
}

describe('CLI (dist/cli.js)', function () {
  this.timeout(120_000);
  let tmp: string;
  let ws: string;

  before(async () => {
    // Build just the CLI, so this test does not depend on the other bundles building.
    await buildBundle('server/cli/main.ts', 'dist/cli.js');
    tmp = mkdtempSync(path.join(tmpdir(), 'rg-cli-'));
  });
  after(async () => {
    rmSync(tmp, { recursive: true, force: true });
    // esbuild keeps a service process for later builds: stop it so mocha can exit.
    await esbuild.stop();
  });
  beforeEach(function () {
    ws = path.join(tmp, this.currentTest!.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
    mkdirSync(ws, { recursive: true });
    fixture(ws);
  });

  describe('check', () => {
    it('prints file:line:col severity code/name message and a summary, and exits 1 on an error', async () => {
      const r = await run(['check', ws], tmp);
      assert.equal(r.code, 1, r.stderr);
      const out = r.stdout.split('\n');
      assert.ok(
        out.includes('docs/project/roadmap.md:10:18: error RG003/broken-link "Design" path "docs/plans/2026-01-11-webhooks-desing.md" points to docs/plans/2026-01-11-webhooks-desing.md, which does not exist. Did you mean docs/plans/2026-01-11-webhooks-design.md?'),
        r.stdout,
      );
      assert.ok(out.includes('docs/project/roadmap.md:11:7: warning RG001/item-missing-design Phase 2 item "[UX] Search Again" has no design doc link.'), r.stdout);
      assert.match(r.stdout, /^\d+ findings in \d+ files \(\d+ errors, \d+ warnings?(, \d+ info)?\)$/m);
    });

    it('--cache: a repeated check gives the same output, and any change to a document is seen', async () => {
      const first = await run(['check', ws, '--format', 'json', '--cache'], tmp);
      const second = await run(['check', ws, '--format', 'json', '--cache'], tmp);
      assert.equal(second.stdout, first.stdout);
      assert.equal(second.code, first.code);
      assert.ok(existsSync(path.join(ws, '.roadmap-governance-cache/check.json')), 'the cache file is written');
      const uncached = await run(['check', ws, '--format', 'json'], tmp);
      assert.equal(uncached.stdout, first.stdout, 'the cache folder itself is not part of the workspace');
      const roadmap = path.join(ws, 'docs/project/roadmap.md');
      writeFileSync(roadmap, readFileSync(roadmap, 'utf8').replace('webhooks-desing.md', 'webhooks-design.md'));
      const third = await run(['check', ws, '--format', 'json', '--cache'], tmp);
      assert.equal(third.stdout, (await run(['check', ws, '--format', 'json'], tmp)).stdout);
      assert.notEqual(third.stdout, first.stdout);
    });

    it('exits 0 when nothing is at error severity', async () => {
      // Every rule that reports errors by default reports warnings here.
      const rules = Object.fromEntries(RULES.filter((x) => x.defaultSeverity === 'error').map((x) => [x.code, 'warning']));
      writeFileSync(path.join(ws, '.roadmap-governance.json'), JSON.stringify({ rules }));
      const r = await run(['check', '.'], ws);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /\(0 errors, /);
    });

    it('json: an array of findings with 1-based positions', async () => {
      const r = await run(['check', ws, '--format', 'json'], tmp);
      assert.equal(r.code, 1);
      const findings = JSON.parse(r.stdout) as { path: string; line: number; column: number; code: string; name: string; severity: string; message: string }[];
      const broken = findings.find((f) => f.path === 'docs/project/roadmap.md' && f.code === 'RG003')!;
      assert.deepEqual([broken.line, broken.column, broken.name, broken.severity], [10, 18, 'broken-link', 'error']);
    });

    it('sarif: SARIF 2.1.0 with the registry as rules and results located relative to DIR', async () => {
      const r = await run(['check', ws, '--format', 'sarif'], tmp);
      assert.equal(r.code, 1);
      const log = JSON.parse(r.stdout);
      assert.equal(log.version, '2.1.0');
      const run0 = log.runs[0];
      assert.equal(run0.tool.driver.name, 'roadmap-governance');
      assert.match(run0.tool.driver.version, /^\d+\.\d+\.\d+/);
      const rules = run0.tool.driver.rules;
      assert.deepEqual(rules.map((x: { id: string }) => x.id), RULES.map((x) => x.code));
      for (const rule of rules) {
        assert.ok(rule.name && rule.shortDescription.text && rule.help.text, JSON.stringify(rule));
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
      assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file://'), true);
      assert.ok(run0.results.length > 0);
      for (const res of run0.results) {
        assert.equal(rules[res.ruleIndex].id, res.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(res.level));
        assert.ok(res.message.text);
        const loc = res.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.ok(!loc.artifactLocation.uri.includes('\\') && !loc.artifactLocation.uri.startsWith('/') && !loc.artifactLocation.uri.includes(':'), loc.artifactLocation.uri);
        for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(loc.region[k]) && loc.region[k] >= 1, `${k} ${loc.region[k]}`);
      }
      const broken = run0.results.find((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === 'RG003' && x.locations[0].physicalLocation.artifactLocation.uri === 'docs/project/roadmap.md');
      assert.deepEqual(broken.locations[0].physicalLocation.region, { startLine: 10, startColumn: 18, endLine: 10, endColumn: 58 });
      // A path with a space, a comma and a colon is a percent-encoded relative URI.
      assert.ok(run0.results.some((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === 'docs/notes%2C%20v1%3A%20draft.md'));
    });

    it('github: one escaped workflow command per finding', async () => {
      const r = await run(['check', '.', '--format', 'github'], ws);
      assert.equal(r.code, 1);
      const out = r.stdout.trimEnd().split('\n');
      for (const l of out) assert.match(l, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=RG\d+ [a-z-]+::[^\r\n]+$/, l);
      assert.ok(out.includes('::error file=docs/project/roadmap.md,line=10,col=18,endLine=10,endColumn=58,title=RG003 broken-link::"Design" path "docs/plans/2026-01-11-webhooks-desing.md" points to docs/plans/2026-01-11-webhooks-desing.md, which does not exist. Did you mean docs/plans/2026-01-11-webhooks-design.md?'), r.stdout);
      // The comma and colon of the file name are escaped in the property, the % of the message too.
      const notes = out.find((l) => l.includes('file=docs/notes%2C v1%3A draft.md,'));
      assert.ok(notes, r.stdout);
      assert.ok(notes.includes('missing-100%25.md'), notes);
    });

    it('github: paths are relative to the current directory, where GitHub resolves them', async () => {
      const r = await run(['check', path.basename(ws), '--format', 'github'], tmp);
      assert.ok(r.stdout.includes(`file=${path.basename(ws)}/docs/project/roadmap.md,line=10,`), r.stdout);
    });

    it('github and junit escaping', () => {
      assert.equal(escapeGithubData('100% done\r\nnext'), '100%25 done%0D%0Anext');
      assert.equal(escapeGithubProperty('a,b:c%'), 'a%2Cb%3Ac%25');
      assert.equal(escapeXml(`<a href="x" b='y'>&\u0001</a>`), '&lt;a href=&quot;x&quot; b=&apos;y&apos;&gt;&amp;&lt;/a&gt;');
    });

    it('junit: well-formed XML, one suite per file and a failing case per finding', async () => {
      const r = await run(['check', ws, '--format', 'junit'], tmp);
      assert.equal(r.code, 1);
      assertWellFormedXml(r.stdout);
      const json = JSON.parse((await run(['check', ws, '--format', 'json'], tmp)).stdout) as { path: string }[];
      assert.equal((r.stdout.match(/<testcase /g) ?? []).length, json.length);
      assert.equal((r.stdout.match(/<failure /g) ?? []).length, json.length);
      assert.equal((r.stdout.match(/<testsuite /g) ?? []).length, new Set(json.map((f) => f.path)).size);
      assert.ok(r.stdout.includes('<testsuite name="docs/notes, v1: draft.md"'), r.stdout);
      assert.ok(r.stdout.includes('&quot;Design&quot; path'), 'messages are escaped');
    });

    it('junit: a passing case when there is nothing to report', async () => {
      const clean = path.join(tmp, 'clean');
      mkdirSync(clean, { recursive: true });
      writeFileSync(path.join(clean, 'README.md'), '# Hello\n');
      writeFileSync(path.join(clean, '.roadmap-governance.json'), JSON.stringify({ rules: Object.fromEntries(RULES.map((x) => [x.code, 'off'])) }));
      const r = await run(['check', clean, '--format', 'junit'], tmp);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assertWellFormedXml(r.stdout);
      assert.match(r.stdout, /<testcase classname="roadmap-governance" name="check"\/>/);
    });

    for (const [what, args, message] of [
      ['an unknown flag', ['check', '.', '--colour'], /Unknown option '--colour'/],
      ['an unknown format', ['check', '.', '--format', 'xml'], /Unknown format "xml"; use one of text, json, sarif, github, junit/],
      ['an unreadable --config', ['check', '.', '--config', 'nope.json'], /nope\.json: The config file cannot be read/],
      ['an unknown command', ['chekc'], /Unknown command "chekc"/],
      ['a folder that does not exist', ['check', 'no/such/dir'], /no\/such\/dir is not a folder/],
    ] as const) {
      it(`exits 2 with a clear message and no stack trace on ${what}`, async () => {
        const r = await run([...args], ws);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
        assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
        assert.equal(r.stdout, '');
      });
    }

    it('a broken config is a finding (RG900), and the check goes on with the defaults', async () => {
      writeFileSync(path.join(ws, '.roadmap-governance.json'), '{ "roadmap": 42, }');
      const r = await run(['check', '.'], ws);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^\.roadmap-governance\.json:\d+:\d+: error RG900\/config-invalid /m);
      assert.match(r.stdout, /RG003\/broken-link/);
    });

    it('--fix applies the preferred fixes, re-checks, and a second run changes nothing', async () => {
      const roadmapPath = path.join(ws, 'docs/project/roadmap.md');
      const before = readFileSync(roadmapPath, 'utf8');
      const r = await run(['check', '.', '--fix', '--format', 'json'], ws);
      assert.match(r.stderr, /applied [1-9]\d* fix/);
      const after = readFileSync(roadmapPath, 'utf8');
      assert.equal(after, before.replace('2026-01-11-webhooks-desing.md', '2026-01-11-webhooks-design.md'));
      const findings = JSON.parse(r.stdout) as { path: string; code: string }[];
      assert.ok(!findings.some((f) => f.path === 'docs/project/roadmap.md' && f.code === 'RG003'), 'the fixed finding is gone from the re-check');
      // The open items keep their findings: their two fixes leave the choice to a person.
      assert.ok(findings.some((f) => f.code === 'RG001'));
      const snapshot = () => readdirSync(ws, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => [path.join(d.parentPath, d.name), readFileSync(path.join(d.parentPath, d.name), 'utf8')]);
      const once = snapshot();
      const again = await run(['check', '.', '--fix'], ws);
      assert.match(again.stderr, /applied 0 fixes/);
      assert.deepEqual(snapshot(), once);
    });
  });

  describe('new', () => {
    const today = new Date().toISOString().slice(0, 10);

    it('creates a doc from the template, prints its path, and links it from the item in its own style', async () => {
      const r = await run(['new', 'implementation', '--item', 'webhooks', '--title', 'Webhooks rollout', '.'], ws);
      assert.equal(r.code, 0, r.stderr);
      const created = `docs/plans/${today}-webhooks-rollout-implementation.md`;
      assert.equal(r.stdout, `${created}\n`);
      const doc = readFileSync(path.join(ws, created), 'utf8');
      assert.match(doc, /^# Webhooks rollout - Implementation Plan\n/);
      assert.match(doc, /\*\*Roadmap Item:\*\* Phase 2 `\[API\] Webhooks`/);
      const roadmap = readFileSync(path.join(ws, 'docs/project/roadmap.md'), 'utf8');
      assert.ok(roadmap.includes(`  - **Design:** \`docs/plans/2026-01-11-webhooks-desing.md\`\n  - **Implementation:** \`${created}\`\n`), roadmap);
    });

    it('never overwrites: the same title twice gives a second file, and the first keeps its content', async () => {
      const first = await run(['new', 'design', '--title', 'Search Again', ws], tmp);
      assert.equal(first.code, 0, first.stderr);
      const firstPath = path.join(tmp, first.stdout.trim());
      writeFileSync(firstPath, 'my edits\n');
      const second = await run(['new', 'design', '--title', 'Search Again', ws], tmp);
      assert.equal(second.code, 0, second.stderr);
      assert.notEqual(second.stdout, first.stdout);
      assert.match(second.stdout, new RegExp(`${today}-search-again-design-2\\.md\\n$`));
      assert.equal(readFileSync(firstPath, 'utf8'), 'my edits\n');
    });

    it('never escapes the folder: path-like titles give a safe slug in the plans folder', async () => {
      for (const title of ['../../etc/x', '/etc/x', '..\\..\\x', 'a\u0007b\nc']) {
        const r = await run(['new', 'decision', '--title', title], ws);
        assert.equal(r.code, 0, r.stderr);
        const rel = r.stdout.trim();
        assert.match(rel, new RegExp(`^docs/plans/${today}-[a-z0-9-]+-decision(-\\d+)?\\.md$`), rel);
        assert.ok(existsSync(path.join(ws, rel)));
      }
      assert.ok(!existsSync(path.join(tmp, 'etc')) && !existsSync(path.resolve(ws, '../../etc/x')));
    });

    it('exits 2 with the candidates when --item is unknown or ambiguous', async () => {
      const unknown = await run(['new', 'design', '--item', 'Searc'], ws);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /No roadmap item is titled "Searc"; candidates:\n {2}Phase 2: \[UX\] Search \(line 8\)\n {2}Phase 2: \[UX\] Search Again \(line 11\)/);
      const none = await run(['new', 'design', '--item', 'zzz'], ws);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /No roadmap item is titled "zzz"\./);
      const roadmap = readFileSync(path.join(ws, 'docs/project/roadmap.md'), 'utf8');
      writeFileSync(path.join(ws, 'docs/project/roadmap.md'), roadmap + '\n## Phase 3: Later\n\n- [ ] **[Web] Search**\n');
      const ambiguous = await run(['new', 'design', '--item', 'search'], ws);
      assert.equal(ambiguous.code, 2);
      assert.match(ambiguous.stderr, /"search" matches several roadmap items; candidates:\n {2}Phase 2: \[UX\] Search \(line 8\)\n {2}Phase 3: \[Web\] Search/);
      const chosen = await run(['new', 'design', '--item', 'search', '--phase', '3'], ws);
      assert.equal(chosen.code, 0, chosen.stderr);
      assert.deepEqual(readdirSync(path.join(ws, 'docs/plans')).filter((f) => f.startsWith(today)), [`${today}-search-design.md`]);
    });

    it('exits 2 on an empty title or a missing kind', async () => {
      assert.equal((await run(['new', 'design', '--title', '  '], ws)).code, 2);
      const r = await run(['new', '--title', 'x'], ws);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /new needs a kind: design, implementation, decision/);
    });
  });

  describe('init', () => {
    it('writes the config with $schema and the templates, and keeps existing files', async () => {
      mkdirSync(path.join(ws, 'docs/templates'), { recursive: true });
      writeFileSync(path.join(ws, 'docs/templates/design.md'), '# my design template\n');
      const r = await run(['init'], ws);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n'), [
        'created .roadmap-governance.json',
        'kept    docs/templates/design.md (it exists)',
        'created docs/templates/implementation.md',
        'created docs/templates/decision.md',
        'created docs/templates/standards.md',
      ]);
      const config = JSON.parse(readFileSync(path.join(ws, '.roadmap-governance.json'), 'utf8'));
      assert.equal(config.$schema, './node_modules/roadmap-governance/dist/roadmap-governance.schema.json');
      assert.equal(config.roadmap, 'docs/project/roadmap.md');
      assert.deepEqual(config.plans, ['docs/plans/**/*.md']);
      assert.equal(readFileSync(path.join(ws, 'docs/templates/design.md'), 'utf8'), '# my design template\n');
      assert.match(readFileSync(path.join(ws, 'docs/templates/implementation.md'), 'utf8'), /\{\{title\}\}/);
      // The written config is valid: checking with it raises no RG900.
      assert.doesNotMatch((await run(['check', '.'], ws)).stdout, /RG900/);
      const again = await run(['init', ws], tmp);
      assert.equal(again.code, 0);
      assert.equal(again.stdout.split('\n').filter((l) => l.startsWith('kept')).length, 5);
    });

    it('writes what it detected: the superpowers layout, its kinds, and only the conventions the folder shows', async () => {
      const sp = path.join(tmp, 'init-superpowers');
      for (const [p, text] of Object.entries({
        'docs/ROADMAP.md': '# Roadmap\n\n## Phase 1: Start\n\n- [ ] Inbox\n',
        'docs/superpowers/specs/2026-03-01-inbox-design.md': '# Inbox\n',
        'docs/superpowers/plans/2026-03-03-inbox.md': '# Inbox plan\n\n**Spec:** `docs/superpowers/specs/2026-03-01-inbox-design.md`\n',
      })) {
        mkdirSync(path.dirname(path.join(sp, p)), { recursive: true });
        writeFileSync(path.join(sp, p), text);
      }
      assert.equal((await run(['init', sp], tmp)).code, 0);
      const config = JSON.parse(readFileSync(path.join(sp, '.roadmap-governance.json'), 'utf8'));
      assert.equal(config.roadmap, 'docs/ROADMAP.md');
      assert.deepEqual(config.plans, ['docs/superpowers/specs/**/*.md', 'docs/superpowers/plans/**/*.md']);
      assert.deepEqual(config.planKinds, { 'docs/superpowers/specs/**': 'design', 'docs/superpowers/plans/**': 'implementation' });
      assert.deepEqual(config.conventions, { itemLinks: 'on' });
      assert.equal(config.standards, undefined, 'no standards gate: this folder shows none');
      assert.doesNotMatch((await run(['check', sp], tmp)).stdout, /RG900/);
    });
  });

  describe('config', () => {
    it('prints each detected or set value with where it came from, and every convention with why', async () => {
      const dir = path.join(tmp, 'config-stub');
      for (const [p, text] of Object.entries({
        'ROADMAP.md': '# Roadmap\n\nThe roadmap is `docs/roadmap/roadmap.md`.\n',
        'docs/roadmap/roadmap.md': '# Roadmap\n\n## Phase 1: Start\n\n- [ ] Inbox\n',
        'docs/adr/0001-storage.md': '# 1. Storage\n\n## Status\n\nAccepted\n',
        '.roadmap-governance.json': JSON.stringify({ linkScope: { checkedItems: true } }),
      })) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), text);
      }
      const text = await run(['config', dir], tmp);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /roadmap +"docs\/roadmap\/roadmap\.md"\n +← detected: docs\/roadmap\/roadmap\.md \(ROADMAP\.md is a stub that names it\)/);
      assert.match(text.stdout, /plans +\["docs\/adr\/\*\*\/\*\.md"\]\n +← detected: docs\/adr has 1 numbered decision records/);
      assert.match(text.stdout, /linkScope\.checkedItems +true\n +← \.roadmap-governance\.json/);
      // Decision records alone do not ask every roadmap item for a design doc and a plan.
      assert.match(text.stdout, /item-links +off +not detected/);
      assert.match(text.stdout, /lifecycle-registry +off +not detected/);
      const json = JSON.parse((await run(['config', dir, '--format', 'json'], tmp)).stdout);
      assert.deepEqual(json.layouts, ['decision-records']);
      assert.deepEqual(json.settings.find((s: { key: string }) => s.key === 'planKinds').value, { 'docs/adr/**': 'decision' });
      assert.equal(json.conventions.length, 10);
      const all = await run(['config', dir, '--all'], tmp);
      assert.match(all.stdout, /maxFileSize +8000000\n +← default/);
      assert.equal((await run(['config', dir, '--format', 'yaml'], tmp)).code, 2);
    });
  });

  describe('coverage', () => {
    it('prints the matrix as markdown and as json', async () => {
      const md = await run(['coverage', '.'], ws);
      assert.equal(md.code, 0, md.stderr);
      assert.equal(md.stdout.split('\n')[0], COVERAGE_MARKER);
      assert.match(md.stdout, /\| \[UX\] Search Again \| — \| — \| — \| ❌ missing \|/);
      const json = JSON.parse((await run(['coverage', '.', '--format', 'json'], ws)).stdout);
      // Webhooks' design path has a typo (the file does not exist): no coverage.
      assert.deepEqual(json.totals, { items: 3, both: 1, designOnly: 0, implOnly: 0, missing: 2, designLinked: 1, implLinked: 1 });
    });

    it('--output writes inside DIR, overwrites only its own earlier output, and refuses to leave DIR', async () => {
      const first = await run(['coverage', '.', '--output', 'docs/project/coverage.md'], ws);
      assert.equal(first.code, 0, first.stderr);
      const out = path.join(ws, 'docs/project/coverage.md');
      assert.ok(readFileSync(out, 'utf8').includes('](../plans/2026-01-10-search-design.md)'), 'links relative to the output file');
      assert.equal((await run(['coverage', '.', '--output', 'docs/project/coverage.md'], ws)).code, 0);
      writeFileSync(path.join(ws, 'mine.md'), '# my notes\n');
      const refused = await run(['coverage', '.', '--output', 'mine.md'], ws);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /mine\.md exists and was not generated/);
      assert.equal(readFileSync(path.join(ws, 'mine.md'), 'utf8'), '# my notes\n');
      const outside = await run(['coverage', ws, '--output', path.join(tmp, 'escape.md')], tmp);
      assert.equal(outside.code, 2);
      assert.match(outside.stderr, /outside/);
      assert.ok(!existsSync(path.join(tmp, 'escape.md')));
      // Nor through a symbolic link inside DIR that points out of it.
      mkdirSync(path.join(tmp, 'elsewhere'), { recursive: true });
      symlinkSync(path.join(tmp, 'elsewhere'), path.join(ws, 'link'));
      const viaLink = await run(['coverage', '.', '--output', 'link/sub/coverage.md'], ws);
      assert.equal(viaLink.code, 2);
      assert.match(viaLink.stderr, /resolves outside the checked folder/);
      assert.deepEqual(readdirSync(path.join(tmp, 'elsewhere')), []);
    });
  });

  describe('docs/configuration.md', () => {
    const doc = readFileSync(path.join(REPO, 'docs/configuration.md'), 'utf8');
    const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);

    it('documents every setting', async () => {
      const { DEFAULT_CONFIG } = await import('../../server/engine/config');
      const keys: string[] = [];
      for (const [k, v] of Object.entries(DEFAULT_CONFIG)) {
        if (typeof v === 'object' && !Array.isArray(v) && k !== 'rules') for (const kk of Object.keys(v)) keys.push(`${k}.${kk}`);
        else keys.push(k);
      }
      for (const k of keys) assert.ok(doc.includes(`| \`${k}\` |`), `docs/configuration.md has a row for ${k}`);
    });

    it('its example configs are valid (no RG900)', async () => {
      assert.ok(jsonBlocks.length >= 3);
      for (const block of jsonBlocks) {
        writeFileSync(path.join(ws, '.roadmap-governance.json'), block);
        const r = await run(['check', '.', '--format', 'json'], ws);
        // Valid as a config; paths that this test folder lacks ("matches no file", "does not exist") are not the point here.
        const problems = (JSON.parse(r.stdout) as { code: string; message: string }[]).filter((f) => f.code === 'RG900' && !/matches no file|does not exist/.test(f.message));
        assert.deepEqual(problems, [], block);
      }
    });

    it('its two-folder layout with a stub ROADMAP.md works by configuration alone', async () => {
      const layout = path.join(tmp, 'developer-guide-layout');
      const block = jsonBlocks.find((b) => b.includes('docs/developer-guide/project/roadmap.md'))!;
      const files: Record<string, string> = {
        '.roadmap-governance.json': block,
        'ROADMAP.md': '# Roadmap\n\nThe roadmap lives in [docs/developer-guide/project/roadmap.md](docs/developer-guide/project/roadmap.md).\n',
        'docs/developer-guide/project/roadmap.md': lines(
          '# Roadmap',
          '',
          '## Phase 1: Start',
          '',
          '- [ ] **[Core] Sync** ([Design](../plans/2026-01-05-sync-design.md), [Implementation](../plans/2026-01-05-sync-implementation.md))',
          '- [ ] **[Core] Storage**',
          '  - **Decision:** `docs/architecture/decisions/2026-01-06-storage-decision.md`',
          '  - **Plan:** `docs/developer-guide/plans/2026-01-06-storage-implementation.md`',
          '- [ ] **[UX] Onboarding**',
        ),
        'docs/developer-guide/plans/2026-01-05-sync-design.md': '# Sync\n\n**Date:** 2026-01-05\n**Status:** Approved\n',
        'docs/developer-guide/plans/2026-01-05-sync-implementation.md': '# Sync plan\n\n**Date:** 2026-01-05\n**Status:** Draft\n',
        'docs/developer-guide/plans/2026-01-06-storage-implementation.md': '# Storage plan\n\n**Date:** 2026-01-06\n**Status:** Draft\n',
        'docs/architecture/decisions/2026-01-06-storage-decision.md': '# Storage\n\n**Date:** 2026-01-06\n**Status:** Accepted\n',
      };
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(layout, p)), { recursive: true });
        writeFileSync(path.join(layout, p), text);
      }
      const coverage = JSON.parse((await run(['coverage', layout, '--format', 'json'], tmp)).stdout);
      assert.equal(coverage.roadmap, 'docs/developer-guide/project/roadmap.md');
      assert.deepEqual(
        coverage.phases[0].items.map((i: { title: string; state: string }) => [i.title, i.state]),
        [['[Core] Sync', 'both'], ['[Core] Storage', 'both'], ['[UX] Onboarding', 'missing']],
      );
      const findings = JSON.parse((await run(['check', layout, '--format', 'json'], tmp)).stdout) as { path: string; code: string; message: string }[];
      assert.deepEqual(findings.filter((f) => ['RG001', 'RG002', 'RG003', 'RG900'].includes(f.code)).map((f) => `${f.code} ${f.path}`), [
        'RG001 docs/developer-guide/project/roadmap.md',
        'RG002 docs/developer-guide/project/roadmap.md',
      ]);
      // New docs go to the first plans folder.
      const created = await run(['new', 'design', '--item', 'Onboarding', layout], tmp);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /docs\/developer-guide\/plans\/\d{4}-\d{2}-\d{2}-onboarding-design\.md\n$/);
    });
  });

  describe('on the corpus', () => {
    before(function () {
      if (!existsSync(CORPUS)) {
        console.log(`    (skipped: no corpus at ${CORPUS})`);
        this.skip();
      }
    });

    it('coverage of kaiku-before-gap-closure shows the 20 missing items of phases 5, 6, 7 and 10', async () => {
      const dir = path.join(CORPUS, 'kaiku-before-gap-closure');
      const json = JSON.parse((await run(['coverage', dir, '--format', 'json'], tmp)).stdout);
      assert.deepEqual(json.phases.map((p: { number: string }) => p.number), ['5', '6', '7', '10']);
      assert.deepEqual(json.phases.map((p: { totals: { missing: number } }) => p.totals.missing), [9, 6, 4, 1]);
      assert.equal(json.totals.missing, 20);
      const md = (await run(['coverage', dir], tmp)).stdout;
      assert.equal((md.match(/\| ❌ missing \|$/gm) ?? []).length, 20);
      assert.ok(md.includes('| [Storage] SaaS Scaling Architecture | — | — | — | ❌ missing |'), md);
      assert.ok(md.includes('| **Total** | 20 | 0 | 0 | 0 | 20 | 0% |'), md);
    });

    it('coverage of kaiku-after-gap-closure links all 29 open items both ways', async () => {
      const json = JSON.parse((await run(['coverage', path.join(CORPUS, 'kaiku-after-gap-closure'), '--format', 'json'], tmp)).stdout);
      assert.equal(json.totals.items, 29);
      assert.equal(json.totals.both, 29);
    });

    it('sarif on kaiku-after-gap-closure has relative forward-slash URIs', async () => {
      const r = await run(['check', path.join(CORPUS, 'kaiku-after-gap-closure'), '--format', 'sarif'], tmp);
      assert.equal(r.code, 1);
      const results = JSON.parse(r.stdout).runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      const uris = new Set(results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri));
      assert.ok(uris.has('docs/features/channel-permissions.md') && uris.has('docs/plans/AGENTS.md'), [...uris].join(' '));
      for (const u of uris) assert.ok(!u.startsWith('/') && !u.includes('\\') && !u.includes('..'), u);
    });
  });
});
