// A signal for one request that follows the run's signal and lets go of it afterwards. Handing the
// run's own signal to every request would leave a listener per request on it (the openai client adds
// one each time), so a long run would trip Node's listener-leak warning.

export interface LinkedSignal {
  signal: AbortSignal | undefined;
  release(): void;
}

export function linkSignal(parent: AbortSignal | undefined): LinkedSignal {
  if (!parent) return { signal: undefined, release: () => undefined };
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  const follow = () => controller.abort(parent.reason);
  parent.addEventListener('abort', follow, { once: true });
  return { signal: controller.signal, release: () => parent.removeEventListener('abort', follow) };
}
