// What a page that embeds the widget downloads: widget.js, the modules element.js imports (followed statically,
// so the list cannot drift) and the visitor's language file from widget/texts/. Used by size.test.mjs (a crude
// budget without a minifier) and by `make size-widget`, which runs this file: every module minified on its own
// with esbuild (as served: no bundling, no tree shaking) and gzipped on its own (one response each).
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const WIDGET = new URL('../../Sources/ParleyServer/Public/widget/', import.meta.url);

/** The modules loaded at page load before any language file: widget.js, element.js and its static imports. */
export function pageModules() {
  const files = ['widget.js'];
  const visit = (file) => {
    if (files.includes(file)) return;
    files.push(file);
    const source = readFileSync(new URL(file, WIDGET), 'utf8');
    for (const [, path] of source.matchAll(/^import\s[^'"]*from\s+'\.\/([\w./-]+)'/gm)) visit(path);
  };
  visit('element.js');
  return files;
}

/** The language files (one is loaded per page; a language switch loads another). */
export function languageFiles() {
  return readdirSync(new URL('texts/', WIDGET)).filter((f) => f.endsWith('.js')).sort().map((f) => `texts/${f}`);
}

/** Raw, minified (by `minify`) and minified+gzip -9 bytes of each file. */
export function measure(files, minify) {
  return files.map((file) => {
    const source = readFileSync(new URL(file, WIDGET), 'utf8');
    const min = minify(file, source);
    return { file, raw: Buffer.byteLength(source), min: Buffer.byteLength(min), gzip: gzipSync(min, { level: 9 }).length };
  });
}

export const sum = (rows, key) => rows.reduce((n, r) => n + r[key], 0);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const esbuild = (file) => execFileSync('esbuild', ['--minify', '--log-level=warning', fileURLToPath(new URL(file, WIDGET))], { encoding: 'utf8' });
  const page = measure(pageModules(), esbuild);
  const languages = measure(languageFiles(), esbuild);
  const largest = languages.reduce((a, b) => (b.min > a.min ? b : a));
  const total = [...page, largest];
  const line = (rows) => `raw ${sum(rows, 'raw')} B, minified ${sum(rows, 'min')} B, minified+gzip -9 ${sum(rows, 'gzip')} B`;
  for (const r of [...page, ...languages]) console.log(`  ${r.file.padEnd(16)} raw ${String(r.raw).padStart(6)}  min ${String(r.min).padStart(6)}  gzip ${String(r.gzip).padStart(5)}`);
  console.log(`widget at page load (${page.length} modules + ${largest.file}, the largest language): ${line(total)}`);
  console.log(`opening the chat loads nothing more; a language switch adds one language file: at most ${largest.min} B minified, ${largest.gzip} B gzip`);
}
