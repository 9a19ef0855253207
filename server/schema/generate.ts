/**
 * `npm run schema`: writes server/schema/roadmap-governance.schema.json from
 * the engine defaults and the rule registry. Run it after adding a rule or a setting.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { schemaText } from './build-schema';

const target = path.join(__dirname, 'roadmap-governance.schema.json');
writeFileSync(target, schemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
