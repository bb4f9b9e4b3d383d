// Module targets: a JS/TS function `(goal, context) => answer` run in-process, with an `openai` client
// bound to the case's proxy session, the sandbox, the built-in tools and `context.tool` for recording
// tool calls of its own.
import path from 'node:path';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import OpenAI from 'openai';
import { createDefaultRegistry, type ToolCallStep } from '../../agents/index.js';
import { GenAiAttribute, GenAiOperation, GeneralAttribute, genAiSpanName } from '../../tracing/index.js';
import type { AgentTarget, TargetRunContext } from '../agent-target.js';
import { TARGET_TRACER_NAME } from '../constants.js';
import { TargetError, TargetRunError } from '../errors.js';
import { readExternalAnswer } from '../external-answer.js';
import { runThroughProxy } from '../run-through-proxy.js';
import { targetSettings, type TargetKind } from '../target-kind.js';
import type { AgentContext } from './define-agent.js';
import { loadAgentModule } from './load-agent-module.js';

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const moduleTargetKind: TargetKind = {
  kind: 'module',
  parseInline(text) {
    const hash = text.lastIndexOf('#');
    return hash > 0 ? { module: text.slice(0, hash), export: text.slice(hash + 1) } : { module: text };
  },
  async open(spec, environment): Promise<AgentTarget> {
    const modulePath = spec.definition.module;
    if (!modulePath) throw new TargetError('AGENTLAB_AGENT_UNKNOWN', `agent ${spec.name} names no module`);
    const file = path.resolve(spec.baseDirectory, modulePath);
    const handler = await loadAgentModule(file, spec.definition.export, spec.name.startsWith('module:') ? spec.name : `${spec.name} (${modulePath})`);
    const proxy = await environment.proxy();
    const name = spec.name;
    return {
      ...targetSettings(spec, 'module'),
      run: (context: TargetRunContext) =>
        runThroughProxy(name, context, proxy, async ({ session }) => {
          // The sandbox is made on first use by built-in tools; a module gets a path, so it is made now.
          await context.sandbox.materialize();
          const recorded: ToolCallStep[] = [];
          const tracer = context.tracer ?? trace.getTracer(TARGET_TRACER_NAME);
          const agentContext: AgentContext = {
            caseId: context.case.caseId,
            epoch: context.case.epoch,
            seed: context.case.seed,
            signal: context.signal,
            model: { reference: context.model.reference, baseURL: session.baseURL, apiKey: session.apiKey, model: session.model, ...(context.model.prices ? { prices: context.model.prices } : {}) },
            async openModel(reference) {
              if (!environment.openModel) throw new TargetRunError('agent_crashed', `the agent asked for model ${reference}, but only the cell's model can be opened here`);
              const handle = reference === context.model.reference ? context.model : await environment.openModel(reference);
              return { reference, baseURL: session.baseURL, apiKey: session.apiKey, model: session.serveModel(handle), ...(handle.prices ? { prices: handle.prices } : {}) };
            },
            openai: new OpenAI({ baseURL: session.baseURL, apiKey: session.apiKey }),
            sandbox: context.sandbox.root,
            tools: createDefaultRegistry({ sandbox: context.sandbox }),
            async tool(toolName, args, fn) {
              const startedAt = Date.now();
              const argumentsText = toText(args ?? {});
              const span = tracer.startSpan(genAiSpanName(GenAiOperation.executeTool, toolName), {
                kind: SpanKind.INTERNAL,
                attributes: { [GenAiAttribute.operationName]: GenAiOperation.executeTool, [GenAiAttribute.toolName]: toolName, [GenAiAttribute.toolType]: 'function' },
              });
              if (context.captureContent) span.setAttribute(GenAiAttribute.toolCallArguments, argumentsText);
              const record = (ok: boolean, result: string) =>
                recorded.push({ type: 'tool_call', agent: name, callId: '', tool: toolName, arguments: argumentsText, ok, result, ...(ok ? {} : { errorCode: 'tool_error' }), latencyMs: Date.now() - startedAt, startedAt });
              try {
                const result = await fn();
                record(true, toText(result));
                if (context.captureContent) span.setAttribute(GenAiAttribute.toolCallResult, toText(result));
                return result;
              } catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                record(false, `Error: ${message}`);
                span.setAttribute(GeneralAttribute.errorType, error instanceof Error ? error.name : 'error');
                span.setStatus({ code: SpanStatusCode.ERROR, message });
                throw error;
              } finally {
                span.end();
              }
            },
          };
          let returned: unknown;
          try {
            returned = await handler(context.case.goal, agentContext);
          } finally {
            session.addToolSteps(recorded, { traced: true });
          }
          const answer = readExternalAnswer(returned);
          if ('problem' in answer) throw new TargetRunError('agent_bad_answer', `the agent's answer is not usable: ${answer.problem}`);
          return answer;
        }),
    };
  },
};
