// Errors of tracing's own settings, raised when tracing is set up, before any run starts.
import { AgentlabError } from '../models/index.js';

export type TracingErrorCode = 'AGENTLAB_OTLP_PROTOCOL_INVALID';

/** An OTEL_* variable asks for something agentlab cannot do; the message names the variable, its value and what it accepts. */
export class TracingSettingsError extends AgentlabError {
  readonly variable: string;
  readonly value: string;

  constructor(code: TracingErrorCode, variable: string, value: string, message: string) {
    super(code, message);
    this.variable = variable;
    this.value = value;
  }
}
