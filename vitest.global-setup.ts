// Builds dist/ once before the tests: the tests that start the `agentlab` command run the compiled
// JavaScript, which must match the sources under test.
import { execFileSync } from 'node:child_process';

export default function buildBeforeTests(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
