// The OTLP trace service messages, loaded with protobufjs from the vendored opentelemetry-proto
// files in proto/ on first use and kept for the life of the process.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { Type } from 'protobufjs';
import { exportTraceServiceRequestName, exportTraceServiceResponseName, traceServiceProtoFile } from './constants.js';

export interface TraceServiceTypes {
  request: Type;
  response: Type;
}

const protoFolder = fileURLToPath(new URL('./proto/', import.meta.url));
let loaded: TraceServiceTypes | undefined;

export function traceServiceTypes(): TraceServiceTypes {
  if (loaded) return loaded;
  const root = new protobuf.Root();
  // The files import each other by their path in opentelemetry-proto, which is their path under proto/.
  root.resolvePath = (_origin, target) => join(protoFolder, target);
  root.loadSync(traceServiceProtoFile);
  root.resolveAll();
  loaded = { request: root.lookupType(exportTraceServiceRequestName), response: root.lookupType(exportTraceServiceResponseName) };
  return loaded;
}
