// Which OTLP encoding a request's Content-Type names: JSON or protobuf, parameters such as
// `charset` ignored. Anything else is refused with 415.
import { jsonMediaTypes, protobufMediaTypes } from './constants.js';
import { unsupportedMediaType } from './errors.js';

export type OtlpFormat = 'json' | 'protobuf';

export function otlpFormatOf(contentType: string | undefined): OtlpFormat {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (jsonMediaTypes.includes(mediaType)) return 'json';
  if (protobufMediaTypes.includes(mediaType)) return 'protobuf';
  const what = mediaType === '' ? 'A request without a Content-Type' : `Content-Type ${JSON.stringify(mediaType)}`;
  throw unsupportedMediaType(what, [...jsonMediaTypes, ...protobufMediaTypes]);
}
