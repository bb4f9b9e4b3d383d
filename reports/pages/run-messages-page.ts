// How a run's agents talked (`/runs/:id/messages`, `/api/runs/:id/messages`): the direct messages,
// the blackboard's history with the acts each write set off, and the event trail, read back from
// the spans of the results the run page's filter shows (its page of at most 50 results), so the
// run page itself stays one indexed read and this is one click from it.
import { messageLogOfTraces } from '../message-log.js';
import type { MessageLog } from '../message-log.js';
import { parseQuery } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { lookUpRun } from '../run-lookup.js';
import type { RunRecord } from '../../store/index.js';
import { definedOnly, runResultsPageSize, runResultsQuerySchema } from './run-page.js';
import type { RunPageFilter } from './run-page.js';

export interface RunMessagesPageData {
  run: RunRecord;
  filter: RunPageFilter;
  page: number;
  /** Results on this page of the filter, and how many of them have a trace. */
  results: number;
  tracedResults: number;
  log: MessageLog;
}

export const runMessagesPage = definePage<RunMessagesPageData>({
  path: '/runs/:id/messages',
  apiPath: '/api/runs/:id/messages',
  view: 'run-messages',
  nav: 'runs',
  title: (data) => `Messages of run ${data.run.id}`,
  load(request, { store }) {
    const run = lookUpRun(store, request.params.id ?? '');
    const query = parseQuery(runResultsQuerySchema, request.query);
    const filter = definedOnly<RunPageFilter>({ status: query.status, case: query.case, agent: query.agent, model: query.model, tag: query.tag, q: query.q });
    const page = query.page ?? 1;
    const { results } = store.caseResultPage(run.id, {
      caseId: filter.case,
      agent: filter.agent,
      model: filter.model,
      tag: filter.tag,
      text: filter.q,
      status: filter.status,
      limit: runResultsPageSize,
      offset: (page - 1) * runResultsPageSize,
    });
    const traceIds = results.flatMap((result) => (result.traceId ? [result.traceId] : []));
    return { run, filter, page, results: results.length, tracedResults: traceIds.length, log: messageLogOfTraces(traceIds, (traceId) => store.spans(traceId), runResultsPageSize) };
  },
});
