// Whether and where to send spans over OTLP/HTTP, read from the standard OTEL_EXPORTER_OTLP_*
// variables or an explicit URL (`--otlp`).

export interface OtlpSettings {
  /** The full traces URL, ending in /v1/traces unless the user gave a signal-specific endpoint. */
  url: string;
  headers: Record<string, string>;
}

type Environment = Readonly<Record<string, string | undefined>>;

function tracesUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

/** `key=value,key2=value2`, values percent-decoded, as the OTLP exporter specification says. */
export function parseOtlpHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    headers[decodeURIComponent(pair.slice(0, separator).trim())] = decodeURIComponent(pair.slice(separator + 1).trim());
  }
  return headers;
}

export function readOtlpSettings(environment: Environment, explicitUrl?: string): OtlpSettings | undefined {
  const headers = { ...parseOtlpHeaders(environment.OTEL_EXPORTER_OTLP_HEADERS), ...parseOtlpHeaders(environment.OTEL_EXPORTER_OTLP_TRACES_HEADERS) };
  if (explicitUrl) return { url: tracesUrl(explicitUrl), headers };
  const signalEndpoint = environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (signalEndpoint) return { url: signalEndpoint, headers };
  const endpoint = environment.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (endpoint) return { url: tracesUrl(endpoint), headers };
  return undefined;
}

/** OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true opts in to recording message content. */
export function captureContentFromEnvironment(environment: Environment): boolean {
  return environment.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true';
}
