/**
 * `npm run schema`: writes server/schema/roadmap-governance.schema.json and
 * the rule table of docs/rules/README.md from the engine defaults and the rule
 * registry. Run it after adding a rule or a setting.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { schemaText } from './build-schema';
import { updateRulesIndex } from './rules-index';

const schemaFile = path.join(__dirname, 'roadmap-governance.schema.json');
writeFileSync(schemaFile, schemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), schemaFile)}\n`);

const readmeFile = path.join(__dirname, '../../docs/rules/README.md');
const readme = readFileSync(readmeFile, 'utf8');
const updated = updateRulesIndex(readme);
if (updated !== readme) writeFileSync(readmeFile, updated);
process.stdout.write(`${updated === readme ? 'kept' : 'wrote'} ${path.relative(process.cwd(), readmeFile)}\n`);
