/** Entry of the GitHub Action (action.yml runs dist/action.js): see githubAction.ts. */
import { runAction } from './githubAction';

runAction({ env: process.env, cwd: process.cwd(), stdout: (text) => process.stdout.write(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`::error title=roadmap-governance::${String((error as Error).message ?? error)}\n`);
    process.exitCode = 2;
  },
);
