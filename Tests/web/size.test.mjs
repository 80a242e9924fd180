// The widget's weight budget: what a visitor downloads (every module widget.js loads), measured raw, as a
// minified-equivalent (comments, indentation and blank lines removed) and gzipped at level 9 (as served).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PUBLIC } from './helpers.mjs';

const FILES = ['widget.js', 'element.js', 'bubble.js', 'connection.js', 'protocol.js', 'i18n.js', 'rules.js', 'session.js', 'style.js', 'view.js'];

/** Strips comments that start a line, block comments, indentation and blank lines. Never touches strings. */
function minifiedEquivalent(source) {
  return source
    .replace(/^\s*\/\*[\s\S]*?\*\/\s*$/gm, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//') && !line.startsWith('*') && !line.startsWith('/**'))
    .join('\n');
}

export function widgetSize() {
  const sources = FILES.map((f) => readFileSync(new URL(`widget/${f}`, PUBLIC), 'utf8'));
  const raw = sources.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const min = sources.map(minifiedEquivalent);
  const minified = min.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const gzip = min.reduce((n, s) => n + gzipSync(s, { level: 9 }).length, 0);
  return { raw, minified, gzip };
}

// A regression budget on this crude estimate (no identifier mangling, so it reads ~30 % above a real minifier;
// `make size-widget` measures the real minified bundle with esbuild).
test('the widget stays within its weight budget', () => {
  const size = widgetSize();
  console.log(`# widget size: raw ${size.raw} B, comments/indentation stripped ${size.minified} B, gzip -9 ${size.gzip} B`);
  assert.ok(size.minified < 44 * 1024, `stripped ${size.minified} B`);
  assert.ok(size.gzip < 16 * 1024, `gzip ${size.gzip} B`);
});
