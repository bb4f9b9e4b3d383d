// Which proxy a URL goes through, from the variables as curl and undici read them, and the loopback rule.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, proxyFor, readProxySettings } from './proxy-settings.js';

function proxyOf(env: Record<string, string>, url: string): string | undefined {
  return proxyFor(readProxySettings(env), new URL(url))?.shown;
}

describe('proxyFor', () => {
  it('sends https through HTTPS_PROXY and http through HTTP_PROXY, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://secure.corp:3128', HTTP_PROXY: 'http://plain.corp:3128', https_proxy: 'http://lower.corp:8080' };
    expect(proxyOf(env, 'https://api.openai.com/v1')).toBe('http://lower.corp:8080/');
    expect(proxyOf(env, 'http://models.corp.example/v1')).toBe('http://plain.corp:3128/');
  });

  it('sends https through HTTP_PROXY when HTTPS_PROXY is not set, and nothing through a blank variable', () => {
    expect(proxyOf({ HTTP_PROXY: 'http://plain.corp:3128' }, 'https://api.openai.com/v1')).toBe('http://plain.corp:3128/');
    expect(proxyOf({ HTTPS_PROXY: '  ' }, 'https://api.openai.com/v1')).toBeUndefined();
    expect(proxyOf({}, 'https://api.openai.com/v1')).toBeUndefined();
  });

  it('reads a proxy without a scheme as http://, as curl does, and never shows its credentials', () => {
    expect(proxyOf({ HTTPS_PROXY: 'proxy.corp:3128' }, 'https://api.openai.com/v1')).toBe('http://proxy.corp:3128/');
    const choice = proxyFor(readProxySettings({ HTTPS_PROXY: 'http://me:s3cret@proxy.corp:3128' }), new URL('https://api.openai.com/v1'));
    expect(choice?.url).toBe('http://me:s3cret@proxy.corp:3128/');
    expect(choice?.shown).toBe('http://proxy.corp:3128/');
    expect(choice?.variable).toBe('HTTPS_PROXY');
  });

  it('names the variable of a proxy URL it cannot read', () => {
    expect(() => readProxySettings({ HTTPS_PROXY: 'http://[not a host' })).toThrow(/HTTPS_PROXY is not a proxy URL/);
  });

  it('goes direct to NO_PROXY hosts, their subdomains and ports, and everywhere with *', () => {
    const env = { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'internal.example, .corp.example,*.lab.example, vllm.example:8443' };
    expect(proxyOf(env, 'https://internal.example/v1')).toBeUndefined();
    expect(proxyOf(env, 'https://gpu1.internal.example/v1')).toBeUndefined();
    expect(proxyOf(env, 'https://models.corp.example/v1')).toBeUndefined();
    expect(proxyOf(env, 'https://a.lab.example/v1')).toBeUndefined();
    expect(proxyOf(env, 'https://vllm.example:8443/v1')).toBeUndefined();
    expect(proxyOf(env, 'https://vllm.example/v1')).toBe('http://proxy.corp:3128/');
    expect(proxyOf(env, 'https://notinternal.example/v1')).toBe('http://proxy.corp:3128/');
    expect(proxyOf({ ...env, no_proxy: '*' }, 'https://api.openai.com/v1')).toBeUndefined();
  });

  it('goes direct to loopback hosts unless the proxy is itself on loopback', () => {
    const remote = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128' };
    expect(proxyOf(remote, 'http://127.0.0.1:11434/v1')).toBeUndefined();
    expect(proxyOf(remote, 'http://localhost:11434/v1')).toBeUndefined();
    expect(proxyOf(remote, 'http://[::1]:8000/v1')).toBeUndefined();
    const local = { HTTP_PROXY: 'http://127.0.0.1:8080' };
    expect(proxyOf(local, 'http://localhost:11434/v1')).toBe('http://127.0.0.1:8080/');
    expect(proxyOf({ ...local, NO_PROXY: 'localhost' }, 'http://localhost:11434/v1')).toBeUndefined();
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['::2', false],
  ])('%s → %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));
});
