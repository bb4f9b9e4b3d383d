// How a run's agents talked (`/runs/:id/messages`, `/api/runs/:id/messages`): the direct messages,
// the blackboard's history with the acts each write set off, and the event trail, read back from
// the spans of the results the run page's filter shows (its page of at most 50 results), one
// section per result, so the run page itself stays one indexed read and this is one click from it.
import { isMessageLogEmpty, messageLogOf } from '../message-log.js';
import type { MessageLog } from '../message-log.js';
import { parseQuery } from '../query-schema.js';
import { definePage } from '../report-page.js';
import { lookUpRun } from '../run-lookup.js';
import type { RunRecord } from '../../store/index.js';
import { definedOnly, runResultsPageSize, runResultsQuerySchema } from './run-page.js';
import type { RunPageFilter } from './run-page.js';

/** One result's trace and how its agents talked. */
export interface ResultMessageLog {
  caseId: string;
  agent: string;
  model: string;
  epoch: number;
  status: string;
  traceId: string;
  log: MessageLog;
}

export interface RunMessagesPageData {
  run: RunRecord;
  filter: RunPageFilter;
  page: number;
  /** Results on this page of the filter, and how many of them have a trace. */
  results: number;
  tracedResults: number;
  /** The results whose agents sent messages, wrote to a blackboard or published events, in the run page's order. */
  logs: ResultMessageLog[];
}

export const runMessagesPage = definePage<RunMessagesPageData>({
  path: '/runs/:id/messages',
  apiPath: '/api/runs/:id/messages',
  view: 'run-messages',
  nav: 'runs',
  title: (data) => `Messages of run ${data.run.id}`,
  async load(request, { store }) {
    const run = await lookUpRun(store, request.params.id ?? '');
    const query = parseQuery(runResultsQuerySchema, request.query);
    const filter = definedOnly<RunPageFilter>({ status: query.status, case: query.case, agent: query.agent, model: query.model, tag: query.tag, q: query.q });
    const page = query.page ?? 1;
    const { results } = await store.caseResultPage(run.id, {
      caseId: filter.case,
      agent: filter.agent,
      model: filter.model,
      tag: filter.tag,
      text: filter.q,
      status: filter.status,
      limit: runResultsPageSize,
      offset: (page - 1) * runResultsPageSize,
    });
    const traced = results.filter((result) => result.traceId !== undefined);
    const spansOfResults = await Promise.all(traced.map((result) => store.spans(result.traceId!)));
    const logs = traced.flatMap((result, index) => {
      const log = messageLogOf(spansOfResults[index]!);
      return isMessageLogEmpty(log) ? [] : [{ caseId: result.caseId, agent: result.agent, model: result.model, epoch: result.epoch, status: result.status, traceId: result.traceId!, log }];
    });
    return { run, filter, page, results: results.length, tracedResults: traced.length, logs };
  },
});
