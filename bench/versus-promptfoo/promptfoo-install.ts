// Finds promptfoo's command-line entry point, installing the pinned peers into bench/peers/ on first
// use (bench/peer-tools), never as a dependency of agentlab itself.
import { ensurePeerCommand } from '../peer-tools/index.js';

/** The path of promptfoo's CLI script (run it with `node`), installing it first if needed. */
export function ensurePromptfoo(log: (message: string) => void): Promise<string> {
  return ensurePeerCommand('promptfoo', log);
}
