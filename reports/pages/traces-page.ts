// The traces list (`/traces`, `/api/traces`): every trace in the store, own and foreign, newest
// first, a page at a time, each with its service, root span, duration, model and tool calls,
// tokens, cost and errors, and the eval run and case it belongs to. Filters: service, a date range
// (UTC days, both ends included), errors only, and text in the root span's name.
import { z } from 'zod';
import type { TraceListEntry } from '../../store/index.js';
import { millisecondsPerDay, tracesPageSize } from '../constants.js';
import { dayParameter, pageNumberParameter, parseQuery, textParameter } from '../query-schema.js';
import { definePage } from '../report-page.js';

export interface TracesPageFilter {
  service?: string;
  /** UTC days, `YYYY-MM-DD`, both included. */
  from?: string;
  to?: string;
  errors?: boolean;
  q?: string;
}

export interface TracesPageData {
  traces: TraceListEntry[];
  page: number;
  /** Whether an older page has traces. */
  hasOlder: boolean;
  filter: TracesPageFilter;
  services: string[];
}

const querySchema = z.object({
  page: pageNumberParameter.optional(),
  service: textParameter.optional(),
  from: z.union([z.literal(''), dayParameter]).optional(),
  to: z.union([z.literal(''), dayParameter]).optional(),
  errors: z.enum(['1', 'true', 'on']).optional(),
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
});

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const tracesPage = definePage<TracesPageData>({
  path: '/traces',
  apiPath: '/api/traces',
  view: 'traces',
  nav: 'traces',
  title: () => 'Traces',
  async load(request, { store }) {
    const query = parseQuery(querySchema, request.query);
    const filter: TracesPageFilter = {
      ...(query.service ? { service: query.service } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.errors ? { errors: true } : {}),
      ...(query.q ? { q: query.q } : {}),
    };
    const page = query.page ?? 1;
    // One more than a page says whether there is an older page, without counting every trace.
    const [traces, services] = await Promise.all([
      store.traces({
      limit: tracesPageSize + 1,
      offset: (page - 1) * tracesPageSize,
      ...(filter.service ? { serviceName: filter.service } : {}),
      ...(filter.from ? { since: dayStart(filter.from) } : {}),
      ...(filter.to ? { until: dayStart(filter.to) + millisecondsPerDay } : {}),
      ...(filter.errors ? { errorsOnly: true } : {}),
      ...(filter.q ? { rootNameContains: filter.q } : {}),
      }),
      store.traceServices(),
    ]);
    return { traces: traces.slice(0, tracesPageSize), page, hasOlder: traces.length > tracesPageSize, filter, services };
  },
});
