// HTTP targets: an agent served over HTTP, sent one POST per case with the goal and the case's
// model (the proxy session) and a `traceparent` header; its answer is the JSON response's `output`,
// a configured path into it, or the text body.
import type { AgentTarget } from '../agent-target.js';
import { DEFAULT_OUTPUT_FIELD, HTTP_PROBE_TIMEOUT_MS, STDERR_TAIL_CHARACTERS } from '../constants.js';
import { TargetError, TargetRunError } from '../errors.js';
import { readExternalAnswer, type ExternalAnswer } from '../external-answer.js';
import { runThroughProxy } from '../run-through-proxy.js';
import { targetSettings, type TargetKind } from '../target-kind.js';
import { fillTemplate, unknownPlaceholders, type TemplateValues } from './body-template.js';
import { readResponsePath } from './response-path.js';

const templateNames = ['goal', 'case_id', 'epoch', 'seed', 'model.base_url', 'model.api_key', 'model.model', 'model.reference', 'traceparent'];

/** Any HTTP answer means something listens; only a refused or silent connection stops the eval. */
async function probe(url: string, shownAs: string): Promise<void> {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(HTTP_PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `did not answer within ${HTTP_PROBE_TIMEOUT_MS / 1000} s` : `refused the connection (${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))})`;
    throw new TargetError('AGENTLAB_AGENT_UNREACHABLE', `agent ${shownAs}: ${url} ${reason}; start the agent server first`, { cause: error });
  }
}

function answerFrom(text: string, contentType: string, responsePath: string | undefined): ExternalAnswer {
  const looksJson = contentType.includes('json') || /^\s*[{[]/.test(text);
  if (!looksJson) {
    if (responsePath) throw new TargetRunError('agent_bad_answer', `the response is not JSON (${contentType || 'no content type'}), so responsePath ${responsePath} cannot be read`);
    return { output: text.trim() };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TargetRunError('agent_bad_answer', `the response is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (responsePath) {
    const value = readResponsePath(parsed, responsePath);
    if (typeof value !== 'string') throw new TargetRunError('agent_bad_answer', `the response has no string at ${responsePath}`);
    return { output: value };
  }
  const answer = readExternalAnswer(parsed, DEFAULT_OUTPUT_FIELD);
  if ('problem' in answer) throw new TargetRunError('agent_bad_answer', `the JSON response is not an answer: ${answer.problem} (set responsePath to where the answer is)`);
  return answer;
}

export const httpTargetKind: TargetKind = {
  kind: 'http',
  parseInline: (text) => ({ http: text }),
  async open(spec, environment): Promise<AgentTarget> {
    const url = spec.definition.http;
    if (!url) throw new TargetError('AGENTLAB_AGENT_UNKNOWN', `agent ${spec.name} names no URL`);
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    } catch {
      throw new TargetError('AGENTLAB_AGENT_UNKNOWN', `agent ${spec.name}: "${url}" is not an http:// or https:// URL`);
    }
    const unknown = unknownPlaceholders([spec.definition.body, spec.definition.headers], templateNames);
    if (unknown.length > 0) throw new TargetError('AGENTLAB_AGENT_UNKNOWN', `agent ${spec.name}: unknown placeholders ${unknown.map((name) => `{{${name}}}`).join(', ')}; known: ${templateNames.map((name) => `{{${name}}}`).join(', ')}, {{env.NAME}}`);
    await probe(url, spec.name);
    const proxy = await environment.proxy();
    const name = spec.name;
    return {
      ...targetSettings(spec, 'http'),
      run: (context) =>
        runThroughProxy(name, context, proxy, async ({ session, traceparent }) => {
          const values: TemplateValues = {
            goal: context.case.goal,
            case_id: context.case.caseId,
            epoch: context.case.epoch,
            seed: context.case.seed,
            'model.base_url': session.baseURL,
            'model.api_key': session.apiKey,
            'model.model': session.model,
            'model.reference': context.model.reference,
            traceparent,
          };
          const body =
            spec.definition.body === undefined
              ? { goal: context.case.goal, case_id: context.case.caseId, epoch: context.case.epoch, seed: context.case.seed, model: { base_url: session.baseURL, api_key: session.apiKey, model: session.model } }
              : fillTemplate(spec.definition.body, values, environment.env);
          const headers = { 'content-type': 'application/json', traceparent, ...(fillTemplate(spec.definition.headers ?? {}, values, environment.env) as Record<string, string>) };
          let response: Response;
          try {
            response = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body), signal: context.signal });
          } catch (error) {
            if (context.signal.aborted) throw error;
            const cause = (error as { cause?: { code?: string } }).cause;
            throw new TargetRunError('agent_unreachable', `POST ${url} failed: ${cause?.code ?? (error instanceof Error ? error.message : String(error))}`);
          }
          const text = await response.text();
          if (!response.ok) {
            const excerpt = text.length > STDERR_TAIL_CHARACTERS ? `${text.slice(0, STDERR_TAIL_CHARACTERS)}…` : text;
            throw new TargetRunError('agent_http_error', `POST ${url} answered ${response.status}${excerpt ? `: ${excerpt.trim()}` : ''}`);
          }
          return answerFrom(text, response.headers.get('content-type') ?? '', spec.definition.responsePath);
        }),
    };
  },
};
