// The extension point for span dialects: an open list, one small module per dialect. A dialect
// recognises its spans by a marker attribute and reads them; the first dialect that recognises a
// span reads it. Register a new dialect before the ones it is more specific than.
import type { SpanRecord } from '../span-record.js';
import type { DialectReading } from './span-view.js';

export interface SpanDialect {
  /** The name the view carries (`SpanView.dialect`). */
  name: string;
  /** What the span is in this dialect, or undefined when the span is not written in it. */
  read(span: SpanRecord): DialectReading | undefined;
}
