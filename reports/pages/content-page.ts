// The content pipeline (`/content`, `/api/content`): over a period of UTC days (`?days`, the last 30
// by default, or `?from`/`?to`), the pieces per day by outcome, the fact-check's accuracy automated
// and after review, cost per day and per worker, latency per stage and the newest pieces, each with
// its trace and review. Read from the daily totals the store keeps (store.contentRuns.report); the
// figures are reports/content-report.ts's.
import { z } from 'zod';
import { badRequest } from '../errors.js';
import { defaultContentDays, maximumDays, millisecondsPerDay, recentContentPieces } from '../constants.js';
import { contentReport } from '../content-report.js';
import type { ContentReport } from '../content-report.js';
import { dayParameter, daysParameter, parseQuery } from '../query-schema.js';
import { definePage } from '../report-page.js';

export interface ContentPeriod {
  /** UTC days, both included. */
  fromDay: string;
  toDay: string;
  days: number;
  /** What the query asked for, so the form and links keep it. */
  query: { days?: number; from?: string; to?: string };
}

export interface ContentPageData extends ContentReport {
  period: ContentPeriod;
}

const querySchema = z.object({
  days: z.union([z.literal(''), daysParameter]).optional(),
  from: z.union([z.literal(''), dayParameter]).optional(),
  to: z.union([z.literal(''), dayParameter]).optional(),
});

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** `?from`/`?to` when either is given (the other defaults to the default span's end or start), else the last `?days` days up to today. */
export function contentPeriod(queryValue: unknown, now: number): ContentPeriod {
  const query = parseQuery(querySchema, queryValue);
  if (query.from || query.to) {
    if (query.days) throw badRequest('Bad query parameters: give ?days or ?from/?to, not both.');
    const toDay = query.to || dayOf(Math.max(now, dayStart(query.from!) + (defaultContentDays - 1) * millisecondsPerDay));
    const fromDay = query.from || dayOf(dayStart(toDay) - (defaultContentDays - 1) * millisecondsPerDay);
    const days = Math.round((dayStart(toDay) - dayStart(fromDay)) / millisecondsPerDay) + 1;
    if (days < 1) throw badRequest('Bad query parameters: ?from must not be after ?to.');
    if (days > maximumDays) throw badRequest(`Bad query parameters: a period of at most ${maximumDays} days.`);
    return { fromDay, toDay, days, query: { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) } };
  }
  const days = query.days || defaultContentDays;
  const toDay = dayOf(now);
  return { fromDay: dayOf(dayStart(toDay) - (days - 1) * millisecondsPerDay), toDay, days, query: query.days ? { days } : {} };
}

export const contentPage = definePage<ContentPageData>({
  path: '/content',
  apiPath: '/api/content',
  view: 'content',
  nav: 'content',
  title: () => 'Content pipeline',
  async load(request, { store, now }) {
    const period = contentPeriod(request.query, now());
    const totals = await store.contentRuns.report({ fromDay: period.fromDay, toDay: period.toDay, recentLimit: recentContentPieces });
    return { period, ...contentReport(totals, period) };
  },
  clientData: (data) => ({
    chart: 'content',
    days: data.days.map((day) => ({
      day: day.day,
      publishedAutomatically: day.publishedAutomatically,
      waitingForReview: day.waitingForReview,
      publishedAfterReview: day.publishedAfterReview,
      returned: day.returned,
      failed: day.failed,
      costUsd: day.costUsd,
      automated: day.accuracy.automated.interval,
      afterReview: day.accuracy.afterReview.interval,
    })),
  }),
});
