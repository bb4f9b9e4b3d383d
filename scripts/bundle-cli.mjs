// Bundles the compiled agentlab command (dist/cli/agentlab.js and what it imports) into a few files
// with esbuild, so that starting `agentlab` reads, resolves and links a few dozen files instead of
// about 900: on Node 20 (no compile cache) start-up was mostly the module loader's work, and an
// `agentlab eval` of one case spent about twice the CPU time of the same call from a bare openai
// client. Called by scripts/build.mjs; bin/agentlab.js runs the bundle when it is there.
//
// - Our modules and the packages every eval loads (openai, zod, undici, OpenTelemetry's API and SDK)
//   are bundled; every other package, and any package imported with `import()`, stays a plain
//   import resolved from node_modules as before (native addons, packages that find their own files
//   on disk, and the ones only some commands load, such as the OTLP exporters and Fastify).
// - What is imported lazily (the simulator, the report server, mathjs…) stays lazy: `splitting`
//   puts each dynamic import in a chunk of its own, loaded when it is first used.
// - zod's messages come in English only: its 60-odd other locales (`z.locales`, which agentlab never
//   sets) are left out, about 20 ms of compiling at every start.
// - A module that finds files beside itself (`new URL('../../datasets/…', import.meta.url)`) gets
//   its own compiled file's URL in place of `import.meta.url`, so every path resolves as unbundled.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Packages bundled with our code: those `agentlab eval` loads on every run. The rest stay external. */
const bundledPackages = ['openai', 'zod', 'undici', '@opentelemetry/'];

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function isBundledPackage(name) {
  return bundledPackages.some((entry) => (entry.endsWith('/') ? name.startsWith(entry) : name === entry));
}

/** The esbuild plugin: which imports stay external, and `import.meta.url` kept per compiled module. */
function agentlabBundlePlugin(compiledDirectory, outDirectory) {
  return {
    name: 'agentlab-bundle',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        // A package imported lazily stays external too: esbuild's chunk for a dynamically imported
        // CommonJS package exports only `default`, where Node gives its named exports as well
        // (`(await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter`).
        const external = args.path.startsWith('node:') || args.kind === 'dynamic-import' || !isBundledPackage(packageName(args.path));
        return external ? { path: args.path, external: true } : undefined;
      });
      build.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
        contents: "export { default as en } from './en.js';",
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }));
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(compiledDirectory + path.sep)) return undefined;
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return { contents, loader: 'js' };
        const fromBundle = path.relative(outDirectory, args.path).split(path.sep).join('/');
        return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js' };
      });
    },
  };
}

/**
 * Bundles `<compiledDirectory>/cli/agentlab.js` into `<compiledDirectory>/cli-bundle/`. Returns false,
 * leaving the unbundled build to run, when esbuild is not installed (it comes with tsx).
 */
export async function bundleCli(compiledDirectory) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.warn('build: esbuild is not installed, so the agentlab command runs unbundled (it starts slower)');
    return false;
  }
  const outDirectory = path.join(compiledDirectory, 'cli-bundle');
  await esbuild.build({
    entryPoints: [path.join(compiledDirectory, 'cli', 'agentlab.js')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // The ECMAScript-module builds where a package ships both: esbuild can then leave out what is
    // never imported (OpenTelemetry's semantic conventions are one CommonJS file of thousands of
    // constants, about 0.1 s to evaluate at start).
    mainFields: ['module', 'main'],
    target: 'node20',
    outdir: outDirectory,
    // Bundled CommonJS packages (undici, OpenTelemetry) call require() for Node's own modules.
    banner: { js: "import { createRequire as __agentlabCreateRequire } from 'node:module'; const require = __agentlabCreateRequire(import.meta.url);" },
    plugins: [agentlabBundlePlugin(compiledDirectory, outDirectory)],
    logLevel: 'warning',
  });
  return true;
}
