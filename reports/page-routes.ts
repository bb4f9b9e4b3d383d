// Registers a ReportPage twice: as HTML at its path and as JSON at its API path, from the same load.
// The HTML's navigation bar counts what waits for a person (two reads of the status indexes).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PageContext, PageRequest, ReportPage } from './report-page.js';
import type { ViewRenderer } from './view-renderer.js';

function pageRequest(request: FastifyRequest): PageRequest {
  return { params: (request.params ?? {}) as Record<string, string>, query: request.query };
}

export function registerPage(app: FastifyInstance, page: ReportPage<unknown>, context: PageContext, renderer: ViewRenderer): void {
  app.get(page.apiPath, async (request) => page.load(pageRequest(request), context));
  app.get(page.path, async (request, reply) => {
    const [data, approvals, reviews] = await Promise.all([page.load(pageRequest(request), context), context.store.approvals.pendingCount(), context.store.reviews.pendingCount()]);
    const html = renderer.render(page.view, {
      title: page.title(data),
      ...(page.nav ? { nav: page.nav } : {}),
      navCounts: { approvals, reviews },
      data,
      ...(page.clientData ? { clientData: page.clientData(data) } : {}),
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
