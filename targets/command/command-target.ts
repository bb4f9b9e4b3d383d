// Command targets: any program, in any language, run once per case. It reaches the model through
// the case's proxy session (OPENAI_BASE_URL, OPENAI_API_KEY), joins the case's trace (TRACEPARENT,
// OTEL_EXPORTER_OTLP_ENDPOINT) and answers on stdout.
import path from 'node:path';
import type { AgentTarget, TargetRunContext } from '../agent-target.js';
import { DEFAULT_OUTPUT_FIELD } from '../constants.js';
import { TargetError, TargetRunError } from '../errors.js';
import { readExternalAnswer, type ExternalAnswer } from '../external-answer.js';
import { runThroughProxy, type ProxiedCase } from '../run-through-proxy.js';
import { targetSettings, type TargetKind } from '../target-kind.js';
import { resolveCommandLine } from './command-line.js';
import { runCommand } from './run-command.js';

/** The environment a command gets: the parent's, the config's, then the case's (which wins). */
export function commandEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  configured: Readonly<Record<string, string>> | undefined,
  context: TargetRunContext,
  proxied: ProxiedCase,
  name: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  Object.assign(env, configured ?? {});
  // The agent's spans go to the embedded receiver, not to wherever agentlab itself exports.
  delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  Object.assign(env, {
    OPENAI_BASE_URL: proxied.session.baseURL,
    OPENAI_API_KEY: proxied.session.apiKey,
    OPENAI_MODEL: proxied.session.model,
    AGENTLAB_GOAL: context.case.goal,
    AGENTLAB_CASE_ID: context.case.caseId,
    AGENTLAB_EPOCH: String(context.case.epoch),
    AGENTLAB_SEED: String(context.case.seed),
    AGENTLAB_SANDBOX: context.sandbox.root,
    AGENTLAB_MODEL: context.model.reference,
    TRACEPARENT: proxied.traceparent,
    OTEL_EXPORTER_OTLP_ENDPOINT: proxied.otlpEndpoint,
    OTEL_SERVICE_NAME: env.OTEL_SERVICE_NAME ?? name,
  });
  return env;
}

/** stdout is the answer, unless its last line is a JSON object with `output`. */
export function readCommandAnswer(stdout: string): ExternalAnswer {
  const lines = stdout.trimEnd().split('\n');
  const last = lines.at(-1)?.trim() ?? '';
  if (last.startsWith('{') && last.endsWith('}')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(last);
    } catch (error) {
      // A line that means to be the answer object but does not parse is a broken answer, not text.
      if (/"output"\s*:/.test(last)) throw new TargetRunError('agent_bad_answer', `the last line of stdout is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object' && DEFAULT_OUTPUT_FIELD in parsed) {
      const answer = readExternalAnswer(parsed);
      if ('problem' in answer) throw new TargetRunError('agent_bad_answer', `the last line of stdout is JSON but not a usable answer: ${answer.problem}`);
      return answer;
    }
  }
  return { output: stdout.trim() };
}

export const commandTargetKind: TargetKind = {
  kind: 'command',
  parseInline: (text) => ({ command: text }),
  async open(spec, environment): Promise<AgentTarget> {
    const commandLine = spec.definition.command;
    if (!commandLine) throw new TargetError('AGENTLAB_AGENT_UNKNOWN', `agent ${spec.name} names no command`);
    const env = { ...environment.env, ...(spec.definition.env ?? {}) };
    const command = resolveCommandLine(commandLine, spec.baseDirectory, env, spec.name === `command:${commandLine}` ? spec.name : `${spec.name} (${commandLine})`);
    const configuredCwd = spec.definition.cwd ? path.resolve(spec.baseDirectory, spec.definition.cwd) : undefined;
    const proxy = await environment.proxy();
    const name = spec.name;
    return {
      ...targetSettings(spec, 'command'),
      run: (context) =>
        runThroughProxy(name, context, proxy, async (proxied) => {
          // The sandbox is made on first use; a command gets it made, as its working directory.
          await context.sandbox.materialize();
          const stdout = await runCommand({
            command,
            cwd: configuredCwd ?? context.sandbox.root,
            env: commandEnvironment(environment.env, spec.definition.env, context, proxied, name),
            stdin: `${JSON.stringify({ goal: context.case.goal, case_id: context.case.caseId, epoch: context.case.epoch, seed: context.case.seed, sandbox: context.sandbox.root })}\n`,
            signal: context.signal,
            shownAs: commandLine,
          });
          return readCommandAnswer(stdout);
        }),
    };
  },
};
