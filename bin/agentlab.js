#!/usr/bin/env node
// Installed as the `agentlab` command: registers tsx so the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/agentlab.ts');
