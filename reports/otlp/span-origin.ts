// Where a span came from, which OTLP says once per batch rather than per span: the service named
// by its resource and its instrumentation scope.
import type { AttributeValue } from '@opentelemetry/api';
import { GeneralAttribute } from '../../tracing/index.js';
import { unknownServiceName } from './constants.js';

export interface SpanOrigin {
  serviceName: string;
  scope: string;
}

/** The `service.name` among a resource's attributes, or `unknown` when it has none (as for the SDK's own spans). */
export function serviceNameOf(resourceAttributes: Record<string, AttributeValue>): string {
  const serviceName = resourceAttributes[GeneralAttribute.serviceName];
  return typeof serviceName === 'string' && serviceName !== '' ? serviceName : unknownServiceName;
}
