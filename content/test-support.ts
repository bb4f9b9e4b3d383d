// Shared set-up for the content tests: a zero-latency simulator through the real model factory, and a
// small HTTP proxy in front of it that can spoil the formatter's packages, to test what happens to a
// package that fails validation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { agentlabConfigSchema, ModelProvider } from '../models/index.js';

export interface SpoilingProxy {
  /** A model reference (from the provider's config) for the proxied `sim:<profile>`. */
  reference: string;
  provider: ModelProvider;
  /** lesson_package replies spoiled so far. */
  spoiled(): number;
  close(): Promise<void>;
}

/**
 * A provider whose model `spoiled-formatter` is sim:<profile> behind a proxy that rewrites the first
 * `spoilCount` lesson_package replies: the first quiz question's answer points past its choices.
 */
export async function startSpoilingProxy(profile: string, spoilCount: number): Promise<SpoilingProxy> {
  const plain = new ModelProvider({ latency: 'zero' });
  const target = (await plain.open(`sim:${profile}`)).baseURL.replace(/\/$/, '');
  let spoiled = 0;
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const upstream = await fetch(`${target}${request.url!.replace(/^\/v1/, '')}`, {
      method: request.method!,
      headers: { 'content-type': 'application/json', ...(request.headers['x-stainless-retry-count'] ? { 'x-stainless-retry-count': String(request.headers['x-stainless-retry-count']) } : {}) },
      ...(body === '' ? {} : { body }),
    });
    let text = await upstream.text();
    const isPackage = body.includes('"name":"lesson_package"');
    if (isPackage && upstream.ok && spoiled < spoilCount) {
      const completion = JSON.parse(text) as { choices: Array<{ message: { content: string } }> };
      const lesson = JSON.parse(completion.choices[0]!.message.content) as { quiz: Array<{ choices: string[]; answerIndex: number }> };
      lesson.quiz[0]!.answerIndex = lesson.quiz[0]!.choices.length;
      completion.choices[0]!.message.content = JSON.stringify(lesson);
      text = JSON.stringify(completion);
      spoiled++;
    }
    response.writeHead(upstream.status, { 'content-type': 'application/json' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const config = agentlabConfigSchema.parse({ models: { 'spoiled-formatter': { baseURL: `http://127.0.0.1:${port}/v1`, model: profile } } });
  const provider = new ModelProvider({ latency: 'zero', config });
  return {
    reference: 'spoiled-formatter',
    provider,
    spoiled: () => spoiled,
    async close() {
      await provider.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await plain.close();
    },
  };
}
