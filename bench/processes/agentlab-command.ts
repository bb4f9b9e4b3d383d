// How benchmarks start the agentlab command: the installed entry point (bin/agentlab.js, which runs the
// compiled dist/ that `npm run bench` builds first), with this Node, as a user's shell would.
import { fileURLToPath } from 'node:url';

export const agentlabBinary = fileURLToPath(new URL('../../bin/agentlab.js', import.meta.url));

export const agentlabCommand = { command: process.execPath, args: [agentlabBinary] } as const;
