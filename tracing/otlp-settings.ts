// Whether, where and in which encoding to send spans over OTLP/HTTP, read from the standard
// OTEL_EXPORTER_OTLP_* variables or an explicit URL (`--otlp`).
import { defaultOtlpProtocol, otlpProtocols } from './constants.js';
import { TracingSettingsError } from './errors.js';

export type OtlpProtocol = (typeof otlpProtocols)[number];

export interface OtlpSettings {
  /** The full traces URL, ending in /v1/traces unless the user gave a signal-specific endpoint. */
  url: string;
  headers: Record<string, string>;
  /** `http/protobuf` (the default) or `http/json`. */
  protocol: OtlpProtocol;
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

function isOtlpProtocol(value: string): value is OtlpProtocol {
  return (otlpProtocols as readonly string[]).includes(value);
}

/**
 * The signal-specific variable wins over the general one, and an empty value counts as unset, as the
 * OTel specification says. Anything else than the two HTTP encodings is refused with the variable
 * named, rather than sending what the backend did not ask for.
 */
export function readOtlpProtocol(environment: Environment): OtlpProtocol {
  for (const variable of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const value = environment[variable]?.trim();
    if (!value) continue;
    if (isOtlpProtocol(value)) return value;
    const accepted = `${otlpProtocols.join(' or ')} (default ${defaultOtlpProtocol})`;
    const why = value === 'grpc' ? 'agentlab sends OTLP over HTTP only, not gRPC' : 'not an OTLP protocol';
    throw new TracingSettingsError('AGENTLAB_OTLP_PROTOCOL_INVALID', variable, value, `${variable}=${value} is not supported (${why}): set it to ${accepted}, or unset it.`);
  }
  return defaultOtlpProtocol;
}

/**
 * Undefined when nothing asks for OTLP. The protocol is only read (and a bad one only refused) when
 * spans are to be sent, so a shell that sets it for other tools does not stop runs that export nothing.
 */
export function readOtlpSettings(environment: Environment, explicitUrl?: string): OtlpSettings | undefined {
  const url = explicitUrl ? tracesUrl(explicitUrl) : configuredUrl(environment);
  if (url === undefined) return undefined;
  const headers = { ...parseOtlpHeaders(environment.OTEL_EXPORTER_OTLP_HEADERS), ...parseOtlpHeaders(environment.OTEL_EXPORTER_OTLP_TRACES_HEADERS) };
  return { url, headers, protocol: readOtlpProtocol(environment) };
}

function configuredUrl(environment: Environment): string | undefined {
  const signalEndpoint = environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (signalEndpoint) return signalEndpoint;
  const endpoint = environment.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return endpoint ? tracesUrl(endpoint) : undefined;
}

/** OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true opts in to recording message content. */
export function captureContentFromEnvironment(environment: Environment): boolean {
  return environment.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true';
}
